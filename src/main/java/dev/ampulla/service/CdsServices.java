package dev.ampulla.service;

import dev.ampulla.cdshooks.RequestLimits;
import dev.ampulla.fhir.FhirFetcher;
import java.util.List;

/** Ampulla's three CDS services, as the server offers them and {@code evaluate} answers with them. */
public final class CdsServices {
    private CdsServices() {}

    public static List<CdsService> all(RectalCancerAdvisor advisor, FhirFetcher fetcher, RequestLimits limits) {
        return all(advisor, fetcher, limits, SignedOrderSink.NONE);
    }

    /** @param signed where order-sign hands its treatment orders' standing against the pathway */
    public static List<CdsService> all(
            RectalCancerAdvisor advisor, FhirFetcher fetcher, RequestLimits limits, SignedOrderSink signed) {
        return List.of(
                new PatientViewService(advisor, fetcher, limits),
                OrderService.select(advisor, fetcher, limits),
                OrderService.sign(advisor, fetcher, limits, signed));
    }
}
