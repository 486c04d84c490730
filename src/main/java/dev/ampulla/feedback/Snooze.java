package dev.ampulla.feedback;

/**
 * Advice a clinician overrode: for the patient with this keyed hash, cards of this topic resting on these decisive
 * facts are not shown at patient-view until {@code untilMillis}.
 */
public record Snooze(String patientHash, String topic, String decisiveFacts, long untilMillis) {}
