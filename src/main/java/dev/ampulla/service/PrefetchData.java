package dev.ampulla.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.cdshooks.CdsRequest;
import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.fhir.PatientRecordBuilder;
import dev.ampulla.knowledge.CodeSets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the patient's data from a request's prefetch (CDS Hooks 2.0 §Prefetch, checklist 3.8): a key with value
 * {@code null} or an empty Bundle means "no data"; an absent key, an OperationOutcome or a Bundle holding one means
 * the client could not provide it. Required data that was not provided gets 412 Precondition Failed; optional data
 * (Procedures) is recorded as unknown, and the cards say so.
 */
final class PrefetchData {
    private PrefetchData() {
    }

    static PatientRecord read(CdsRequest request) {
        PatientRecordBuilder builder = new PatientRecordBuilder(CodeSets.OBSERVATIONS_USED::contains);
        List<String> unavailable = new ArrayList<>();
        for (PrefetchKey key : PrefetchKey.values()) {
            if (key.need() == PrefetchKey.Need.NOT_USED) {
                continue;
            }
            boolean provided = switch (request.prefetchState(key.key())) {
                case ABSENT -> false;
                case NULL -> true; // the client looked and found nothing
                case PRESENT -> {
                    JsonNode value = request.prefetchValue(key.key());
                    if (isFailure(value)) {
                        yield false;
                    }
                    builder.add(value);
                    yield true;
                }
            };
            if (!provided && key.need() == PrefetchKey.Need.REQUIRED) {
                unavailable.add(key.key());
            } else if (!provided && key == PrefetchKey.PROCEDURES) {
                builder.proceduresUnknown();
            }
        }
        if (!unavailable.isEmpty()) {
            throw new CdsProtocolException(412, "not-found", "Prefetch data needed by this service was not provided: "
                    + String.join(", ", unavailable) + ". Send these prefetch keys (see discovery); fetching them"
                    + " from fhirServer is not supported by this version.");
        }
        return builder.build();
    }

    private static boolean isFailure(JsonNode value) {
        if (!value.isObject()) {
            throw CdsProtocolException.badRequest("structure", "A prefetch value must be a FHIR resource or null.");
        }
        String type = value.path("resourceType").asText("");
        if ("OperationOutcome".equals(type)) {
            return true;
        }
        if ("Bundle".equals(type)) {
            for (JsonNode entry : value.path("entry")) {
                if ("OperationOutcome".equals(entry.path("resource").path("resourceType").asText(""))
                        && !"outcome".equals(entry.path("search").path("mode").asText(""))) {
                    return true;
                }
            }
        }
        return false;
    }
}
