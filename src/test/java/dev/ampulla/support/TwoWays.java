package dev.ampulla.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.Application;
import dev.ampulla.knowledge.check.GoldenJson;
import java.util.Map;

/**
 * Posts a patient-view for a patient Bundle to a running Ampulla both ways an EHR may call it — with the prefetch
 * filled as the discovery templates ask, and without prefetch against a real HAPI FHIR server holding the Bundle —
 * and checks that both give the same cards. The FHIR server needs no token, so nothing about the call is secret.
 */
public final class TwoWays implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FhirTestServer fhir;
    private final Application ampulla;

    public TwoWays() throws Exception {
        fhir = new FhirTestServer(1000).requireToken(false);
        // generous deadlines: these tests check what is read, not how fast (the test machine is shared)
        ampulla = TestServer.startWith(
                Map.of("fhir-deadline-ms", "5000", "request-deadline-ms", "15000", "fhir-connect-timeout-ms", "2000"));
    }

    public FhirTestServer fhir() {
        return fhir;
    }

    /** The port of the Ampulla under test, for calls of other hooks or shapes. */
    public int port() {
        return ampulla.port();
    }

    /** Loads the Bundle into the FHIR server, posts both calls and returns the answer (the same both ways). */
    public JsonNode cards(ObjectNode bundle) throws Exception {
        fhir.load(bundle.toString());
        String prefetched = post(RealWorldRecords.prefetchRequest(bundle));
        String fetched = post(RealWorldRecords.fetchRequest(bundle, fhir.base()));
        assertEquals(
                GoldenJson.normalise(prefetched),
                GoldenJson.normalise(fetched),
                "the cards with prefetch (expected) and fetched from the FHIR server (actual)");
        JsonNode answer = JSON.readTree(prefetched);
        CardChecks.assertSpecValid(answer);
        return answer;
    }

    private String post(String body) {
        return given().port(ampulla.port())
                .contentType("application/json")
                .body(body)
                .when()
                .post("/cds-services/rectal-cancer-pathways")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Override
    public void close() {
        ampulla.close();
        fhir.close();
    }
}
