package dev.ampulla.ops;

import dev.ampulla.service.CallTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ampulla's Prometheus metrics: hook calls and their latency per service and status, time spent fetching patient data
 * versus in the clinical engine, cards by topic and indicator, where prefetch data came from, feedback, refusals, and
 * the JVM. Labels are service ids, statuses and code values only: never patient data.
 */
public final class Metrics implements AutoCloseable {
    /** One card as the metrics see it. */
    public record CardLabel(String topic, String indicator) {
    }

    /** Histogram buckets from a quarter millisecond (a call answered from prefetch) to the 5 s a hung fetch gets. */
    private static final Duration[] BUCKETS = java.util.stream.LongStream.of(250, 500, 1_000, 2_000, 5_000, 10_000,
            25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000)
            .mapToObj(Duration::ofNanos).map(d -> d.multipliedBy(1000)).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Records one answered (or refused) hook call. */
    public void hookCall(String service, int status, long durationNanos, CallTrace trace, List<CardLabel> cards) {
        timer("ampulla.hook.requests", "Hook calls, by service and HTTP status", "service", service, "status",
                Integer.toString(status)).record(durationNanos, TimeUnit.NANOSECONDS);
        if (trace == null) {
            return;
        }
        if (trace.fetchNanos() > 0) {
            timer("ampulla.hook.phase", "Time in each phase of a hook call", "service", service, "phase", "fetch")
                    .record(trace.fetchNanos(), TimeUnit.NANOSECONDS);
        }
        if (trace.engineNanos() > 0) {
            timer("ampulla.hook.phase", "Time in each phase of a hook call", "service", service, "phase", "engine")
                    .record(trace.engineNanos(), TimeUnit.NANOSECONDS);
        }
        for (Map.Entry<String, CallTrace.KeySource> key : trace.keys().entrySet()) {
            counter("ampulla.prefetch.keys", "Prefetch keys by where their data came from", "key", key.getKey(),
                    "source", key.getValue().name().toLowerCase(java.util.Locale.ROOT)).increment();
        }
        for (CardLabel card : cards) {
            counter("ampulla.cards", "Cards returned, by service, topic and indicator", "service", service, "topic",
                    card.topic(), "indicator", card.indicator()).increment();
        }
    }

    /** A call refused before it reached a service: {@code busy} (admission control) or {@code unauthenticated}. */
    public void refused(String reason) {
        counter("ampulla.refused", "Calls refused before reaching a service", "reason", reason).increment();
    }

    /** One feedback item received. */
    public void feedback(String service, String outcome) {
        counter("ampulla.feedback", "Feedback items received, by service and outcome", "service", service, "outcome",
                outcome).increment();
    }

    /** The Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    public MeterRegistry registry() {
        return registry;
    }

    private Timer timer(String name, String description, String... tags) {
        return timers.computeIfAbsent(key(name, tags), k -> Timer.builder(name).description(description).tags(tags)
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(key(name, tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    private static List<String> key(String name, String... tags) {
        String[] key = new String[tags.length + 1];
        key[0] = name;
        System.arraycopy(tags, 0, key, 1, tags.length);
        return List.of(key);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
