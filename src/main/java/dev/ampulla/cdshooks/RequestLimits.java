package dev.ampulla.cdshooks;

/** How much a single request may carry: FHIR resources in prefetch and context, and draft orders. */
public record RequestLimits(int maxResources, int maxDraftOrders) {

    public static final RequestLimits DEFAULT = new RequestLimits(10_000, 200);
}
