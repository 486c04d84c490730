package dev.ampulla.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.cdshooks.CdsRequest;
import dev.ampulla.extraction.UncheckedOrder;
import dev.ampulla.fhir.FhirFetcher;
import dev.ampulla.knowledge.CodeSystems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources draft orders refer to on the FHIR server, when they are neither contained in the order nor sent
 * beside it in {@code draftOrders}: the Medication a MedicationRequest names by reference (as Epic's CDS Hooks
 * orders do), and the volume BodyStructures a CodeX radiotherapy prescription doses (what it is aimed at). They are
 * read from {@code fhirServer} like patient data, with the same token and limits, within the call's fetch deadline.
 * An order whose Medication cannot be had is not checked, and says why; a volume that cannot be had leaves the order's
 * aim unsaid.
 */
final class ReferencedResources {
    /** A relative reference on the FHIR server, optionally versioned; the id is a FHIR id. */
    private static final Pattern SERVER_REFERENCE =
            Pattern.compile("(Medication|BodyStructure)/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?");

    /** What was read: the resources found, and the orders whose Medication could not be had. */
    record Read(List<ObjectNode> resources, List<UncheckedOrder> unchecked) {}

    /**
     * What the orders' references need: the Medications to read from the server (order reference → id), the volumes
     * to read (ids), and the orders whose Medication reference can be resolved nowhere.
     */
    record Plan(Map<String, String> medications, Set<String> volumes, List<UncheckedOrder> unresolvable) {
        boolean fetches() {
            return !medications.isEmpty() || !volumes.isEmpty();
        }
    }

    private ReferencedResources() {}

    static Plan plan(List<ObjectNode> orders, List<ObjectNode> beside, String fhirServer) {
        Set<String> sent = new HashSet<>();
        for (ObjectNode resource : beside) {
            sent.add(resource.path("resourceType").asText() + "/"
                    + resource.path("id").asText(""));
        }
        Map<String, String> medications = new LinkedHashMap<>();
        Set<String> volumes = new LinkedHashSet<>();
        List<UncheckedOrder> unresolvable = new ArrayList<>();
        for (ObjectNode order : orders) {
            switch (order.path("resourceType").asText()) {
                case "MedicationRequest" -> {
                    JsonNode reference = order.path("medicationReference").path("reference");
                    if (reference.isTextual()) {
                        medication(order, reference.textValue(), sent, fhirServer, medications, unresolvable);
                    }
                }
                case "ServiceRequest" -> {
                    for (JsonNode dose : order.path("extension")) {
                        if (!CodeSystems.CODEXRT_DOSE_PRESCRIBED_TO_VOLUME.equals(
                                dose.path("url").asText())) {
                            continue;
                        }
                        for (JsonNode part : dose.path("extension")) {
                            JsonNode reference = part.path("valueReference").path("reference");
                            String id = "volume".equals(part.path("url").asText()) && reference.isTextual()
                                    ? serverId(reference.textValue(), "BodyStructure", fhirServer)
                                    : null;
                            if (id != null && !sent.contains("BodyStructure/" + id)) {
                                volumes.add(id);
                            }
                        }
                    }
                }
                default -> {
                    // no other order type refers to anything the checks read
                }
            }
        }
        return new Plan(medications, volumes, unresolvable);
    }

    private static void medication(
            ObjectNode order,
            String reference,
            Set<String> sent,
            String fhirServer,
            Map<String, String> toFetch,
            List<UncheckedOrder> unresolvable) {
        String name = "MedicationRequest/" + order.path("id").asText("(no id)");
        if (reference.startsWith("#")) {
            if (!containsId(order.path("contained"), "Medication", reference.substring(1))) {
                unresolvable.add(new UncheckedOrder(
                        name,
                        "its medicationReference " + reference
                                + " names a contained Medication the order does not contain"));
            }
            return;
        }
        String id = serverId(reference, "Medication", fhirServer);
        if (id == null) {
            unresolvable.add(new UncheckedOrder(
                    name,
                    "its medicationReference is neither a Medication on the FHIR"
                            + " server nor one sent beside the orders"));
        } else if (!sent.contains("Medication/" + id)) {
            toFetch.put(name, id);
        }
    }

    private static boolean containsId(JsonNode contained, String type, String id) {
        for (JsonNode resource : contained) {
            if (type.equals(resource.path("resourceType").asText())
                    && id.equals(resource.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The id of a resource of {@code type} on the FHIR server that a reference names: relative, or absolute under
     * {@code fhirServer}. Contained ({@code #id}) and other servers' references are not fetched.
     */
    private static String serverId(String reference, String type, String fhirServer) {
        String relative = reference;
        if (fhirServer != null && reference.startsWith(fhirServer.endsWith("/") ? fhirServer : fhirServer + "/")) {
            relative = reference.substring(fhirServer.length()).replaceFirst("^/", "");
        }
        Matcher m = SERVER_REFERENCE.matcher(relative);
        return m.matches() && m.group(1).equals(type) ? m.group(2) : null;
    }

    /** Reads what the plan needs, all at once, by {@code deadline}. */
    static Read read(Plan plan, CdsRequest request, FhirFetcher fetcher, CallContext context, long deadline) {
        List<UncheckedOrder> unchecked = new ArrayList<>(plan.unresolvable());
        if (!plan.fetches()) {
            return new Read(List.of(), unchecked);
        }
        if (request.fhirServer() == null) {
            plan.medications()
                    .forEach(
                            (order, id) -> unchecked.add(
                                    new UncheckedOrder(
                                            order,
                                            "its Medication/" + id
                                                    + " is neither contained in it nor sent beside it, and the request names no fhirServer")));
            return new Read(List.of(), unchecked);
        }
        FhirServerAccess.checkMayContact(request, context.caller());
        Map<String, String> queries = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(plan.medications().values())) {
            queries.put("Medication/" + id, "Medication/" + id);
        }
        for (String id : plan.volumes()) {
            queries.put("BodyStructure/" + id, "BodyStructure/" + id);
        }
        String token = request.fhirAuthorization() == null
                ? null
                : request.fhirAuthorization().accessToken();
        long start = System.nanoTime();
        Map<String, FhirFetcher.Outcome> outcomes =
                fetcher.fetchAll(FhirServerAccess.base(request), token, queries, deadline, context.heap());
        context.trace().fetched(System.nanoTime() - start);
        List<ObjectNode> resources = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        outcomes.forEach((key, outcome) -> {
            String type = key.substring(0, key.indexOf('/'));
            if (outcome instanceof FhirFetcher.Outcome.Fetched fetched
                    && fetched.resources().size() == 1
                    && type.equals(
                            fetched.resources().get(0).path("resourceType").asText())) {
                // keyed by the id the order names, whatever the server's copy calls itself
                resources.add(fetched.resources().get(0).deepCopy().put("id", key.substring(type.length() + 1)));
            } else {
                failures.put(
                        key,
                        outcome instanceof FhirFetcher.Outcome.Failed failed
                                ? failed.reason()
                                : "the FHIR server's answer is not a " + type);
            }
        });
        plan.medications().forEach((order, id) -> {
            String reason = failures.get("Medication/" + id);
            if (reason != null) {
                unchecked.add(new UncheckedOrder(
                        order, "its Medication/" + id + " could not be read from the FHIR server (" + reason + ")"));
            }
        });
        return new Read(resources, unchecked);
    }
}
