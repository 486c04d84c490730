package dev.ampulla.service;

import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.cdshooks.CdsRequest;
import dev.ampulla.fhir.FhirFetcher;
import dev.ampulla.security.Caller;
import dev.ampulla.security.NetworkPolicy;
import java.net.URI;

/** What every read from a CDS client's FHIR server goes through: the guard before contact, and one deadline. */
final class FhirServerAccess {

    private FhirServerAccess() {}

    /** The time by which a call's reads from the FHIR server must be done: the fetch limit, within the call's. */
    static long deadline(FhirFetcher fetcher, CallContext context) {
        return Math.min(
                context.deadlineNanos(),
                System.nanoTime() + fetcher.limits().deadline().toNanos());
    }

    static URI base(CdsRequest request) {
        return URI.create(request.fhirServer());
    }

    /**
     * Server-side request forgery guard, before any outbound request: a trusted client may only name its own FHIR
     * servers, and nobody may make Ampulla call link-local or cloud-metadata addresses.
     */
    static void checkMayContact(CdsRequest request, Caller caller) {
        URI base = base(request);
        if (!caller.mayUseFhirServer(base)) {
            throw new CdsProtocolException(
                    403,
                    "forbidden",
                    "fhir-server-not-trusted",
                    "fhirServer is not a FHIR server this client is trusted to use (see the trust file).");
        }
        String refusal = NetworkPolicy.refusal(base.getHost());
        if (refusal != null) {
            throw new CdsProtocolException(403, "forbidden", "fhir-server-address-refused", refusal + ".");
        }
    }
}
