package dev.ampulla.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.support.Examples;
import dev.ampulla.support.ReaderDifferential;
import dev.ampulla.support.RealWorldRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request reader, which passes over the elements of prefetched resources the rules never read, against the
 * whole-tree reader: the same tree less those elements on every example request and corpus record, and the same
 * refusals of hostile bodies whose problem lies inside an element passed over. (The fuzz inputs are replayed
 * against both by {@code PipelineFuzzTest}.)
 */
class RequestReaderTest {
    private static final ReaderDifferential READERS =
            new ReaderDifferential(CdsJson.MAX_NESTING_DEPTH, CdsJson.MAX_STRING_LENGTH);

    static Stream<Path> exampleRequests() throws IOException {
        List<Path> requests = new java.util.ArrayList<>();
        for (String hook : List.of("patient-view", "order-select", "order-sign")) {
            try (Stream<Path> files =
                    Files.list(Examples.root().resolve("requests").resolve(hook))) {
                requests.addAll(files.sorted().toList());
            }
        }
        return requests.stream();
    }

    @ParameterizedTest
    @MethodSource("exampleRequests")
    void everyExampleRequestIsReadAsTheWholeTreeLessTheUnreadElements(Path request) throws IOException {
        assertNotNull(READERS.assertSameReading(Files.readAllBytes(request)));
    }

