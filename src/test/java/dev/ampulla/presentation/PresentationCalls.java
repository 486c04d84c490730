package dev.ampulla.presentation;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.support.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Hook calls and report reads for the card-control and snooze tests. */
final class PresentationCalls {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PATIENT_VIEW = "/cds-services/rectal-cancer-pathways";
    static final String ORDER_SELECT = "/cds-services/rectal-cancer-order-select";
    static final String ORDER_SIGN = "/cds-services/rectal-cancer-order-sign";
    static final String ANALYTICS_TOKEN = "analytics-token-for-the-presentation-tests";
    static final String PATIENT_HASH_KEY = "patient-hash-key-for-the-presentation-tests";

    private PresentationCalls() {}

    static String patientView(String slug) {
        return Examples.read(Examples.patientViewRequest(slug));
    }

    static String order(String hook, String slug) {
        return Examples.read(Examples.request(hook, slug));
    }

    static JsonNode cards(int port, String path, String body) {
        try {
            return JSON.readTree(given().port(port)
                            .contentType("application/json")
                            .body(body)
                            .post(path)
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .get("cards");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> topics(JsonNode cards) {
        List<String> out = new ArrayList<>();
        cards.forEach(c -> out.add(c.at("/source/topic/code").asText()));
        return out;
    }

    static List<String> indicators(JsonNode cards) {
        List<String> out = new ArrayList<>();
        cards.forEach(c -> out.add(c.get("indicator").asText()));
        return out;
    }

    static JsonNode report(int port) {
        try {
            return JSON.readTree(given().port(port)
                    .header("Authorization", "Bearer " + ANALYTICS_TOKEN)
                    .get("/analytics/concordance")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String metrics(int port) {
        return given().port(port)
                .get("/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** A controls file with this content, in a fresh directory. */
    static String controlsFile(String json) {
        try {
            Path file = Files.createTempDirectory("ampulla-card-controls").resolve("card-controls.json");
            Files.writeString(file, json);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
