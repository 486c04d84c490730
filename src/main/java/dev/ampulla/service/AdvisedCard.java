package dev.ampulla.service;

import dev.ampulla.cdshooks.Card;

/** A card with the fingerprint of the facts its advice was decided on ({@link dev.ampulla.pathway.DecisiveFacts}). */
public record AdvisedCard(Card card, String decisiveFacts) {}
