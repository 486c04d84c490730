package dev.ampulla.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.Application;
import dev.ampulla.knowledge.check.GoldenJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Order-hook calls through a running Ampulla, every way an EHR may make them: order-sign or order-select (all
 * drafted orders selected), with the patient's data prefetched or fetched from a real HAPI FHIR server that holds
 * the fhir-examples patients (and whatever a test loads into it: Medications, BodyStructures). Both ways must give
 * the same cards.
 */
public final class OrderCalls implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FhirTestServer fhir;
    private final Application ampulla;

    /** The hooks and the two ways of getting the patient's data. */
    public enum Way {
        SIGN_PREFETCHED("order-sign", true),
        SIGN_FETCHED("order-sign", false),
        SELECT_PREFETCHED("order-select", true),
        SELECT_FETCHED("order-select", false);

        final String hook;
        final boolean prefetched;

        Way(String hook, boolean prefetched) {
            this.hook = hook;
            this.prefetched = prefetched;
        }
    }

    public OrderCalls() throws Exception {
        fhir = new FhirTestServer(1000).requireToken(false).loadExamples();
        // generous deadlines: these tests check what is read, not how fast (the test machine is shared)
        ampulla = TestServer.startWith(
                Map.of("fhir-deadline-ms", "5000", "request-deadline-ms", "15000", "fhir-connect-timeout-ms", "2000"));
    }

    public FhirTestServer fhir() {
        return fhir;
    }

    /** Stores resources in the FHIR server (as a transaction of PUTs would). */
    public void store(List<? extends JsonNode> resources) {
        ObjectNode bundle =
                JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction");
        ArrayNode entries = bundle.putArray("entry");
        resources.forEach(r -> entries.addObject().set("resource", r));
        fhir.load(bundle.toString());
    }

    /** An order-sign example request, as a tree to change. */
    public static ObjectNode signExample(String slug) {
        try {
            return (ObjectNode) JSON.readTree(Examples.read(Examples.request("order-sign", slug)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The order-sign request made the given way, posted; the answer (checked against the CDS Hooks spec). */
    public JsonNode post(Way way, ObjectNode signRequest) {
        ObjectNode request = signRequest.deepCopy();
        if (way.hook.equals("order-select")) {
            request.put("hook", "order-select");
            ArrayNode selections = ((ObjectNode) request.get("context")).putArray("selections");
            for (JsonNode entry : request.at("/context/draftOrders/entry")) {
                String type = entry.at("/resource/resourceType").asText();
                if (type.equals("ServiceRequest") || type.equals("MedicationRequest")) {
                    selections.add(type + "/" + entry.at("/resource/id").asText());
                }
            }
        }
        if (way.prefetched) {
            request.put("fhirServer", fhir.base()); // for what draft orders refer to; the patient data is sent
        } else {
            request.remove("prefetch");
            request.put("fhirServer", fhir.base());
        }
        String answer = given().port(ampulla.port())
                .contentType("application/json")
                .body(request.toString())
                .when()
                .post("/cds-services/rectal-cancer-" + way.hook)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            JsonNode json = JSON.readTree(answer);
            CardChecks.assertSpecValid(json);
            return json;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer's card topics, in order; checks that prefetched and fetched patient data give the same cards. */
    public List<String> topics(Way way, ObjectNode signRequest) {
        JsonNode answer = post(way, signRequest);
        if (way.prefetched) {
            Way fetched = way == Way.SIGN_PREFETCHED ? Way.SIGN_FETCHED : Way.SELECT_FETCHED;
            assertEquals(
                    GoldenJson.normalise(answer.toString()),
                    GoldenJson.normalise(post(fetched, signRequest).toString()),
                    "the cards with prefetch (expected) and with the patient's data fetched (actual)");
        }
        return topics(answer);
    }

    public static List<String> topics(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("cards").forEach(c -> out.add(c.at("/source/topic/code").asText()));
        return out;
    }

    @Override
    public void close() {
        ampulla.close();
        fhir.close();
    }
}
