package dev.ampulla.ops;

import dev.ampulla.security.AuthenticationFailure;
import dev.ampulla.service.CallTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import io.prometheus.metrics.core.metrics.Info;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ampulla's Prometheus metrics: hook calls and their latency per service and status, time spent fetching patient data
 * versus in the clinical engine, FHIR queries by server, cards by topic and indicator, where prefetch data came from,
 * feedback, refusals and authentication failures by reason, readiness, the build, and the JVM. Labels are service ids,
 * statuses, code values and FHIR server origins only: never patient data.
 */
public final class Metrics implements AutoCloseable {
    /** The service label of refusals at discovery ({@code GET /cds-services}). */
    public static final String DISCOVERY = "discovery";
    /** The service label of refusals at {@code /analytics/concordance}. */
    public static final String ANALYTICS = "analytics";
    /** The service label of refusals at {@code /metrics}. */
    public static final String METRICS = "metrics";

    /** One card as the metrics see it. */
    public record CardLabel(String topic, String indicator) {}

    /** Histogram buckets from a quarter millisecond (a call answered from prefetch) to the 5 s a hung fetch gets. */
    private static final Duration[] BUCKETS = java.util.stream.LongStream.of(
                    250, 500, 1_000, 2_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000,
                    2_500_000, 5_000_000)
            .mapToObj(Duration::ofNanos)
            .map(d -> d.multipliedBy(1000))
            .toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final ServerOrigins fhirServers = new ServerOrigins();

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
        timer(
                        "ampulla.hook.requests",
                        "Hook calls, by service and HTTP status",
                        "service",
                        service,
                        "status",
                        Integer.toString(status))
                .record(durationNanos, TimeUnit.NANOSECONDS);
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
            counter(
                            "ampulla.prefetch.keys",
                            "Prefetch keys by where their data came from",
                            "key",
                            key.getKey(),
                            "source",
                            key.getValue().name().toLowerCase(java.util.Locale.ROOT))
                    .increment();
        }
        for (CardLabel card : cards) {
            counter(
                            "ampulla.cards",
                            "Cards returned, by service, topic and indicator",
                            "service",
                            service,
                            "topic",
                            card.topic(),
                            "indicator",
                            card.indicator())
                    .increment();
        }
    }

    /** {@code ampulla_build_info{version,knowledge_version} 1}: which Ampulla and which knowledge pack answer. */
    public void buildInfo(String version, String knowledgeVersion) {
        Info.builder()
                .name("ampulla_build_info")
                .help("Ampulla's version and its knowledge pack's version")
                .labelNames("version", "knowledge_version")
                .register(registry.getPrometheusRegistry())
                .setLabelValues(version, knowledgeVersion);
    }

    /** {@code ampulla_ready}: 1 once warm-up is done and the replica takes traffic, 0 before. */
    public void readiness(BooleanSupplier ready) {
        Gauge.builder("ampulla.ready", () -> ready.getAsBoolean() ? 1 : 0)
                .description("1 when the replica is ready for traffic (/health/ready answers 200)")
                .register(registry);
    }

    /**
     * Registers every refusal and authentication-failure series at 0, so that the first scrape shows them and
     * {@code increase()} sees their first occurrence: for each hook service (its calls and its feedback) all reasons,
     * and for discovery, the report and the metrics the reasons that can occur there.
     */
    public void registerRefusals(List<String> hookServices) {
        for (String service : hookServices) {
            for (Refusal reason : Refusal.values()) {
                refusedCounter(service, reason);
            }
        }
        for (Refusal reason : List.of(Refusal.UNAUTHENTICATED, Refusal.BUSY, Refusal.CLIENT_SHARE)) {
            refusedCounter(DISCOVERY, reason);
        }
        refusedCounter(ANALYTICS, Refusal.UNAUTHENTICATED);
        refusedCounter(ANALYTICS, Refusal.BUSY);
        refusedCounter(METRICS, Refusal.UNAUTHENTICATED);
        List<String> jwtServices = new java.util.ArrayList<>(hookServices);
        jwtServices.add(DISCOVERY);
        jwtServices.add(ANALYTICS);
        for (String service : jwtServices) {
            for (AuthenticationFailure.Reason reason : AuthenticationFailure.Reason.values()) {
                if (reason != AuthenticationFailure.Reason.WRONG_TOKEN || service.equals(ANALYTICS)) {
                    authenticationCounter(service, reason);
                }
            }
        }
        authenticationCounter(METRICS, AuthenticationFailure.Reason.MISSING_TOKEN);
        authenticationCounter(METRICS, AuthenticationFailure.Reason.WRONG_TOKEN);
    }

    /** A call refused before it reached a service. */
    public void refused(String service, Refusal reason) {
        refusedCounter(service, reason).increment();
    }

    /** A call whose client JWT (or metrics or analytics token) was not accepted. */
    public void authenticationFailed(String service, AuthenticationFailure.Reason reason) {
        authenticationCounter(service, reason).increment();
    }

    /** One FHIR query (a search through its pages, or a read) of a hook call, by the server's origin. */
    public void fhirQuery(URI base, boolean succeeded) {
        counter(
                        "ampulla.fhir.queries",
                        "FHIR queries of hook calls, by FHIR server origin and outcome",
                        "server",
                        fhirServers.label(base),
                        "outcome",
                        succeeded ? "ok" : "failed")
                .increment();
    }

    private Counter refusedCounter(String service, Refusal reason) {
        return counter(
                "ampulla.refused",
                "Calls refused before reaching a service, by service and reason",
                "service",
                service,
                "reason",
                reason.code());
    }

    private Counter authenticationCounter(String service, AuthenticationFailure.Reason reason) {
        return counter(
                "ampulla.authentication.failures",
                "Calls whose credentials were not accepted, by service and" + " reason",
                "service",
                service,
                "reason",
                reason.code());
    }

    /** One feedback item received. */
    public void feedback(String service, String outcome) {
        counter(
                        "ampulla.feedback",
                        "Feedback items received, by service and outcome",
                        "service",
                        service,
                        "outcome",
                        outcome)
                .increment();
    }

    /**
     * One computed card the clinician was not shown ({@code ampulla_cards_suppressed_total}), by service, topic and
     * reason: control (the deployment's card controls), option (the call's options), silent, snooze.
     */
    public void suppressed(String service, String topic, String reason) {
        counter(
                        "ampulla.cards.suppressed",
                        "Computed cards not shown, by service, topic and reason",
                        "service",
                        service,
                        "topic",
                        topic,
                        "reason",
                        reason)
                .increment();
    }

    /** The Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    public MeterRegistry registry() {
        return registry;
    }

    private Timer timer(String name, String description, String... tags) {
        return timers.computeIfAbsent(
                key(name, tags),
                k -> Timer.builder(name)
                        .description(description)
                        .tags(tags)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry));
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(
                key(name, tags),
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
