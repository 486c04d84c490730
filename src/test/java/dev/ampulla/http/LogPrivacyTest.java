package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.Application;
import dev.ampulla.ops.LogLayout;
import dev.ampulla.support.Examples;
import dev.ampulla.support.FhirTestServer;
import dev.ampulla.support.TestServer;
import dev.ampulla.support.TrustedClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs every example hook — with a client JWT and a FHIR access token, successful and failing — and checks that no
 * log line holds a token, a JWT, or a patient's id, name or identifier.
 */
class LogPrivacyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void logsHoldNoTokensAndNoPatientData() throws Exception {
        List<Path> requests = new ArrayList<>();
        for (String hook : new String[] {"patient-view", "order-select", "order-sign"}) {
            try (Stream<Path> files =
                    Files.list(Examples.root().resolve("requests").resolve(hook))) {
                files.sorted().forEach(requests::add);
            }
        }
        requests.add(Examples.benchmarkRequest());

        Set<String> secrets = new HashSet<>();
        secrets.add(FhirTestServer.TOKEN);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try (FhirTestServer fhir = new FhirTestServer(2).loadExamples();
                TrustedClients clients = new TrustedClients(fhir.base());
                Application ampulla = TestServer.startWith(Map.of(
                        "trust-file",
                        clients.trustFile.toString(),
                        "fhir-deadline-ms",
                        "5000",
                        "request-deadline-ms",
                        "15000"))) {
            String base = "http://localhost:" + ampulla.port();
            for (Path file : requests) {
                ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(file));
                collectPatientData(request, secrets);
                String path = switch (request.get("hook").asText()) {
                    case "patient-view" -> "/cds-services/rectal-cancer-pathways";
                    case "order-select" -> "/cds-services/rectal-cancer-order-select";
                    default -> "/cds-services/rectal-cancer-order-sign";
                };
                // once with prefetch, once fetched with the FHIR access token, once with a bad JWT
                for (int variant = 0; variant < 3; variant++) {
                    ObjectNode body = request.deepCopy();
                    if (variant == 1) {
                        body.remove("prefetch");
                        body.put("fhirServer", fhir.base());
                        body.putObject("fhirAuthorization")
                                .put("access_token", FhirTestServer.TOKEN)
                                .put("token_type", "Bearer")
                                .put("expires_in", 300)
                                .put("scope", "user/*.read")
                                .put("subject", "ampulla")
                                .put("patient", body.at("/context/patientId").asText());
                    }
                    String jwt = clients.ehrToken(variant == 2 ? "https://wrong.example" : base + path);
                    secrets.add(jwt);
                    secrets.add(jwt.split("\\.")[2]); // the signature alone
                    given().port(ampulla.port())
                            .contentType("application/json")
                            .header("Authorization", "Bearer " + jwt)
                            .body(body.toString())
                            .post(path)
                            .then()
                            .statusCode(variant == 2 ? 401 : 200);
                }
            }
            // a failure whose message could tempt a careless logger: a token for a server that refuses it
            ObjectNode refused = (ObjectNode) JSON.readTree(Files.readString(requests.get(0)));
            refused.remove("prefetch");
            refused.put("fhirServer", fhir.base());
            refused.putObject("fhirAuthorization")
                    .put("access_token", "refused-token-0f3b")
                    .put("token_type", "Bearer")
                    .put("expires_in", 300)
                    .put("scope", "user/*.read")
                    .put("subject", "ampulla");
            secrets.add("refused-token-0f3b");
            String jwt = clients.ehrToken(base + "/cds-services/rectal-cancer-pathways");
            secrets.add(jwt);
            given().port(ampulla.port())
                    .contentType("application/json")
                    .header("Authorization", "Bearer " + jwt)
                    .body(refused.toString())
                    .post("/cds-services/rectal-cancer-pathways")
                    .then()
                    .statusCode(412);
        } finally {
            root.detachAppender(logs);
        }

        assertTrue(logs.list.size() > 3 * requests.size(), "every call was logged");
        // each event exactly as written to the log: message, key-value fields and exception
        LogLayout layout = new LogLayout();
        layout.setContext(root.getLoggerContext());
        layout.start();
        for (ILoggingEvent event : logs.list) {
            if (event.getLoggerName().startsWith("ca.uhn.fhir.rest.server")) {
                continue; // the test's own FHIR server, in this JVM, logging what it was asked (not Ampulla's log)
            }
            String line = layout.doLayout(event)
                    + (event.getThrowableProxy() == null
                            ? ""
                            : " " + event.getThrowableProxy().getMessage());
            for (String secret : secrets) {
                assertFalse(line.contains(secret), () -> "log line reveals '" + secret + "': " + line);
            }
        }
    }

    /** Patient ids, names and identifiers from the request, all of which must stay out of logs. */
    private static void collectPatientData(JsonNode request, Set<String> out) {
        out.add(request.at("/context/patientId").asText());
        JsonNode patient = request.at("/prefetch/patient");
        for (JsonNode name : patient.path("name")) {
            if (name.hasNonNull("family")) {
                out.add(name.get("family").asText());
            }
            name.path("given").forEach(g -> out.add(g.asText()));
        }
        patient.path("identifier").forEach(i -> out.add(i.path("value").asText()));
        out.removeIf(s -> s.length() < 4); // too short to be meaningful in a log line
    }
}
