package dev.ampulla.presentation;

import dev.ampulla.feedback.FeedbackStore;
import dev.ampulla.feedback.PatientHasher;
import dev.ampulla.feedback.Snooze;
import dev.ampulla.feedback.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snooze on override: a patient-view card a clinician overrode is not shown again for that patient for a period while
 * it rests on the same facts. Snoozes are stored (keyed patient hash, topic, decisive facts) for every replica and
 * kept in memory ({@link SnoozeBook}), loaded at start and refreshed periodically. Off without a patient hash key
 * (nothing could say which patient a snooze is for) or with a period of 0.
 */
public final class Snoozes {
    private static final Logger LOG = LoggerFactory.getLogger(Snoozes.class);

    private final FeedbackStore store;
    private final PatientHasher hasher;
    private final Duration period;
    private final Clock clock;
    private final SnoozeBook book = new SnoozeBook();

    /** @param hasher the patient hash, or null: snooze is then off */
    public Snoozes(FeedbackStore store, PatientHasher hasher, Duration period, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.period = period;
        this.clock = clock;
    }

    public boolean enabled() {
        return hasher != null && !period.isZero();
    }

    /**
     * The patient's hash when a card of theirs may be snoozed; null when none can (snooze off, or no snooze at all):
     * most calls then compute nothing.
     */
    public String patientHashIfAny(String patientId) {
        return !enabled() || patientId == null || book.isEmpty() ? null : hasher.hash(patientId);
    }

    public boolean covers(String patientHash, String topic, String decisiveFacts) {
        return patientHash != null
                && decisiveFacts != null
                && book.covers(patientHash, topic, decisiveFacts, clock.millis());
    }

    /** A clinician overrode these cards of {@code serviceId} (a patient-view service): their advice is snoozed. */
    public void overridden(String serviceId, List<String> cardUuids) {
        if (!enabled()) {
            return;
        }
        for (String card : cardUuids) {
            try {
                Optional<Snooze> snooze =
                        store.snooze(serviceId, card, clock.instant().plus(period));
                snooze.ifPresent(book::add);
            } catch (StoreUnavailableException e) {
                LOG.warn("override not snoozed, the feedback store is unavailable: {}", FeedbackStore.describe(e));
            }
        }
    }

    /** Reads the active snoozes of every replica from the store (at start, then periodically). */
    public void refresh() {
        if (!enabled()) {
            return;
        }
        try {
            book.merge(store.activeSnoozes(clock.instant()), clock.millis());
        } catch (StoreUnavailableException e) {
            LOG.warn("snoozes not refreshed, the feedback store is unavailable: {}", FeedbackStore.describe(e));
        }
    }
}
