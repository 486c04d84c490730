package dev.ampulla.presentation;

import dev.ampulla.feedback.Snooze;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The active snoozes in memory, by patient hash, so that a patient-view call looks them up without the database. Read
 * without locking (the map is replaced, never changed); snoozes are only ever added, and dropped once ended.
 */
public final class SnoozeBook {
    private volatile Map<String, List<Snooze>> byPatient = Map.of();

    public boolean isEmpty() {
        return byPatient.isEmpty();
    }

    public boolean covers(String patientHash, String topic, String decisiveFacts, long nowMillis) {
        for (Snooze s : byPatient.getOrDefault(patientHash, List.of())) {
            if (s.untilMillis() > nowMillis
                    && s.topic().equals(topic)
                    && s.decisiveFacts().equals(decisiveFacts)) {
                return true;
            }
        }
        return false;
    }

    public synchronized void add(Snooze snooze) {
        merge(List.of(snooze), System.currentTimeMillis());
    }

    /**
     * Adds the snoozes read from the store (other replicas' too) and drops those that ended. Merged rather than
     * replaced: a snooze added here while the store was being read is kept.
     */
    public synchronized void merge(List<Snooze> snoozes, long nowMillis) {
        Map<String, List<Snooze>> next = new HashMap<>();
        List<Snooze> all = new ArrayList<>(snoozes);
        byPatient.values().forEach(all::addAll);
        for (Snooze s : all) {
            if (s.untilMillis() <= nowMillis) {
                continue;
            }
            List<Snooze> mine = next.computeIfAbsent(s.patientHash(), k -> new ArrayList<>(2));
            mine.removeIf(o -> o.topic().equals(s.topic())
                    && o.decisiveFacts().equals(s.decisiveFacts())
                    && o.untilMillis() <= s.untilMillis());
            if (mine.stream()
                    .noneMatch(o ->
                            o.topic().equals(s.topic()) && o.decisiveFacts().equals(s.decisiveFacts()))) {
                mine.add(s);
            }
        }
        next.replaceAll((k, v) -> List.copyOf(v));
        byPatient = Map.copyOf(next);
    }
}
