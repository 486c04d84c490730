package dev.ampulla.feedback;

import dev.ampulla.cdshooks.Card;

/**
 * A card to record, with what became of it ({@code shown}, {@code hidden}, {@code hidden-by-option}, {@code silent},
 * {@code snoozed}) and the fingerprint of the facts it was decided on (or null).
 */
public record RecordableCard(Card card, String presentation, String decisiveFacts) {}
