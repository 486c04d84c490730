package dev.ampulla.presentation;

import dev.ampulla.cdshooks.Card;

/** A computed card, what became of it, and the fingerprint of the facts it was decided on (or null). */
public record PresentedCard(Card card, Presentation presentation, String decisiveFacts) {}
