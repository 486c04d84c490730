import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The FHIR server of the fetch-path benchmark: answers the nine requests of Ampulla's prefetch templates (the Patient,
 * Condition, Observation — the observations, biomarkers and patient-status searches alike —, Procedure and the three
 * kinds of medication record) with the resources of a CDS Hooks request's prefetch (empty Bundles for the keys it
 * lacks), each after a fixed delay, the way a slow EHR would.
 */
public final class DelayingFhirServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long delayMillis = Long.parseLong(args[1]);
        JsonNode prefetch = new ObjectMapper().readTree(Files.readString(Path.of(args[2]))).get("prefetch");
        byte[] empty = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}".getBytes();
        Map<String, byte[]> bundles = Map.of(
                "/fhir/Condition", bytes(prefetch.get("conditions")),
                "/fhir/Observation", bytes(prefetch.get("observations")),
                "/fhir/Procedure", empty,
                "/fhir/MedicationAdministration", empty,
                "/fhir/MedicationStatement", empty,
                "/fhir/MedicationRequest", empty,
                "/fhir/Patient/" + prefetch.at("/patient/id").asText(), bytes(prefetch.get("patient")));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/fhir/", exchange -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = bundles.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    private static byte[] bytes(JsonNode node) throws Exception {
        return new ObjectMapper().writeValueAsBytes(node);
    }
}
