package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import io.restassured.response.ValidatableResponse;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a FHIR server answers is read as prefetched data is: the same resources give the same cards, an element the
 * rules do not read cannot spoil an answer, and an answer, or a resource in it, that is not FHIR makes the data
 * unavailable (412; optional Procedures are reported as missing), never a 400 or a 500. The FHIR server is a stub
 * answering each search with the example's prefetched Bundle, or with what a test puts in its place.
 */
class FetchedAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/cds-services/rectal-cancer-pathways";
    private static final String SLUG = "03-stage-iia-middle-rectum";

    private static HttpServer stub;
    /** Resource type searched → the answer's body. */
    private static final Map<String, String> answers = new ConcurrentHashMap<>();

    private static ObjectNode request;

    @BeforeAll
    static void start() throws Exception {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/fhir/", exchange -> {
            String type = exchange.getRequestURI().getPath().substring("/fhir/".length());
            byte[] body = answers.getOrDefault(type, "").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(answers.containsKey(type) ? 200 : 404, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        request = (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest(SLUG)));
    }

    @AfterAll
    static void stop() {
        stub.stop(0);
    }

    @BeforeEach
    void prefetchedBundles() {
        for (String key : new String[] {
            "conditions",
            "observations",
            "procedures",
            "medicationAdministrations",
            "medicationStatements",
            "medicationRequests"
        }) {
            JsonNode bundle = request.at("/prefetch/" + key);
            String type = switch (key) {
                case "conditions" -> "Condition";
                case "observations" -> "Observation";
                case "medicationAdministrations" -> "MedicationAdministration";
                case "medicationStatements" -> "MedicationStatement";
                case "medicationRequests" -> "MedicationRequest";
                default -> "Procedure";
            };
            answers.put(type, bundle.toString());
        }
    }

    private static ObjectNode bundle(String type) throws Exception {
        return (ObjectNode) JSON.readTree(answers.get(type));
    }

    /** The first entry resource of the answer for {@code type} with the given id. */
    private static ObjectNode entry(ObjectNode bundle, String id) {
        for (JsonNode e : bundle.get("entry")) {
            if (id.equals(e.at("/resource/id").asText())) {
                return (ObjectNode) e.get("resource");
            }
        }
        throw new AssertionError("no " + id);
    }

    private static ValidatableResponse fetchAll() {
        ObjectNode fetching = request.deepCopy();
        fetching.remove("prefetch");
        fetching.put("fhirServer", "http://127.0.0.1:" + stub.getAddress().getPort() + "/fhir");
        return given().port(TestServer.port())
                .contentType("application/json")
                .body(fetching.toString())
                .post(PATH)
                .then();
    }

    private static JsonNode cards(ValidatableResponse response) throws Exception {
        JsonNode json = JSON.readTree(response.statusCode(200).extract().asString());
        strip(json);
        return json;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("uuid");
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            strip(it.next());
        }
    }

    private static JsonNode prefetchedCards() throws Exception {
        return cards(given().port(TestServer.port())
                .contentType("application/json")
                .body(request.toString())
                .post(PATH)
                .then());
    }

    private static void assertUnavailable(ValidatableResponse response, String key) {
        response.statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body(
                        "issue[0].diagnostics",
                        containsString(key + " (the FHIR server's answer is not valid FHIR R4" + " JSON)"));
    }

    @Test
    void theExampleBundlesFetchedGiveThePrefetchCards() throws Exception {
        assertEquals(prefetchedCards(), cards(fetchAll()));
    }

    @Test
    void elementsTheRulesDoNotReadCannotSpoilAFetchedAnswer() throws Exception {
        ObjectNode observations = bundle("Observation");
        ObjectNode ct = entry(observations, "rc03-ct");
        ct.put("subject", "Patient/rc03"); // a string where FHIR has a Reference
        ct.putArray("note").add(3);
        answers.put("Observation", observations.toString());
        assertEquals(prefetchedCards(), cards(fetchAll()));
    }

    @Test
    void anAnswerThatIsNotJsonMakesTheDataUnavailable() {
        answers.put("Condition", "<html>Service unavailable</html>");
        assertUnavailable(fetchAll(), "conditions");
    }

    @Test
    void anAnswerThatIsNotAFhirResourceMakesTheDataUnavailable() {
        answers.put("Condition", "{\"resourceType\": \"Spreadsheet\", \"rows\": []}");
        assertUnavailable(fetchAll(), "conditions");
        answers.put("Condition", "[{\"resourceType\": \"Condition\"}]");
        assertUnavailable(fetchAll(), "conditions");
    }

    @Test
    void aBundleWhoseEnvelopeOrEntriesAreNotFhirMakesTheDataUnavailable() throws Exception {
        ObjectNode conditions = bundle("Condition");
        conditions.put("total", "many");
        answers.put("Condition", conditions.toString());
        assertUnavailable(fetchAll(), "conditions");

        conditions = bundle("Condition");
        ((ObjectNode) conditions.get("entry").get(0)).put("resource", "Condition/rc03-primary");
        answers.put("Condition", conditions.toString());
        assertUnavailable(fetchAll(), "conditions");

        conditions = bundle("Condition");
        ((ObjectNode) conditions.get("entry").get(0)).putObject("resource").put("resourceType", "Diagnosis");
        answers.put("Condition", conditions.toString());
        assertUnavailable(fetchAll(), "conditions");
    }

    /**
     * An answer larger than the answer cap (4 MiB by default) is neither kept nor parsed: its data is unavailable,
     * whatever it holds (a server answering a search with one huge page cannot fill the heap).
     */
    @Test
    void anAnswerLargerThanTheCapIsNotRead() throws Exception {
        ObjectNode conditions = bundle("Condition");
        ((ObjectNode) conditions.at("/entry/0/resource"))
                .putObject("text")
                .put("status", "generated")
                .put("div", "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + "x".repeat(5 << 20) + "</div>");
        answers.put("Condition", conditions.toString());
        fetchAll().statusCode(412).body("issue[0].diagnostics", containsString("larger than 4194304 bytes"));
    }

    /** The fetched-resources cap (5,000 by default) counts the entries of a Bundle nested in an entry too. */
    @Test
    void resourcesInANestedBundleCountTowardsTheCap() throws Exception {
        ObjectNode conditions = bundle("Condition");
        ObjectNode nested =
                JSON.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        for (int i = 0; i < 5001; i++) { // small ones, so the answer stays under the answer cap
            nested.withArray("entry")
                    .addObject()
                    .putObject("resource")
                    .put("resourceType", "Condition")
                    .put("id", "c" + i);
        }
        conditions.withArray("entry").addObject().set("resource", nested);
        answers.put("Condition", conditions.toString());
        fetchAll()
                .statusCode(412)
                .body(
                        "issue[0].diagnostics",
                        containsString("conditions (the search returned more than 5000 resources)"));
    }

    @Test
    void anUnreadableResourceInAFetchedAnswerIs412NotABadRequest() throws Exception {
        ObjectNode observations = bundle("Observation");
        entry(observations, "rc03-ct").put("effectiveDateTime", "the ninth of January");
        answers.put("Observation", observations.toString());
        assertUnavailable(fetchAll(), "observations");
    }

    @Test
    void anUnreadableFetchedProcedureMakesTheProceduresUnknown() throws Exception {
        ObjectNode procedures =
                JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ObjectNode fine = procedures
                .putArray("entry")
                .addObject()
                .putObject("resource")
                .put("resourceType", "Procedure")
                .put("id", "p1")
                .put("status", "completed");
        fine.putObject("subject").put("reference", "Patient/rc03");
        ((com.fasterxml.jackson.databind.node.ArrayNode) procedures.get("entry"))
                .addObject()
                .putObject("resource")
                .put("resourceType", "Procedure")
                .put("id", "p2")
                .put("status", "done in March");
        answers.put("Procedure", procedures.toString());
        String detail = JSON.readTree(fetchAll().statusCode(200).extract().asString())
                .at("/cards/1/detail")
                .asText();
        assertTrue(detail.contains("did not provide the patient's Procedures"), detail);
    }
}
