package dev.ampulla.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A FHIR server in miniature, on loopback, holding one patient's resources from a transaction Bundle: a read answers
 * the resource, a search answers every resource of that type (its parameters are not applied). Ampulla starts one for
 * a moment to warm its fetch path in {@code serve}, where no FHIR server may be contacted before a client names one.
 */
public final class CannedFhirServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FHIR_JSON = "application/fhir+json";

    private final Map<String, List<JsonNode>> byType = new LinkedHashMap<>();
    private final HttpServer server;

    /** Starts listening at once, on a free port of the loopback address. */
    public CannedFhirServer(JsonNode transactionBundle) throws IOException {
        for (JsonNode entry : transactionBundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (resource.hasNonNull("resourceType")) {
                byType.computeIfAbsent(resource.get("resourceType").asText(), t -> new ArrayList<>())
                        .add(resource);
            }
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/fhir/", this::answer);
        server.start();
    }

    /** The FHIR base URL. */
    public String base() {
        String host = server.getAddress().getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.getAddress().getPort() + "/fhir";
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI()
                    .getPath()
                    .substring("/fhir/".length())
                    .split("/");
            List<JsonNode> resources = byType.getOrDefault(path[0], List.of());
            JsonNode answer;
            if (path.length == 2) {
                answer = resources.stream()
                        .filter(r -> path[1].equals(r.path("id").asText()))
                        .findFirst()
                        .orElse(null);
            } else {
                answer = searchSet(resources);
            }
            byte[] body = answer == null ? new byte[0] : JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", FHIR_JSON);
            exchange.sendResponseHeaders(answer == null ? 404 : 200, answer == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private ObjectNode searchSet(List<JsonNode> resources) {
        ObjectNode bundle = JSON.createObjectNode()
                .put("resourceType", "Bundle")
                .put("type", "searchset")
                .put("total", resources.size());
        ArrayNode entries = bundle.putArray("entry");
        for (JsonNode resource : resources) {
            entries.addObject()
                    .put(
                            "fullUrl",
                            base() + "/" + resource.path("resourceType").asText() + "/"
                                    + resource.path("id").asText())
                    .set("resource", resource);
        }
        return bundle;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
