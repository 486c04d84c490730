package dev.ampulla.extraction;

/**
 * A draft order for rectal-cancer treatment: {@code reference} is the order's relative reference
 * ({@code ServiceRequest/abc}), the target of a suggestion to remove it; {@code text} is the order's own wording
 * (free text from the EHR), or null.
 */
public record TreatmentOrder(OrderKind kind, String reference, String coding, String text) {
}
