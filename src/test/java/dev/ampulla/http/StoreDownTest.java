package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.Application;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ampulla with its feedback store in a real PostgreSQL that then goes down: hooks still answer with cards, the cards
 * that could not be recorded are counted in the metrics, and feedback gets 503 — never a 2xx for feedback that was
 * not stored.
 */
class StoreDownTest {

    @Test
    void whenTheDatabaseIsDownHooksAnswerAndFeedbackIs503() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (Application ampulla = TestServer.startWith(
                Map.of("database-url", postgres.getJdbcUrl("postgres", "postgres"), "database-user", "postgres"))) {
            String request = Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower"));
            String card = given().port(ampulla.port())
                    .contentType("application/json")
                    .body(request)
                    .post("/cds-services/rectal-cancer-pathways")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("cards[0].uuid");
            String feedback = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":"
                    + "\"overridden\",\"outcomeTimestamp\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\"}]}";
            given().port(ampulla.port())
                    .contentType("application/json")
                    .body(feedback)
                    .post("/cds-services/rectal-cancer-pathways/feedback")
                    .then()
                    .statusCode(204);
            assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
            double unrecordedBefore = unrecorded(ampulla);

            postgres.close();

            given().port(ampulla.port())
                    .contentType("application/json")
                    .body(request)
                    .post("/cds-services/rectal-cancer-pathways")
                    .then()
                    .statusCode(200)
                    .body("cards.size()", equalTo(4));
            given().port(ampulla.port())
                    .contentType("application/json")
                    .body(feedback)
                    .post("/cds-services/rectal-cancer-pathways/feedback")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].diagnostics", containsString("not recorded"));
            given().port(ampulla.port()).get("/analytics/concordance").then().statusCode(503);

            // Many feedback calls at once while the database is down neither queue up nor crowd out the hooks.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(24);
            java.util.List<java.util.concurrent.Future<Integer>> feedbacks = new java.util.ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 16; i++) {
                feedbacks.add(pool.submit(() -> given().port(ampulla.port())
                        .contentType("application/json")
                        .body(feedback)
                        .post("/cds-services/rectal-cancer-pathways/feedback")
                        .statusCode()));
            }
            java.util.List<java.util.concurrent.Future<Integer>> hooks = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                hooks.add(pool.submit(() -> given().port(ampulla.port())
                        .contentType("application/json")
                        .body(request)
                        .post("/cds-services/rectal-cancer-pathways")
                        .statusCode()));
            }
            for (var f : feedbacks) {
                assertEquals(503, f.get());
            }
            for (var h : hooks) {
                assertEquals(200, h.get(), "hooks answer while feedback waits for a database that is down");
            }
            pool.shutdown();
            assertTrue(
                    System.nanoTime() - start < Duration.ofSeconds(10).toNanos(),
                    "16 feedback calls failed fast instead of queueing: " + (System.nanoTime() - start) / 1_000_000
                            + " ms");
            assertTrue(ampulla.flushRecordedCards(Duration.ofSeconds(10)));
            assertTrue(unrecorded(ampulla) >= unrecordedBefore + 2, "the two cards not recorded are counted");
            given().port(ampulla.port()).get("/health/ready").then().statusCode(200);
        } finally {
            postgres.close();
        }
    }

    private static double unrecorded(Application ampulla) {
        String metrics = given().port(ampulla.port())
                .get("/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher m = Pattern.compile("ampulla_cards_unrecorded_total\\{reason=\"store-unavailable\"} ([0-9.E]+)")
                .matcher(metrics);
        assertTrue(m.find(), "the gap metric is exported");
        return Double.parseDouble(m.group(1));
    }
}
