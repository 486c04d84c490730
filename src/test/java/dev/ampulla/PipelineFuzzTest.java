package dev.ampulla;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.cdshooks.RequestLimits;
import dev.ampulla.fhir.FhirFetcher;
import dev.ampulla.fhir.UnreadableResourceException;
import dev.ampulla.service.CallContext;
import dev.ampulla.service.CdsService;
import dev.ampulla.service.OrderService;
import dev.ampulla.service.PatientViewService;
import dev.ampulla.service.RectalCancerAdvisor;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import dev.ampulla.support.ReaderDifferential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fuzzes the whole request → cards pipeline: raw bytes, and structured mutations of every example request (values
 * replaced, members removed, types changed). Every answer must be a 4xx protocol error or spec-valid cards. In a
 * normal build this runs in regression mode (the stored inputs); {@code JAZZER_FUZZ=1} runs a fuzzing campaign.
 */
class PipelineFuzzTest {
    private static final ObjectMapper READER = CdsJson.reader(100, 1_000_000);
    private static final ReaderDifferential READERS = new ReaderDifferential(100, 1_000_000);
    private static final List<JsonNode> SEEDS = seeds();
    private static final Map<String, CdsService> SERVICES = services();

    private static List<JsonNode> seeds() {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String hook : new String[] {"patient-view", "order-select", "order-sign"}) {
                try (Stream<Path> files =
                        Files.list(Examples.root().resolve("requests").resolve(hook))) {
                    for (Path f : files.sorted().toList()) {
                        out.add(READER.readTree(Files.readString(f)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Map<String, CdsService> services() {
        RectalCancerAdvisor advisor = new RectalCancerAdvisor(
                dev.ampulla.knowledge.pack.KnowledgePack.shipped(),
                () -> "http://localhost:8080",
                dev.ampulla.demo.ExampleCatalog.EXAMPLES_CLOCK);
        // Fetching is never reached: the fuzzed requests name no fhirServer that is allowed to answer in time.
        FhirFetcher fetcher =
                new FhirFetcher(new FhirFetcher.Limits(Duration.ofMillis(50), Duration.ofMillis(50), 2, 100, 1 << 20));
        RequestLimits limits = new RequestLimits(2000, 50);
        return Map.of(
                "patient-view",
                new PatientViewService(advisor, fetcher, limits),
                "order-select",
                OrderService.select(advisor, fetcher, limits),
                "order-sign",
                OrderService.sign(advisor, fetcher, limits));
    }

    @FuzzTest(maxDuration = "10m")
    void pipeline(FuzzedDataProvider data) throws IOException {
        byte[] body;
        if (data.consumeBoolean()) {
            JsonNode request = SEEDS.get(data.consumeInt(0, SEEDS.size() - 1)).deepCopy();
            int mutations = data.consumeInt(1, 6);
            for (int i = 0; i < mutations && data.remainingBytes() > 0; i++) {
                request = mutate(request, data);
            }
            if (request instanceof ObjectNode o) {
                o.remove("fhirServer"); // never reach out to the network from a fuzz run
            }
            body = CdsJson.mapper().writeValueAsBytes(request);
        } else {
            body = data.consumeRemainingAsBytes();
        }
        run(body);
    }

    private static void run(byte[] body) throws IOException {
        // The service reads bodies with the request reader; each input is also read whole, and the two must agree.
        JsonNode tree = READERS.assertSameReading(body);
        if (tree == null) {
            try {
                READERS.reader().read(body);
            } catch (CdsProtocolException e) {
                assertClientError(e);
            }
            return;
        }
        CdsService service = SERVICES.get(tree.path("hook").asText("patient-view"));
        if (service == null) {
            service = SERVICES.get("patient-view");
        }
        try {
            CdsResponse response = service.call(tree, CallContext.open(Duration.ofSeconds(5)));
            CardChecks.assertSpecValid(READER.readTree(CdsJson.mapper().writeValueAsBytes(response)));
        } catch (CdsProtocolException e) {
            assertClientError(e);
        } catch (UnreadableResourceException e) {
            // 400 in the HTTP layer
        }
    }

    private static void assertClientError(CdsProtocolException e) {
        if (e.status() < 400 || e.status() >= 500) {
            throw new AssertionError("client input gave " + e.status() + ": " + e.getMessage(), e);
        }
    }

    /** Replaces, removes or retypes one node somewhere in the tree, chosen by the fuzzer. */
    private static JsonNode mutate(JsonNode root, FuzzedDataProvider data) {
        JsonNode parent = null;
        String field = null;
        int index = -1;
        JsonNode node = root;
        int depth = data.consumeInt(0, 12);
        for (int d = 0; d < depth && node.isContainerNode() && !node.isEmpty(); d++) {
            parent = node;
            if (node.isObject()) {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                field = names.get(data.consumeInt(0, names.size() - 1));
                index = -1;
                node = node.get(field);
            } else {
                index = data.consumeInt(0, node.size() - 1);
                field = null;
                node = node.get(index);
            }
        }
        JsonNode replacement = switch (data.consumeInt(0, 7)) {
            case 0 -> JsonNodeFactory.instance.textNode(data.consumeString(64));
            case 1 -> JsonNodeFactory.instance.numberNode(data.consumeLong());
            case 2 -> JsonNodeFactory.instance.nullNode();
            case 3 -> JsonNodeFactory.instance.booleanNode(data.consumeBoolean());
            case 4 -> JsonNodeFactory.instance.objectNode();
            case 5 -> JsonNodeFactory.instance.arrayNode().add(node.deepCopy());
            case 6 ->
                JsonNodeFactory.instance.textNode(data.pickValue(List.of(
                        "Condition",
                        "Observation",
                        "Bundle",
                        "OperationOutcome",
                        "ServiceRequest",
                        "MedicationRequest",
                        "patient-view",
                        "order-sign",
                        "363351006",
                        "C20",
                        "C19",
                        "cT3",
                        "pN1",
                        "M1c",
                        "IIIB",
                        "4",
                        "0",
                        "Tis",
                        "http://snomed.info/sct",
                        "http://cancerstaging.org",
                        "2025-13-45",
                        "entered-in-error",
                        "draft",
                        "-1",
                        "1e400")));
            default -> null; // remove
        };
        if (parent == null) {
            return replacement == null ? root : replacement;
        }
        if (parent instanceof ObjectNode o) {
            if (replacement == null) {
                o.remove(field);
            } else {
                o.set(field, replacement);
            }
        } else if (parent instanceof ArrayNode a) {
            if (replacement == null) {
                a.remove(index);
            } else {
                a.set(index, replacement);
            }
        }
        return root;
    }
}
