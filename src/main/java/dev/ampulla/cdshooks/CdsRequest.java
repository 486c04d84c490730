package dev.ampulla.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated CDS Hooks 2.0 request. Unknown members and {@code extension}s are ignored. {@code prefetch} keeps the
 * distinction the specification makes: a key that is absent was not satisfied; a key whose value is JSON
 * {@code null} means the client looked and found nothing.
 */
public record CdsRequest(
        String hook,
        String hookInstance,
        String fhirServer,
        FhirAuthorization fhirAuthorization,
        ObjectNode context,
        ObjectNode prefetch) {

    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private static final Pattern FHIR_ID = Pattern.compile("^[A-Za-z0-9\\-.]{1,64}$");
    private static final Pattern BEARER_TOKEN = Pattern.compile("^[A-Za-z0-9\\-._~+/]+=*$");

    private static boolean isHttpUrl(String s) {
        try {
            java.net.URI uri = new java.net.URI(s);
            return uri.isAbsolute()
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The patient the hook is about ({@code context.patientId}). */
    public String patientId() {
        return context.path("patientId").asText();
    }

    /** What the client sent for one prefetch key. */
    public enum PrefetchState {
        ABSENT,
        NULL,
        PRESENT
    }

    public PrefetchState prefetchState(String key) {
        if (prefetch == null || !prefetch.has(key)) {
            return PrefetchState.ABSENT;
        }
        return prefetch.get(key).isNull() ? PrefetchState.NULL : PrefetchState.PRESENT;
    }

    public JsonNode prefetchValue(String key) {
        return prefetch == null ? null : prefetch.get(key);
    }

    /**
     * Validates a parsed request body for a service registered for {@code expectedHook}.
     *
     * @throws CdsProtocolException 400 naming the first problem found
     */
    /**
     * Validates a parsed request body for a service registered for {@code expectedHook}, within the limits.
     *
     * @throws CdsProtocolException 400 naming the first problem found, 413 when it carries too many resources
     */
    public static CdsRequest parse(JsonNode body, String expectedHook, RequestLimits limits) {
        if (!(body instanceof ObjectNode root)) {
            throw CdsProtocolException.badRequest("structure", "The request body must be a JSON object.");
        }
        String hook = requiredString(root, "hook");
        if (!hook.equals(expectedHook)) {
            throw CdsProtocolException.badRequest(
                    "invalid", "This service answers the '" + expectedHook + "' hook, not '" + clip(hook) + "'.");
        }
        String hookInstance = requiredString(root, "hookInstance");
        if (!UUID.matcher(hookInstance).matches()) {
            throw CdsProtocolException.badRequest("invalid", "hookInstance must be a UUID.");
        }
        JsonNode contextNode = root.get("context");
        if (!(contextNode instanceof ObjectNode context)) {
            throw CdsProtocolException.badRequest("required", "context is required and must be a JSON object.");
        }
        requiredString(context, "userId", "context.userId");
        String patientId = requiredString(context, "patientId", "context.patientId");
        if (!FHIR_ID.matcher(patientId).matches()) {
            throw CdsProtocolException.badRequest(
                    "invalid", "context.patientId must be a FHIR id (letters, digits, '-' and '.', at most 64).");
        }
        if (Hooks.ORDER_SELECT.equals(hook) || Hooks.ORDER_SIGN.equals(hook)) {
            validateDraftOrders(context, Hooks.ORDER_SELECT.equals(hook));
            if (context.path("draftOrders").path("entry").size() > limits.maxDraftOrders()) {
                throw CdsProtocolException.badRequest(
                        "too-costly", "context.draftOrders holds more than " + limits.maxDraftOrders() + " orders.");
            }
        }

        String fhirServer = optionalString(root, "fhirServer");
        if (fhirServer != null && !isHttpUrl(fhirServer)) {
            throw CdsProtocolException.badRequest("invalid", "fhirServer must be an absolute http(s) URL.");
        }
        FhirAuthorization authorization = fhirAuthorization(root.get("fhirAuthorization"));
        if (authorization != null && fhirServer == null) {
            throw CdsProtocolException.badRequest("required", "fhirServer is required when fhirAuthorization is sent.");
        }
        JsonNode prefetchNode = root.get("prefetch");
        if (prefetchNode != null && !prefetchNode.isNull() && !prefetchNode.isObject()) {
            throw CdsProtocolException.badRequest("structure", "prefetch must be a JSON object.");
        }
        ObjectNode prefetch = prefetchNode instanceof ObjectNode p ? p : null;
        long resources = resources(context.path("draftOrders"));
        if (prefetch != null) {
            for (JsonNode value : prefetch) {
                resources += resources(value);
            }
        }
        if (resources > limits.maxResources()) {
            throw new CdsProtocolException(
                    413, "too-costly", "The request carries more than " + limits.maxResources() + " FHIR resources.");
        }
        return new CdsRequest(hook, hookInstance, fhirServer, authorization, context, prefetch);
    }

    /**
     * The resources a value holds, counted where they would be read: a Bundle's entries, and the entries of Bundles
     * inside it, at any depth (the JSON depth limit bounds the recursion).
     */
    private static long resources(JsonNode value) {
        if (!"Bundle".equals(value.path("resourceType").asText(""))) {
            return value.isObject() ? 1 : 0;
        }
        long n = 0;
        for (JsonNode entry : value.path("entry")) {
            n += resources(entry.path("resource"));
        }
        return n;
    }

    /** The orders the hook acts on: the selected ones for order-select, every draft order for order-sign. */
    private static final Set<String> REFERENCED_TYPES = Set.of("Medication", "BodyStructure");

    public List<ObjectNode> ordersActedOn() {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode selections = context.get("selections");
        for (JsonNode entry : context.path("draftOrders").path("entry")) {
            if (entry.path("resource") instanceof ObjectNode order
                    && (selections == null || contains(selections, reference(order)))) {
                out.add(order);
            }
        }
        return out;
    }

    /**
     * The resources sent beside the draft orders that orders refer to: Medications (named by a {@code
     * medicationReference}) and BodyStructures (a radiotherapy prescription's volumes).
     */
    public List<ObjectNode> draftOrderResources() {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode entry : context.path("draftOrders").path("entry")) {
            if (entry.path("resource") instanceof ObjectNode resource
                    && REFERENCED_TYPES.contains(resource.path("resourceType").asText())) {
                out.add(resource);
            }
        }
        return out;
    }

    private static void validateDraftOrders(ObjectNode context, boolean withSelections) {
        JsonNode drafts = context.get("draftOrders");
        if (drafts == null || drafts.isNull()) {
            throw CdsProtocolException.badRequest("required", "context.draftOrders is required.");
        }
        if (!drafts.isObject() || !"Bundle".equals(drafts.path("resourceType").asText())) {
            throw CdsProtocolException.badRequest("structure", "context.draftOrders must be a FHIR Bundle.");
        }
        JsonNode entries = drafts.get("entry");
        if (entries != null && !entries.isArray()) {
            throw CdsProtocolException.badRequest("structure", "context.draftOrders.entry must be an array.");
        }
        Set<String> references = new HashSet<>();
        for (JsonNode entry : drafts.path("entry")) {
            JsonNode resource = entry.get("resource");
            if (resource == null
                    || !resource.isObject()
                    || !resource.path("resourceType").isTextual()) {
                throw CdsProtocolException.badRequest(
                        "structure", "Every context.draftOrders entry must hold a FHIR resource.");
            }
            references.add(reference((ObjectNode) resource));
        }
        if (!withSelections) {
            return;
        }
        JsonNode selections = context.get("selections");
        if (selections == null || selections.isNull()) {
            throw CdsProtocolException.badRequest("required", "context.selections is required.");
        }
        if (!selections.isArray() || selections.isEmpty()) {
            throw CdsProtocolException.badRequest("structure", "context.selections must be a non-empty array.");
        }
        for (int i = 0; i < selections.size(); i++) {
            JsonNode s = selections.get(i);
            if (!s.isTextual() || !references.contains(s.asText())) {
                throw CdsProtocolException.badRequest(
                        "invalid",
                        "context.selections[" + i + "] must name an order in context.draftOrders as ResourceType/id.");
            }
        }
    }

    private static String reference(ObjectNode resource) {
        return resource.path("resourceType").asText() + "/"
                + resource.path("id").asText();
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static FhirAuthorization fhirAuthorization(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw CdsProtocolException.badRequest("structure", "fhirAuthorization must be a JSON object.");
        }
        JsonNode accessToken = node.get("access_token");
        if (accessToken != null
                && accessToken.isTextual()
                && accessToken.asText().isBlank()) {
            // what the CDS Hooks sandbox (in its open mode) and some CRD clients send when they have no token
            return null;
        }
        String token = requiredString(node, "access_token", "fhirAuthorization.access_token");
        if (!BEARER_TOKEN.matcher(token).matches()) {
            // RFC 6750 b64token characters only: anything else could not be sent in an Authorization header
            throw CdsProtocolException.badRequest("invalid", "fhirAuthorization.access_token is not a bearer token.");
        }
        String type = requiredString(node, "token_type", "fhirAuthorization.token_type");
        if (!"bearer".equalsIgnoreCase(type)) {
            throw CdsProtocolException.badRequest("invalid", "fhirAuthorization.token_type must be 'Bearer'.");
        }
        JsonNode expires = node.get("expires_in");
        if (expires == null || !expires.canConvertToLong()) {
            throw CdsProtocolException.badRequest("required", "fhirAuthorization.expires_in must be a number.");
        }
        String scope = requiredString(node, "scope", "fhirAuthorization.scope");
        String subject = requiredString(node, "subject", "fhirAuthorization.subject");
        return new FhirAuthorization(token, type, expires.asLong(), scope, subject, optionalString(node, "patient"));
    }

    private static String requiredString(JsonNode node, String field) {
        return requiredString(node, field, field);
    }

    private static String requiredString(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw CdsProtocolException.badRequest("required", path + " is required.");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw CdsProtocolException.badRequest("invalid", path + " must be a non-empty string.");
        }
        return value.asText();
    }

    private static String optionalString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw CdsProtocolException.badRequest("invalid", field + " must be a non-empty string.");
        }
        return value.asText();
    }

    /** Caller-supplied text echoed in an error is cut short, so an error never carries a large payload back. */
    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
