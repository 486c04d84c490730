package dev.ampulla.presentation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.Application;
import dev.ampulla.support.FhirTestServer;
import dev.ampulla.support.TestServer;
import dev.ampulla.support.TrustedClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Silent mode for one trusted client: its calls get no cards, another client's the same patient's cards. */
class ClientSilentModeTest {
    private static final String BASE = "https://cds.example.test";
    private static FhirTestServer fhir;
    private static TrustedClients clients;
    private static Application ampulla;

    @BeforeAll
    static void start() throws Exception {
        fhir = new FhirTestServer(1000).loadExamples();
        clients = new TrustedClients(fhir.base());
        ampulla = TestServer.startWith(Map.of(
                "trust-file",
                clients.trustFile.toString(),
                "public-base-url",
                BASE,
                "card-controls",
                PresentationCalls.controlsFile("{\"silent\": {\"clients\": [\"" + TrustedClients.LOCAL + "\"]}}")));
    }

    @AfterAll
    static void stop() {
        ampulla.close();
        clients.close();
        fhir.close();
    }

    @Test
    void aSilentClientGetsNoCardsAndAnotherClientGetsThem() throws Exception {
        String body = PresentationCalls.patientView("03-stage-iia-middle-rectum");
        String audience = BASE + PresentationCalls.PATIENT_VIEW;
        List<?> silent = given().port(ampulla.port())
                .header("Authorization", "Bearer " + clients.localToken(audience))
                .contentType("application/json")
                .body(body)
                .post(PresentationCalls.PATIENT_VIEW)
                .then()
                .statusCode(200)
                .extract()
                .path("cards");
        assertEquals(0, silent.size());
        List<?> shown = given().port(ampulla.port())
                .header("Authorization", "Bearer " + clients.ehrToken(audience))
                .contentType("application/json")
                .body(body)
                .post(PresentationCalls.PATIENT_VIEW)
                .then()
                .statusCode(200)
                .extract()
                .path("cards");
        assertTrue(shown.size() > 1, "the EHR client is not silent");
    }
}
