package dev.ampulla.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Calls of the three hooks as an EHR makes them: with the request's prefetch, or fetching from a FHIR server. */
public final class HookCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HookCalls() {}

    public static String path(String hook) {
        return switch (hook) {
            case "patient-view" -> "/cds-services/rectal-cancer-pathways";
            case "order-select" -> "/cds-services/rectal-cancer-order-select";
            default -> "/cds-services/rectal-cancer-order-sign";
        };
    }

    /** Posts the request to the hook's service; the answer must be 200 and a valid CDS Hooks response. */
    public static JsonNode post(int port, String hook, ObjectNode request) throws Exception {
        String body = given().port(port)
                .contentType("application/json")
                .body(request.toString())
                .post(path(hook))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode answer = JSON.readTree(body);
        CardChecks.assertSpecValid(answer);
        return answer;
    }

    /** The request without prefetch: Ampulla reads everything from {@code fhir}, with its access token. */
    public static ObjectNode fetching(ObjectNode request, FhirTestServer fhir) {
        ObjectNode fetched = request.deepCopy();
        fetched.remove("prefetch");
        fetched.put("fhirServer", fhir.base());
        fetched.putObject("fhirAuthorization")
                .put("access_token", FhirTestServer.TOKEN)
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "user/*.read")
                .put("subject", "ampulla");
        return fetched;
    }
}
