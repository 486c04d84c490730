package dev.ampulla.feedback;

import dev.ampulla.pathway.OrderDecision;

/**
 * What the store keeps of one signed treatment order: keyed hashes instead of the order's and patient's identifiers
 * ({@code patientKey} is empty without a patient hash key), when it was signed, and how it stood against the pathway.
 */
public record SignedOrder(
        String orderKey,
        String patientKey,
        long signedAtMillis,
        String issuer,
        String packVersion,
        OrderDecision decision) {}
