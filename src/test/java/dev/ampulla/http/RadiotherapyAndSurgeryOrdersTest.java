package dev.ampulla.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.knowledge.Code;
import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.support.OrderCalls;
import dev.ampulla.support.OrderCalls.Way;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Radiotherapy orders in the CodeX Radiation Therapy IG's shapes and every rectal-surgery coding of the knowledge,
 * through the running server, both hooks, the patient's data prefetched and fetched; and what each radiotherapy order
 * treats — the rectal primary keeps today's checks, a metastasis, a recurrence or palliative intent never gets the
 * location warning or a suggestion to delete.
 */
class RadiotherapyAndSurgeryOrdersTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String CODEX = "http://hl7.org/fhir/us/codex-radiation-therapy/StructureDefinition/";
    private static final String MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/";
    /** Order-sign 01's cards: the upper-rectum warning (with deletion) and the pathway. */
    private static final List<String> PRIMARY =
            List.of("radiotherapy-not-indicated-location", "surgery-without-radiotherapy");

    private static final List<String> OUTSIDE = List.of("order-outside-pathway", "surgery-without-radiotherapy");
    /** A recurrence recorded puts the patient in the recurrence phase: its card instead of the primary's pathway. */
    private static final List<String> RECURRENCE = List.of("order-outside-pathway", "recurrence");

    private static OrderCalls calls;

    @BeforeAll
    static void start() throws Exception {
        calls = new OrderCalls();
        calls.store(List.of(volume("vol-t11", "3572006"), volume("vol-rectum", "34402009")));
        // patient rc04 again as rc04r, with an RT-naive local recurrence: on the server and in its prefetch
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode key : withRecurrence().path("prefetch")) {
            key.path("entry").forEach(entry -> records.add(entry.get("resource")));
        }
        calls.store(records);
    }

    /** Order-sign 01 for a copy of its patient (rc04r) who also has a local recurrence, which the order names. */
    private static ObjectNode withRecurrence() {
        try {
            ObjectNode request = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(codexCourse(null, null).toString().replace("rc04", "rc04r"));
            ObjectNode recurrence = recurrence();
            ((ArrayNode) request.at("/prefetch/conditions/entry")).addObject().set("resource", recurrence);
            order(request).putArray("reasonReference").addObject().put("reference", "Condition/rc04r-recurrence");
            return request;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        calls.close();
    }

    /** A CodeX RadiotherapyVolume located at a SNOMED CT body structure. */
    private static ObjectNode volume(String id, String location) {
        ObjectNode v = JSON.objectNode().put("resourceType", "BodyStructure").put("id", id);
        v.putObject("meta").putArray("profile").add(CODEX + "codexrt-radiotherapy-volume");
        v.putArray("identifier").addObject().put("use", "usual").put("value", id);
        v.putObject("morphology")
                .putArray("coding")
                .addObject()
                .put("system", SNOMED)
                .put("code", "228793007")
                .put("display", "Planning target volume (observable entity)");
        v.putObject("location")
                .putArray("coding")
                .addObject()
                .put("system", SNOMED)
                .put("code", location);
        v.putObject("patient").put("reference", "Patient/rc04");
        return v;
    }

    /** An RT-naive local recurrence of patient rc04r's rectal cancer. */
    private static ObjectNode recurrence() {
        ObjectNode c = JSON.objectNode().put("resourceType", "Condition").put("id", "rc04r-recurrence");
        c.putObject("code").putArray("coding").addObject().put("system", SNOMED).put("code", "314966008");
        c.putObject("subject").put("reference", "Patient/rc04r");
        return c;
    }

    /**
     * Order-sign 01 (upper rectum) with its radiotherapy order rewritten as a CodeX RadiotherapyCoursePrescription:
     * course code, category, intent and a dose to one volume; no reasonReference.
     */
    private static ObjectNode codexCourse(String intent, String volumeReference) {
        ObjectNode request = OrderCalls.signExample("01-rt-upper-rectum");
        ObjectNode order = (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
        order.remove("reasonReference");
        order.putObject("meta").putArray("profile").add(CODEX + "codexrt-radiotherapy-course-prescription");
        ArrayNode extensions = order.putArray("extension");
        if (intent != null) {
            extensions
                    .addObject()
                    .put("url", MCODE + "mcode-procedure-intent")
                    .putObject("valueCodeableConcept")
                    .putArray("coding")
                    .addObject()
                    .put("system", SNOMED)
                    .put("code", intent);
        }
        ObjectNode modality = extensions.addObject().put("url", MCODE + "mcode-radiotherapy-modality-and-technique");
        modality.putArray("extension")
                .addObject()
                .put("url", MCODE + "mcode-radiotherapy-modality")
                .putObject("valueCodeableConcept")
                .putArray("coding")
                .addObject()
                .put("system", SNOMED)
                .put("code", "1156506007");
        if (volumeReference != null) {
            ObjectNode dose =
                    extensions.addObject().put("url", CODEX + "codexrt-radiotherapy-dose-prescribed-to-volume");
            ArrayNode parts = dose.putArray("extension");
            parts.addObject().put("url", "volume").putObject("valueReference").put("reference", volumeReference);
            parts.addObject()
                    .put("url", "totalDose")
                    .putObject("valueQuantity")
                    .put("value", 800)
                    .put("system", "http://unitsofmeasure.org")
                    .put("code", "cGy");
            parts.addObject().put("url", "fractions").put("valuePositiveInt", 1);
        }
        return request;
    }

    private static ObjectNode order(ObjectNode request) {
        return (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
    }

    static Stream<Arguments> aims() {
        List<Arguments> out = new ArrayList<>();
        for (Way way : Way.values()) {
            out.add(Arguments.of("curative, volume at the rectum on the server", way, PRIMARY));
            out.add(Arguments.of("curative, bodySite rectum", way, PRIMARY));
            out.add(Arguments.of("palliative intent", way, OUTSIDE));
            out.add(Arguments.of("volume at a vertebral body, contained", way, OUTSIDE));
            out.add(Arguments.of("volume at a vertebral body, beside the orders", way, OUTSIDE));
            out.add(Arguments.of("volume at a vertebral body, on the server", way, OUTSIDE));
            out.add(Arguments.of("bodySite brain", way, OUTSIDE));
            out.add(Arguments.of("reasonReference to a recurrence", way, RECURRENCE));
            out.add(Arguments.of("nothing said", way, PRIMARY));
            out.add(Arguments.of("volume at a vertebral body, reasonReference the primary", way, OUTSIDE));
            out.add(Arguments.of("bodySite liver, reasonReference the primary", way, OUTSIDE));
            out.add(Arguments.of("reasonCode the rectal cancer and a liver metastasis", way, PRIMARY));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("aims")
    void whatARadiotherapyOrderTreatsDecidesItsChecks(String aim, Way way, List<String> expected) {
        ObjectNode request = switch (aim) {
            case "curative, volume at the rectum on the server" -> codexCourse("373808002", "BodyStructure/vol-rectum");
            case "palliative intent" -> codexCourse("363676003", null);
            case "volume at a vertebral body, contained" -> {
                ObjectNode r = codexCourse("373808002", "#t11");
                order(r).putArray("contained").add(volume("t11", "3572006"));
                yield r;
            }
            case "volume at a vertebral body, beside the orders" -> {
                ObjectNode r = codexCourse("373808002", "BodyStructure/t11-beside");
                ((ArrayNode) r.at("/context/draftOrders/entry"))
                        .addObject()
                        .set("resource", volume("t11-beside", "3572006"));
                yield r;
            }
            case "volume at a vertebral body, on the server" -> codexCourse(null, "BodyStructure/vol-t11");
            case "reasonReference to a recurrence" -> withRecurrence();
            case "nothing said" -> codexCourse(null, null);
            case "volume at a vertebral body, reasonReference the primary" -> {
                ObjectNode r = codexCourse(null, "#t11");
                order(r).putArray("contained").add(volume("t11", "3572006"));
                order(r).putArray("reasonReference").addObject().put("reference", "Condition/rc04-primary");
                yield r;
            }
            case "bodySite liver, reasonReference the primary" -> {
                ObjectNode r = codexCourse(null, null);
                order(r).putArray("bodySite")
                        .addObject()
                        .putArray("coding")
                        .addObject()
                        .put("system", SNOMED)
                        .put("code", "10200004");
                order(r).putArray("reasonReference").addObject().put("reference", "Condition/rc04-primary");
                yield r;
            }
            case "reasonCode the rectal cancer and a liver metastasis" -> {
                ObjectNode r = codexCourse(null, null);
                ArrayNode codings = order(r).putArray("reasonCode").addObject().putArray("coding");
                codings.addObject()
                        .put("system", "http://hl7.org/fhir/sid/icd-10-cm")
                        .put("code", "C20");
                codings.addObject()
                        .put("system", "http://hl7.org/fhir/sid/icd-10-cm")
                        .put("code", "C78.7");
                yield r;
            }
            default -> {
                ObjectNode r = codexCourse(aim.startsWith("curative") ? "373808002" : null, null);
                order(r).putArray("bodySite")
                        .addObject()
                        .putArray("coding")
                        .addObject()
                        .put("system", SNOMED)
                        .put("code", aim.endsWith("rectum") ? "34402009" : "12738006");
                yield r;
            }
        };
        assertEquals(expected, calls.topics(way, request), aim);
        JsonNode first = calls.post(way, request).at("/cards/0");
        if (expected != PRIMARY) {
            assertTrue(first.path("suggestions").isMissingNode(), "nothing to delete: " + first);
        } else if (aim.startsWith("reasonCode the rectal cancer and")) {
            // names both: checked, worded "if" in the headline and the detail, and never offered for deletion
            assertTrue(first.path("suggestions").isMissingNode(), "nothing to delete: " + first);
            assertTrue(first.path("summary").asText().startsWith("If it treats the rectal tumour"), first.toString());
            assertTrue(
                    first.path("detail").asText().contains("names both the rectal primary and a metastasis"),
                    first.path("detail").asText());
        } else {
            assertEquals("delete", first.at("/suggestions/0/actions/0/type").asText(), first.toString());
            boolean named = !aim.equals("nothing said");
            assertEquals(
                    !named,
                    first.path("detail").asText().contains("If this order treats the rectal tumour"),
                    first.path("detail").asText());
            assertEquals(
                    !named,
                    first.path("summary").asText().startsWith("If it treats the rectal tumour"),
                    first.path("summary").asText());
        }
    }

    /** Every rectal-surgery code of the knowledge, by code system. */
    static Stream<Arguments> surgeryCodes() {
        Map<String, Code> firstOfSystem = new LinkedHashMap<>();
        List<Arguments> out = new ArrayList<>();
        for (Code c : concat(CodeSets.RECTAL_RESECTION.codes(), CodeSets.RECTAL_LOCAL_EXCISION.codes())) {
            out.add(Arguments.of(c.system(), c.code(), c.display(), Way.SIGN_PREFETCHED));
            firstOfSystem.putIfAbsent(c.system(), c);
        }
        for (Code c : firstOfSystem.values()) {
            for (Way way : List.of(Way.SIGN_FETCHED, Way.SELECT_PREFETCHED, Way.SELECT_FETCHED)) {
                out.add(Arguments.of(c.system(), c.code(), c.display(), way));
            }
        }
        return out.stream();
    }

    private static List<Code> concat(List<Code> a, List<Code> b) {
        List<Code> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @ParameterizedTest(name = "{0} {1} {2}, {3}")
    @MethodSource("surgeryCodes")
    void everyRectalSurgeryCodingIsRecognised(String system, String code, String display, Way way) {
        ObjectNode request = OrderCalls.signExample("12-surgery-order-stage-iv");
        ObjectNode order = order(request);
        order.remove("category");
        order.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", system)
                .put("code", code);
        assertEquals(List.of("stage-iv-resectable"), calls.topics(way, request));
        // the same order with a code of no treatment is not a treatment order
        order.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", system)
                .put("code", "0000");
        assertFalse(calls.topics(way, request).contains("stage-iv-resectable"));
    }

    /** Order-sign 04 (cT1 N0, lower rectum, radiotherapy ordered) after a transanal endoscopic microsurgery. */
    @org.junit.jupiter.api.Test
    void aLocalExcisionSpecimensPathologicalTIsNotAResection() {
        ObjectNode request = OrderCalls.signExample("04-rt-without-indication");
        ObjectNode tem = ((ArrayNode) request.at("/prefetch/procedures/entry"))
                .addObject()
                .putObject("resource");
        tem.put("resourceType", "Procedure")
                .put("id", "rc01-tem")
                .put("status", "completed")
                .put("performedDateTime", "2025-02-20");
        tem.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", SNOMED)
                .put("code", "1263735008");
        tem.putObject("subject").put("reference", "Patient/rc01");
        ArrayNode observations = (ArrayNode) request.at("/prefetch/observations/entry");
        observations.addObject().set("resource", pathological("rc01-pt", "21899-0", "1229859000"));
        List<String> topics = OrderCalls.topics(calls.post(Way.SIGN_PREFETCHED, request));
        // pT3 from the excision specimen: no nodes examined, the primary is not taken as resected
        assertFalse(topics.contains("radiotherapy-postoperative"), topics.toString());
        // with a pathological N the nodes were examined: a resection
        observations.addObject().set("resource", pathological("rc01-pn", "21900-6", "1229947003"));
        topics = OrderCalls.topics(calls.post(Way.SIGN_PREFETCHED, request));
        assertTrue(topics.contains("radiotherapy-postoperative"), topics.toString());
    }

    private static ObjectNode pathological(String id, String loinc, String ajccValue) {
        ObjectNode o = JSON.objectNode()
                .put("resourceType", "Observation")
                .put("id", id)
                .put("status", "final");
        o.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", "http://loinc.org")
                .put("code", loinc);
        o.putObject("subject").put("reference", "Patient/rc01");
        o.putArray("focus").addObject().put("reference", "Condition/rc01-primary");
        o.put("effectiveDateTime", "2025-02-27");
        o.putObject("valueCodeableConcept")
                .putArray("coding")
                .addObject()
                .put("system", SNOMED)
                .put("code", ajccValue);
        return o;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void aCodexPhasePrescriptionIsRadiotherapy(Way way) {
        ObjectNode request = codexCourse(null, null);
        order(request)
                .putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", SNOMED)
                .put("code", "1222565005");
        order(request).remove("category");
        assertEquals(PRIMARY, calls.topics(way, request));
    }
}
