package dev.ampulla.extraction;

import java.util.List;

/**
 * A draft order for rectal-cancer treatment: {@code reference} is the order's relative reference
 * ({@code ServiceRequest/abc}), the target of a suggestion to remove it; {@code text} is the order's own wording
 * (free text from the EHR), or null. {@code reasons} are the Conditions its {@code reasonReference} names (ids);
 * {@code target} is what it is aimed at, {@code targetEvidence} why (plain text, null when unspecified) and
 * {@code aimBasis} what that was read from. {@code drugs} are the ingredients a medication order was recognised as
 * (e.g. {@code cetuximab}); empty for other orders.
 */
public record TreatmentOrder(
        OrderKind kind,
        String reference,
        String coding,
        String text,
        List<String> reasons,
        OrderTarget target,
        String targetEvidence,
        AimBasis aimBasis,
        List<String> drugs) {

    public TreatmentOrder {
        reasons = List.copyOf(reasons);
        drugs = List.copyOf(drugs);
    }

    /** An order that is not for a drug (radiotherapy, surgery, a chemotherapy procedure). */
    public TreatmentOrder(
            OrderKind kind,
            String reference,
            String coding,
            String text,
            List<String> reasons,
            OrderTarget target,
            String targetEvidence,
            AimBasis aimBasis) {
        this(kind, reference, coding, text, reasons, target, targetEvidence, aimBasis, List.of());
    }

    /** The same order, its target decided against the patient's record. */
    public TreatmentOrder aimedAt(OrderTarget newTarget, String evidence) {
        return new TreatmentOrder(kind, reference, coding, text, reasons, newTarget, evidence, AimBasis.REASON, drugs);
    }
}
