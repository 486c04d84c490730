package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.Application;
import dev.ampulla.knowledge.check.GoldenJson;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import dev.ampulla.support.FhirTestServer;
import dev.ampulla.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prefetched and fetched patient data take the same way into the record: every example patient gets the same cards
 * from its request with full prefetch as from the same request without prefetch, its data fetched from a real FHIR
 * server holding the examples.
 */
class PrefetchFetchParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/cds-services/rectal-cancer-pathways";

    private static FhirTestServer fhir;
    private static Application ampulla;

    @BeforeAll
    static void start() throws Exception {
        fhir = new FhirTestServer(1000).loadExamples();
        // generous deadlines: this checks what is fetched, not how fast (the test machine is shared)
        ampulla = TestServer.startWith(
                Map.of("fhir-deadline-ms", "5000", "request-deadline-ms", "15000", "fhir-connect-timeout-ms", "2000"));
    }

    @AfterAll
    static void stop() {
        ampulla.close();
        fhir.close();
    }

    /** The answer, spec-checked, with the per-call uuids of cards and suggestions masked. */
    private static String cards(ObjectNode request) throws Exception {
        String body = given().port(ampulla.port())
                .contentType("application/json")
                .body(request.toString())
                .post(PATH)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        CardChecks.assertSpecValid(JSON.readTree(body));
        return GoldenJson.normalise(body);
    }

    @Test
    void everyExamplePatientGetsTheSameCardsPrefetchedAndFetched() throws Exception {
        int patients = 0;
        int withCards = 0;
        for (String slug : Examples.patientSlugs()) {
            ObjectNode prefetched = (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest(slug)));
            String expected = cards(prefetched);

            ObjectNode fetched = prefetched.deepCopy();
            fetched.remove("prefetch");
            fetched.put("fhirServer", fhir.base());
            fetched.putObject("fhirAuthorization")
                    .put("access_token", FhirTestServer.TOKEN)
                    .put("token_type", "Bearer")
                    .put("expires_in", 300)
                    .put(
                            "scope",
                            "user/Patient.read user/Condition.read user/Observation.read user/Procedure.read"
                                    + " user/MedicationAdministration.read user/MedicationStatement.read"
                                    + " user/MedicationRequest.read")
                    .put("subject", "ampulla");
            fhir.resetCounters();
            assertEquals(expected, cards(fetched), slug + ": fetched");
            assertEquals(
                    9,
                    fhir.requestCount(),
                    slug + ": the Patient, biomarkers, patient status, conditions,"
                            + " observations, procedures and the three kinds of"
                            + " medication record were fetched");
            patients++;
            if (!JSON.readTree(expected).get("cards").isEmpty()) {
                withCards++;
            }
        }
        assertEquals(Examples.patientSlugs().size(), patients);
        assertTrue(patients >= 27 && withCards >= 26, patients + " patients, " + withCards + " with cards");
    }
}
