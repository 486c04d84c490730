package dev.ampulla.feedback;

import dev.ampulla.pathway.OrderDecision;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records signed treatment orders off the hook's hot path, as {@link CardRecorder} records cards: order-sign hands
 * its decisions over with {@link #offer} (never blocking) and a {@link BatchWriter} writes them in batches. The
 * patient's and the order's identifiers are hashed on that thread and never stored. When the queue is full or the
 * store is down, the orders are not recorded and the gap is counted ({@code ampulla_orders_unrecorded_total}).
 */
public final class OrderRecorder implements MeterBinder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderRecorder.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Pending(String patientId, String issuer, long signedAtMillis, List<OrderDecision> decisions) {}

    private final FeedbackStore store;
    private final KeyedHash hash;
    private final String packVersion;
    private final java.time.Clock clock;
    private final BatchWriter<Pending> writer;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong unrecorded = new AtomicLong();
    private long lastWarning = System.nanoTime() - WARN_INTERVAL_NANOS;

    /**
     * @param patientHashKey the patient hash key, or null to keep no patient key (duplicates are then recognised by
     *     the order alone)
     * @param packVersion the knowledge pack's version, recorded with each order
     * @param clock when an order is signed: the service's clock (the system clock, or a fixed day for examples)
     * @param capacity most order-sign calls waiting to be written
     */
    public OrderRecorder(
            FeedbackStore store, byte[] patientHashKey, String packVersion, java.time.Clock clock, int capacity) {
        this.store = store;
        this.clock = clock;
        this.hash = new KeyedHash(patientHashKey);
        this.packVersion = packVersion;
        this.writer = new BatchWriter<>("ampulla-order-recorder", capacity, this::write);
    }

    /** Hands over one order-sign call's decisions; returns at once. */
    public void offer(String issuer, String patientId, List<OrderDecision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        if (!writer.offer(
                new Pending(patientId, IssuedCard.clip(issuer, 300), clock.millis(), List.copyOf(decisions)))) {
            unrecorded.addAndGet(decisions.size());
        }
    }

    /** Waits until everything offered so far has been written or given up on (tests, shutdown). */
    public boolean flush(Duration within) {
        return writer.flush(within);
    }

    private void write(List<Pending> batch) {
        List<SignedOrder> orders = new ArrayList<>();
        for (Pending p : batch) {
            String patientKey = hash.keyed() && p.patientId() != null ? hash.of(p.patientId()) : "";
            for (OrderDecision d : p.decisions()) {
                orders.add(new SignedOrder(
                        hash.of(patientKey + "|" + d.orderReference()),
                        patientKey,
                        p.signedAtMillis(),
                        p.issuer(),
                        packVersion,
                        d));
            }
        }
        try {
            store.recordSignedOrders(orders);
            recorded.addAndGet(orders.size());
        } catch (RuntimeException e) {
            unrecorded.addAndGet(orders.size());
            long now = System.nanoTime();
            if (now - lastWarning >= WARN_INTERVAL_NANOS) {
                lastWarning = now;
                LOG.warn(
                        "signed orders not recorded, the feedback store is unavailable: {} (unrecorded so far: {})",
                        e instanceof StoreUnavailableException u
                                ? FeedbackStore.describe(u)
                                : e.getClass().getSimpleName(),
                        unrecorded.get());
            }
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("ampulla.orders.recorded", recorded, AtomicLong::get)
                .description("Signed treatment orders written to the feedback store")
                .register(registry);
        FunctionCounter.builder("ampulla.orders.unrecorded", unrecorded, AtomicLong::get)
                .description("Signed treatment orders not written to the feedback store")
                .register(registry);
    }

    @Override
    public void close() {
        writer.close();
    }
}
