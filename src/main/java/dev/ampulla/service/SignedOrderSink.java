package dev.ampulla.service;

import dev.ampulla.pathway.OrderDecision;
import java.util.List;

/** Where order-sign hands how its treatment orders stand against the pathway; must return at once. */
@FunctionalInterface
public interface SignedOrderSink {
    /** Keeps nothing: tools, warm-up calls. */
    SignedOrderSink NONE = (issuer, patientId, decisions) -> {};

    /** @param issuer the calling client's {@code iss}, or null in open mode */
    void signed(String issuer, String patientId, List<OrderDecision> decisions);
}
