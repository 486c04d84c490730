package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ampulla.Application;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import dev.ampulla.support.TrustedClients;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A token is accepted once across replicas and restarts: two servers on one feedback store (as the Kubernetes
 * deployment's two replicas share their database), and a third started on it after the first stopped.
 */
class ReplayAcrossReplicasTest {
    private static final String BASE = "https://cds.example.test/ampulla";
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";

    private static int call(Application server, String token) throws Exception {
        return given().port(server.port())
                .header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")))
                .post(HOOK)
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void aTokenUsedAtOneReplicaIsRefusedAtTheOtherAndAfterARestart() throws Exception {
        try (TrustedClients clients = new TrustedClients("https://fhir.example.test/r4")) {
            Map<String, String> settings = Map.of(
                    "trust-file",
                    clients.trustFile.toString(),
                    "public-base-url",
                    BASE + "/",
                    "data-dir",
                    TestServer.temporaryDataDir());
            String token = clients.ehrToken(BASE + HOOK);
            try (Application first = TestServer.startWith(settings);
                    Application second = TestServer.startWith(settings)) {
                assertEquals(200, call(first, token));
                assertEquals(401, call(first, token), "a replay at the same replica");
                assertEquals(401, call(second, token), "a replay at the other replica");
                assertEquals(200, call(second, clients.ehrToken(BASE + HOOK)), "a fresh token is accepted");
            }
            try (Application restarted = TestServer.startWith(settings)) {
                assertEquals(401, call(restarted, token), "a replay after a restart");
            }
        }
    }
}
