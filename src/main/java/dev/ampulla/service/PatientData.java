package dev.ampulla.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.cdshooks.CdsRequest;
import dev.ampulla.fhir.FhirFetcher;
import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.fhir.PatientRecordBuilder;
import dev.ampulla.fhir.UnreadableResourceException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gets the patient's data for a hook call, exactly as CDS Hooks 2.0 §Prefetch describes (checklist 3.8): for each
 * prefetch key, a value of {@code null} or an empty Bundle means "no data"; an absent key, an OperationOutcome or a
 * Bundle holding one is fetched from {@code fhirServer}; a Bundle with a {@code next} link is followed. All fetches
 * run at once. Required data that cannot be had gets 412 Precondition Failed naming it; optional data
 * (Procedures, medication records, biomarkers, patient status, the Patient) is recorded as unknown, and the cards
 * say so.
 */
final class PatientData {
    private final FhirFetcher fetcher;

    PatientData(FhirFetcher fetcher) {
        this.fetcher = fetcher;
    }

    PatientRecord read(CdsRequest request, CallContext context) {
        return read(request, context, FhirServerAccess.deadline(fetcher, context));
    }

    /** The patient's data, anything fetched fetched by {@code deadline} ({@link System#nanoTime()}). */
    PatientRecord read(CdsRequest request, CallContext context, long deadline) {
        PatientRecordBuilder builder = new PatientRecordBuilder(ClinicalSelection.INSTANCE);
        Map<String, String> toFetch = new LinkedHashMap<>();
        for (PrefetchKey key : PrefetchKey.values()) {
            switch (request.prefetchState(key.key())) {
                case ABSENT -> toFetch.put(key.key(), query(key, request.patientId()));
                case NULL -> context.trace().key(key.key(), CallTrace.KeySource.EMPTY);
                case PRESENT -> {
                    JsonNode value = request.prefetchValue(key.key());
                    if (isFailure(value)) {
                        toFetch.put(key.key(), query(key, request.patientId()));
                    } else {
                        context.trace()
                                .key(
                                        key.key(),
                                        value.path("entry").isEmpty()
                                                        && "Bundle"
                                                                .equals(value.path("resourceType")
                                                                        .asText())
                                                ? CallTrace.KeySource.EMPTY
                                                : CallTrace.KeySource.PREFETCHED);
                        builder.add(value);
                        String next = nextLink(value);
                        if (next != null) {
                            toFetch.put(key.key(), next);
                        }
                    }
                }
            }
        }
        if (!toFetch.isEmpty()) {
            fetch(request, context, toFetch, builder, deadline);
        }
        return builder.build();
    }

    private void fetch(
            CdsRequest request,
            CallContext context,
            Map<String, String> toFetch,
            PatientRecordBuilder builder,
            long deadline) {
        List<String> unavailable = new ArrayList<>();
        CallTrace trace = context.trace();
        if (request.fhirServer() == null) {
            for (String key : toFetch.keySet()) {
                unavailable(key, "not in prefetch, and the request names no fhirServer", builder, unavailable);
                trace.key(key, CallTrace.KeySource.UNAVAILABLE);
            }
        } else {
            FhirServerAccess.checkMayContact(request, context.caller());
            URI base = FhirServerAccess.base(request);
            String token = request.fhirAuthorization() == null
                    ? null
                    : request.fhirAuthorization().accessToken();
            long start = System.nanoTime();
            Map<String, FhirFetcher.Outcome> outcomes =
                    fetcher.fetchAll(base, token, toFetch, deadline, context.heap());
            trace.fetched(System.nanoTime() - start);
            for (Map.Entry<String, FhirFetcher.Outcome> o : outcomes.entrySet()) {
                if (o.getValue() instanceof FhirFetcher.Outcome.Fetched fetched) {
                    try {
                        builder.addAll(fetched.resources());
                        trace.key(o.getKey(), CallTrace.KeySource.FETCHED);
                    } catch (UnreadableResourceException e) {
                        // what the client's server sent is not FHIR: the data could not be obtained, as when the
                        // answer as a whole is not FHIR (not a malformed request, and not a failure of Ampulla)
                        trace.key(o.getKey(), CallTrace.KeySource.UNAVAILABLE);
                        unavailable(o.getKey(), FhirFetcher.INVALID_ANSWER, builder, unavailable);
                    }
                } else {
                    trace.key(o.getKey(), CallTrace.KeySource.UNAVAILABLE);
                    unavailable(o.getKey(), ((FhirFetcher.Outcome.Failed) o.getValue()).reason(), builder, unavailable);
                }
            }
        }
        if (!unavailable.isEmpty()) {
            throw new CdsProtocolException(
                    412,
                    "not-found",
                    "prefetch-unavailable",
                    "Patient data needed by this service could not be obtained: " + String.join("; ", unavailable)
                            + ".");
        }
    }

    private static void unavailable(String key, String reason, PatientRecordBuilder builder, List<String> out) {
        if (PrefetchKey.PROCEDURES.key().equals(key)) {
            builder.proceduresUnknown();
        } else if (PrefetchKey.byKey(key).isMedicationRecords()) {
            builder.medicationsUnknown();
        } else if (PrefetchKey.BIOMARKERS.key().equals(key)) {
            builder.biomarkersUnknown();
        } else if (PrefetchKey.PATIENT_STATUS.key().equals(key)) {
            builder.statusUnknown();
        } else if (!PrefetchKey.PATIENT.key().equals(key)) { // without the Patient, the age stays unknown
            out.add(key + " (" + reason + ")");
        }
    }

    /** The key's template for this patient; the request was rejected unless the id is a FHIR id (no URL syntax). */
    private static String query(PrefetchKey key, String patientId) {
        return key.template().replace("{{context.patientId}}", patientId);
    }

    private static String nextLink(JsonNode value) {
        for (JsonNode link : value.path("link")) {
            if ("next".equals(link.path("relation").asText())
                    && link.path("url").isTextual()) {
                return link.get("url").asText();
            }
        }
        return null;
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
                if ("OperationOutcome"
                                .equals(entry.path("resource")
                                        .path("resourceType")
                                        .asText(""))
                        && !"outcome".equals(entry.path("search").path("mode").asText(""))) {
                    return true;
                }
            }
        }
        return false;
    }
}
