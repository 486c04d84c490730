package dev.ampulla.feedback;

import dev.ampulla.knowledge.PathwayAgreement;
import dev.ampulla.knowledge.TreatmentModality;
import dev.ampulla.pathway.OrderDecision;
import java.time.Instant;

/** Signed orders for the store contract: radiotherapy orders of a patient under R6 (on), R7 (off) or none (outside). */
final class SignedOrders {
    private SignedOrders() {}

    static SignedOrder on(String order, String patient, Instant at) {
        return signed(order, patient, at, PathwayAgreement.ON, "R6", null);
    }

    static SignedOrder off(String order, String patient, Instant at, String warningCard) {
        return signed(order, patient, at, PathwayAgreement.OFF, "R7", warningCard);
    }

    static SignedOrder outside(String order, String patient, Instant at) {
        return signed(order, patient, at, PathwayAgreement.OUTSIDE, null, null);
    }

    private static SignedOrder signed(
            String order, String patient, Instant at, PathwayAgreement agreement, String rule, String warningCard) {
        return new SignedOrder(
                "key-" + order,
                "hash-" + patient,
                at.toEpochMilli(),
                null,
                "4.0.0",
                new OrderDecision(
                        "ServiceRequest/" + order,
                        TreatmentModality.RADIOTHERAPY,
                        null,
                        agreement,
                        rule == null ? null : "topic-" + rule,
                        rule,
                        "IIIB",
                        "middle-rectum",
                        "untreated",
                        warningCard == null ? null : "R12",
                        warningCard));
    }
}