    static List<String> corpus() {
        return RealWorldRecords.slugs();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyCorpusRecordIsReadAsTheWholeTreeLessTheUnreadElements(String slug) {
        byte[] body = RealWorldRecords.prefetchRequest(slug).getBytes(StandardCharsets.UTF_8);
        assertNotNull(READERS.assertSameReading(body));
    }

    @Test
    void theBenchmarkRequestLosesItsNarrativesSubjectsAndReferenceRanges() throws IOException {
        byte[] body = Files.readAllBytes(Examples.benchmarkRequest());
        JsonNode read = READERS.assertSameReading(body);
        JsonNode observation =
                read.path("prefetch").path("observations").path("entry").path(0).path("resource");
        assertEquals("Observation", observation.path("resourceType").asText());
        assertTrue(observation.has("code"), observation.toString());
        assertFalse(observation.has("subject"), observation.toString());
        assertTrue(
                CdsJson.mapper().writeValueAsBytes(read).length < body.length * 3 / 4,
                "at least a quarter of the benchmark body is passed over");
    }

    // ---- one problem, inside an element passed over -----------------------------------------------------------------

    private static final String OBSERVATION_HEAD = "{\"hook\":\"patient-view\",\"prefetch\":{\"observations\":"
            + "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\","
            + "\"id\":\"o1\",\"status\":\"final\",";
    private static final String OBSERVATION_TAIL = "\"code\":{\"text\":\"x\"}}}]}}}";

    private static String observationWith(String members) {
        return OBSERVATION_HEAD + members + OBSERVATION_TAIL;
    }

    private static CdsProtocolException refusal(ReaderDifferential readers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertEquals(null, readers.assertSameReading(bytes), "both refuse");
        return assertThrows(CdsProtocolException.class, () -> readers.reader().read(bytes));
    }

    @Test
    void anElementPassedOverIsLeftOutAndItsPrimitiveExtensionWithIt() {
        JsonNode read = READERS.assertSameReading(observationWith("\"subject\":{\"reference\":\"Patient/p\"},"
                        + "\"_subject\":{\"id\":\"s\"},\"text\":{\"status\":\"generated\",\"div\":\"<div/>\"},")
                .getBytes(StandardCharsets.UTF_8));
        JsonNode observation =
                read.path("prefetch").path("observations").path("entry").path(0).path("resource");
        assertEquals(List.of("resourceType", "id", "status", "code"), fieldNames(observation));
    }

    @Test
    void aDuplicateKeyInsideAnElementPassedOverIsRefused() {
        CdsProtocolException e = refusal(READERS, observationWith("\"text\":{\"div\":\"a\",\"div\":\"b\"},"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().endsWith("a key appears twice in one object."), e.getMessage());
    }

    @Test
    void anElementPassedOverTwiceIsADuplicateKey() {
        CdsProtocolException e = refusal(READERS, observationWith("\"subject\":{},\"note\":[],\"subject\":{},"));
        assertTrue(e.getMessage().endsWith("a key appears twice in one object."), e.getMessage());
    }

    @Test
    void aDuplicateKeyDeepInsideAnArrayPassedOverIsRefused() {
        CdsProtocolException e = refusal(
                READERS,
                observationWith(
                        "\"referenceRange\":[{\"low\":{\"value\":1}},{\"high\":{\"value\":2,\"unit\":\"x\",\"value\":3}}],"));
        assertTrue(e.getMessage().endsWith("a key appears twice in one object."), e.getMessage());
    }

    @Test
    void manyKeysPassedOverAreCheckedForDuplicatesToo() {
        StringBuilder keys = new StringBuilder("\"text\":{");
        for (int i = 0; i < 40; i++) {
            keys.append("\"k").append(i).append("\":").append(i).append(',');
        }
        CdsProtocolException e = refusal(READERS, observationWith(keys + "\"k7\":0},"));
        assertTrue(e.getMessage().endsWith("a key appears twice in one object."), e.getMessage());
        assertNotNull(
                READERS.assertSameReading(observationWith(keys + "\"k40\":0},").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void malformedJsonInsideAnElementPassedOverIsRefused() {
        CdsProtocolException e = refusal(READERS, observationWith("\"subject\":{\"reference\":tru},"));
        assertTrue(e.getMessage().endsWith("malformed JSON."), e.getMessage());
        refusal(READERS, observationWith("\"note\":[{\"text\":\"a\"\"b\"}],"));
        refusal(READERS, observationWith("\"note\":[1,],"));
        refusal(READERS, observationWith("\"note\":\"unterminated,"));
    }

    @Test
    void nestingTooDeepInsideAnElementPassedOverIsRefused() {
        String deep = "[".repeat(CdsJson.MAX_NESTING_DEPTH) + "]".repeat(CdsJson.MAX_NESTING_DEPTH);
        CdsProtocolException e = refusal(READERS, observationWith("\"note\":" + deep + ","));
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
    }

    @Test
    void aStringTooLongInsideAnElementPassedOverIsRefusedWhenTheBodyCouldHoldOne() {
        ReaderDifferential small = new ReaderDifferential(CdsJson.MAX_NESTING_DEPTH, 1024);
        CdsProtocolException e = refusal(small, observationWith("\"text\":{\"div\":\"" + "é".repeat(1025) + "\"},"));
        assertTrue(e.getMessage().contains("a string is too long (1024"), e.getMessage());
        assertNotNull(small.assertSameReading(observationWith("\"text\":{\"div\":\"" + "é".repeat(1000) + "\"},")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNumberTooLongInsideAnElementPassedOverIsRefused() {
        refusal(READERS, observationWith("\"referenceRange\":[{\"low\":{\"value\":" + "9".repeat(1200) + "}}],"));
        refusal(READERS, observationWith("\"referenceRange\":[{\"low\":{\"value\":0." + "9".repeat(1200) + "}}],"));
    }

    @Test
    void anythingAfterTheRequestIsRefused() {
        refusal(READERS, observationWith("") + " {}");
        refusal(READERS, observationWith("") + " x");
        assertNotNull(READERS.assertSameReading((observationWith("") + " \n\t").getBytes(StandardCharsets.UTF_8)));
    }

    // ---- where nothing is passed over
    // --------------------------------------------------------------------------------

    @Test
    void aResourceWhoseTypeIsNotItsFirstMemberIsReadWhole() {
        String body = "{\"prefetch\":{\"observations\":{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":"
                + "{\"id\":\"o1\",\"subject\":{\"reference\":\"Patient/p\"},\"resourceType\":\"Observation\"}}]}}}";
        JsonNode read = READERS.assertSameReading(body.getBytes(StandardCharsets.UTF_8));
        assertTrue(read.path("prefetch")
                .path("observations")
                .path("entry")
                .path(0)
                .path("resource")
                .has("subject"));
    }

    @Test
    void oddShapesAreReadAsTheWholeTreeReadsThem() {
        for (String body : new String[] {
            "[]",
            "\"x\"",
            "null",
            "{}",
            "{\"prefetch\":null}",
            "{\"prefetch\":[]}",
            "{\"prefetch\":{\"a\":null}}",
            "{\"prefetch\":{\"a\":[{\"resourceType\":\"Observation\",\"subject\":1}]}}",
            "{\"prefetch\":{\"a\":{\"resourceType\":1,\"subject\":1}}}",
            "{\"prefetch\":{\"a\":{}}}",
            "{\"prefetch\":{\"a\":{\"resourceType\":\"Bundle\",\"entry\":{}}}}",
            "{\"prefetch\":{\"a\":{\"resourceType\":\"Bundle\",\"entry\":[null,1,[],{\"resource\":null}]}}}",
            "{\"prefetch\":{\"a\":{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":"
                    + "\"Condition\",\"note\":[],\"resourceType\":\"Condition\"}}]}}}",
            "{\"prefetch\":{\"a\":{\"resourceType\":\"Patient\",\"text\":{\"div\":\"x\"}}}}",
            "{\"prefetch\":{},\"prefetch\":{}}",
            "{\"prefetch\":{\"a\":{},\"a\":{}}}",
            "{\"prefetch\":{\"a\":{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{},\"resource\":{}}]}}}",
            "{\"hook\":\"patient-view\"",
            "{\"prefetch\":{\"a\":{\"resourceType\":\"Observation\",\"note\":",
            "",
            " ",
            "\uFEFF{}",
            "{\"n\":[0,-0,1.0,-1.5e3,1e400,-1e400,1e-400,2147483648,9223372036854775808,-9223372036854775809,"
                    + "0.1000,123456789012345678901234567890.5,true,false,null,\"\",{},[]]}",
            "{\"prefetch\":{\"a\":{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1e400},"
                    + "\"component\":[{\"valueInteger\":-0}],\"note\":[1e400]}}}",
        }) {
            READERS.assertSameReading(body.getBytes(StandardCharsets.UTF_8));
        }
        READERS.assertSameReading("{}".getBytes(StandardCharsets.UTF_16));
    }

    @Test
    void bundlesInsideBundlesArePassedOverToTheDocumentedDepth() {
        String resource = "{\"resourceType\":\"Observation\",\"subject\":{},\"code\":{}}";
        for (int depth = 1; depth <= 7; depth++) {
            String bundle = resource;
            for (int i = 0; i < depth; i++) {
                bundle = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":" + bundle + "}]}";
            }
            JsonNode read = READERS.assertSameReading(
                    ("{\"prefetch\":{\"a\":" + bundle + "}}").getBytes(StandardCharsets.UTF_8));
            JsonNode inner = read.path("prefetch").path("a");
            for (int i = 0; i < depth; i++) {
                inner = inner.path("entry").path(0).path("resource");
            }
            assertEquals(depth > 4, inner.has("subject"), "depth " + depth);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
