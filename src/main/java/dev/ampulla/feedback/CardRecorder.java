package dev.ampulla.feedback;

import dev.ampulla.cdshooks.Card;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
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
 * Records issued cards off the hook's hot path: a hook hands its cards over with {@link #offer} (never blocking) and
 * one background thread writes them in batches. When the queue is full or the store is down, the cards are not
 * recorded and the gap is counted ({@code ampulla_cards_unrecorded_total}); the hook has already answered.
 */
public final class CardRecorder implements MeterBinder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CardRecorder.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** One call's cards, reduced to what is stored, so the queue holds little while the writer gathers calls. */
    private record Pending(String patientId, List<IssuedCard> cards) {}

    private final FeedbackStore store;
    private final PatientHasher patientHasher;
    private final BatchWriter<Pending> writer;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong droppedQueueFull = new AtomicLong();
    private final AtomicLong droppedStoreDown = new AtomicLong();
    private long lastWarning = System.nanoTime() - WARN_INTERVAL_NANOS;

    /**
     * @param patientHashKey key of the HMAC kept to count distinct patients, or null to keep nothing of the patient
     * @param capacity most calls' cards waiting to be written
     */
    public CardRecorder(FeedbackStore store, byte[] patientHashKey, int capacity) {
        this.store = store;
        this.patientHasher = patientHashKey == null ? null : new PatientHasher(patientHashKey);
        this.writer = new BatchWriter<>("ampulla-card-recorder", capacity, this::write);
    }

    /**
     * Hands over one call's cards; returns at once.
     *
     * @param issuer the client the cards were issued to ({@code iss}), or null in open mode
     */
    public void offer(String serviceId, String issuer, String patientId, List<Card> cards) {
        offerPresented(
                serviceId,
                issuer,
                patientId,
                cards.stream()
                        .map(c -> new RecordableCard(c, IssuedCard.SHOWN, null))
                        .toList());
    }

    /** As {@link #offer}, each card with what became of it and the fingerprint of its decisive facts. */
    public void offerPresented(String serviceId, String issuer, String patientId, List<RecordableCard> cards) {
        if (cards.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        List<IssuedCard> issued = new ArrayList<>(cards.size());
        for (RecordableCard c : cards) {
            issued.add(IssuedCard.of(c.card(), serviceId, issuer, now, c.presentation(), c.decisiveFacts()));
        }
        if (!writer.offer(new Pending(patientId, issued))) {
            droppedQueueFull.addAndGet(cards.size());
        }
    }

    /** Waits until everything offered so far has been written or given up on (tests, shutdown). */
    public boolean flush(Duration within) {
        return writer.flush(within);
    }

    public long recorded() {
        return recorded.get();
    }

    /** Cards not recorded: the queue was full, or the store was down. */
    public long unrecorded() {
        return droppedQueueFull.get() + droppedStoreDown.get();
    }

    private void write(List<Pending> batch) {
        List<IssuedCard> cards = new ArrayList<>();
        try {
            for (Pending p : batch) {
                String hash = hash(p.patientId());
                for (IssuedCard c : p.cards()) {
                    cards.add(hash == null ? c : c.withPatientHash(hash));
                }
            }
            store.recordCards(cards);
            recorded.addAndGet(cards.size());
        } catch (RuntimeException e) {
            droppedStoreDown.addAndGet(
                    batch.stream().mapToLong(p -> p.cards().size()).sum());
            long now = System.nanoTime();
            if (now - lastWarning >= WARN_INTERVAL_NANOS) {
                lastWarning = now;
                LOG.warn(
                        "issued cards not recorded, the feedback store is unavailable: {} (unrecorded so far: {})",
                        e instanceof StoreUnavailableException u
                                ? FeedbackStore.describe(u)
                                : e.getClass().getSimpleName(),
                        unrecorded());
            }
        }
    }

    private String hash(String patientId) {
        return patientHasher == null || patientId == null ? null : patientHasher.hash(patientId);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("ampulla.cards.recorded", recorded, AtomicLong::get)
                .description("Issued cards written to the feedback store")
                .register(registry);
        FunctionCounter.builder("ampulla.cards.unrecorded", droppedQueueFull, AtomicLong::get)
                .description("Issued cards not written to the feedback store")
                .tag("reason", "queue-full")
                .register(registry);
        FunctionCounter.builder("ampulla.cards.unrecorded", droppedStoreDown, AtomicLong::get)
                .description("Issued cards not written to the feedback store")
                .tag("reason", "store-unavailable")
                .register(registry);
        Gauge.builder("ampulla.cards.recording.queue", writer, BatchWriter::queued)
                .description("Calls whose cards wait to be written")
                .register(registry);
    }

    @Override
    public void close() {
        writer.close();
    }
}
