package dev.ampulla.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.knowledge.AntineoplasticDrugs;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.DrugCode;
import dev.ampulla.knowledge.DrugCodeLevel;
import dev.ampulla.support.OrderCalls;
import dev.ampulla.support.OrderCalls.Way;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drug orders as EHRs send them, through the running server, both hooks, the patient's data prefetched and fetched:
 * every kind of drug code of the knowledge (RxNorm term types, NDC products and packages, by URI and OID), the drug
 * as a Medication contained, sent beside the orders or read from the FHIR server, and recognition by name. Order-sign
 * 09 is the base: a stage IV patient, whose systemic-therapy order gets the resectability card.
 */
class DrugOrdersTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> PATHWAY = List.of("resectability-assessment-needed");
    private static final String RXNORM_OID = "urn:oid:2.16.840.1.113883.6.88";
    private static final String NDC_OID = "urn:oid:2.16.840.1.113883.6.69";
    private static OrderCalls calls;

    @BeforeAll
    static void start() throws Exception {
        calls = new OrderCalls();
        calls.store(List.of(
                medication("cape-500", CodeSystems.RXNORM, "200328", null),
                medication("oxali-by-ingredient", null, null, "32592"),
                medication("paracetamol", CodeSystems.RXNORM, "313782", null)));
    }

    @AfterAll
    static void stop() {
        calls.close();
    }

    private static ObjectNode medication(String id, String system, String code, String ingredientRxNorm) {
        ObjectNode m = JSON.objectNode().put("resourceType", "Medication").put("id", id);
        if (code != null) {
            m.putObject("code")
                    .putArray("coding")
                    .addObject()
                    .put("system", system)
                    .put("code", code);
        }
        if (ingredientRxNorm != null) {
            m.putArray("ingredient")
                    .addObject()
                    .putObject("itemCodeableConcept")
                    .putArray("coding")
                    .addObject()
                    .put("system", RXNORM_OID)
                    .put("code", ingredientRxNorm);
        }
        return m;
    }

    /** Order-sign 09 with its drug order coded as given (no text, so only the code can recognise it). */
    private static ObjectNode orderCoded(String system, String code, String text) {
        ObjectNode request = OrderCalls.signExample("09-chemotherapy-stage-iv");
        ObjectNode order = order(request);
        ObjectNode concept = order.putObject("medicationCodeableConcept");
        if (code != null) {
            concept.putArray("coding").addObject().put("system", system).put("code", code);
        }
        if (text != null) {
            concept.put("text", text);
        }
        return request;
    }

    private static ObjectNode order(ObjectNode request) {
        return (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
    }

    /** One code of each level the knowledge lists, by URI and by OID, on each way of calling. */
    static Stream<Arguments> oneCodeOfEachLevel() {
        Map<DrugCodeLevel, DrugCode> first = new EnumMap<>(DrugCodeLevel.class);
        for (DrugCode c : AntineoplasticDrugs.codes()) {
            first.putIfAbsent(c.level(), c);
        }
        List<Arguments> out = new ArrayList<>();
        for (DrugCode c : first.values()) {
            boolean ndc = c.code().system().equals("http://hl7.org/fhir/sid/ndc");
            for (Way way : Way.values()) {
                out.add(Arguments.of(c.level(), c.code().system(), c.code().code(), c.ingredient(), way));
            }
            out.add(Arguments.of(
                    c.level(), ndc ? NDC_OID : RXNORM_OID, c.code().code(), c.ingredient(), Way.SIGN_PREFETCHED));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {2} ({1}), {4}")
    @MethodSource("oneCodeOfEachLevel")
    void everyLevelOfDrugCodeIsRecognised(DrugCodeLevel level, String system, String code, String ingredient, Way way) {
        ObjectNode request = orderCoded(system, code, null);
        JsonNode answer = calls.post(way, request);
        assertEquals(PATHWAY, OrderCalls.topics(answer));
        String detail = answer.at("/cards/0/detail").asText();
        assertTrue(detail.contains(code + " (" + level.label()), detail);
        if (level != DrugCodeLevel.IN) {
            assertTrue(detail.contains(level.label() + ": " + ingredient + ")"), detail);
        }
        if (way == Way.SIGN_PREFETCHED || way == Way.SELECT_PREFETCHED) {
            assertEquals(PATHWAY, calls.topics(way, request)); // and the same with the patient's data fetched
        }
    }

    /** The exact request the CDS Hooks sandbox sends (order-select/07), as order-sign and order-select, both ways. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void theSandboxsCapecitabineRequestGetsThePathwayEveryWay(Way way) throws Exception {
        ObjectNode sandbox = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dev.ampulla.support.Examples.read(
                        dev.ampulla.support.Examples.request("order-select", "07-sandbox-capecitabine-stage-iv")));
        sandbox.put("hook", "order-sign");
        ((ObjectNode) sandbox.get("context")).remove("selections");
        assertTrue(order(sandbox).path("category").isObject(), "the sandbox's object-valued category is kept");
        assertEquals(PATHWAY, calls.topics(way, sandbox));
    }

    @Test
    void theKnowledgeCoversTheTermTypesEhrsUse() {
        Set<DrugCodeLevel> levels = EnumSet.noneOf(DrugCodeLevel.class);
        AntineoplasticDrugs.codes().forEach(c -> levels.add(c.level()));
        assertTrue(
                levels.containsAll(EnumSet.of(
                        DrugCodeLevel.IN,
                        DrugCodeLevel.SCD,
                        DrugCodeLevel.SBD,
                        DrugCodeLevel.SCDC,
                        DrugCodeLevel.SBDC,
                        DrugCodeLevel.SCDG,
                        DrugCodeLevel.SBDG,
                        DrugCodeLevel.PRODUCT,
                        DrugCodeLevel.NDC_PRODUCT)),
                levels.toString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void anNdcPackageIsRecognisedByItsProductInEveryForm(Way way) {
        DrugCode product = AntineoplasticDrugs.codes().stream()
                .filter(c -> c.level() == DrugCodeLevel.NDC_PRODUCT)
                .findFirst()
                .orElseThrow();
        String[] segments = product.code().code().split("-");
        String hyphenated = product.code().code() + "-01";
        String hipaa = "0".repeat(5 - segments[0].length()) + segments[0] + "0".repeat(4 - segments[1].length())
                + segments[1] + "01";
        for (String code : List.of(hyphenated, hipaa)) {
            assertEquals(PATHWAY, calls.topics(way, orderCoded("http://hl7.org/fhir/sid/ndc", code, null)), code);
        }
        // a 10-digit code without hyphens does not say which segment to pad: not recognised, and no text to help
        String ambiguous = hyphenated.replace("-", "");
        if (ambiguous.length() == 10) {
            assertEquals(List.of(), calls.topics(way, orderCoded("http://hl7.org/fhir/sid/ndc", ambiguous, null)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void aMedicationIsReadWhereverTheOrderSaysItIs(Way way) {
        // contained in the order
        ObjectNode contained = orderCoded(null, null, null);
        order(contained).remove("medicationCodeableConcept");
        order(contained).putArray("contained").add(medication("m1", RXNORM_OID, "200328", null));
        order(contained).putObject("medicationReference").put("reference", "#m1");
        assertEquals(PATHWAY, calls.topics(way, contained));
        // beside the orders in draftOrders
        ObjectNode beside = orderCoded(null, null, null);
        order(beside).remove("medicationCodeableConcept");
        ((ArrayNode) beside.at("/context/draftOrders/entry"))
                .addObject()
                .set("resource", medication("m2", null, null, "32592"));
        order(beside).putObject("medicationReference").put("reference", "Medication/m2");
        assertEquals(PATHWAY, calls.topics(way, beside));
        // on the FHIR server, by code or by ingredient, relative or absolute
        for (String reference : List.of(
                "Medication/cape-500",
                "Medication/oxali-by-ingredient",
                calls.fhir().base() + "/Medication/cape-500")) {
            ObjectNode fetched = orderCoded(null, null, null);
            order(fetched).remove("medicationCodeableConcept");
            order(fetched).putObject("medicationReference").put("reference", reference);
            JsonNode answer = calls.post(way, fetched);
            assertEquals(PATHWAY, OrderCalls.topics(answer), reference);
            assertTrue(
                    answer.at("/cards/0/detail")
                            .asText()
                            .contains(reference.substring(reference.indexOf("Medication/"))),
                    answer.at("/cards/0/detail").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Way.class)
    void aMedicationTheServerDoesNotHaveLeavesTheOrderUncheckedAndSaysWhy(Way way) {
        ObjectNode request = orderCoded(null, null, null);
        order(request).remove("medicationCodeableConcept");
        order(request).putObject("medicationReference").put("reference", "Medication/not-on-the-server");
        JsonNode answer = calls.post(way, request);
        assertEquals(List.of("order-not-read"), OrderCalls.topics(answer));
        assertTrue(
                answer.at("/cards/0/detail")
                        .asText()
                        .contains("Medication/not-on-the-server could not be read"
                                + " from the FHIR server (the FHIR server answered HTTP 404)"),
                answer.at("/cards/0/detail").asText());
    }

    @Test
    void aDrugThatIsNotTreatmentNeedsOnlyItsMedicationRead() {
        ObjectNode request = orderCoded(null, null, null);
        order(request).remove("medicationCodeableConcept");
        order(request).putObject("medicationReference").put("reference", "Medication/paracetamol");
        calls.fhir().resetCounters();
        assertEquals(List.of(), OrderCalls.topics(calls.post(Way.SIGN_FETCHED, request)));
        assertEquals(1, calls.fhir().requestCount(), "the Medication only, no patient data");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("names")
    void aDrugIsRecognisedByItsNameWhenNoCodeIs(String text, String expected) {
        ObjectNode request = orderCoded("http://hospital.example.org/fhir/CodeSystem/erx", "12345", text);
        JsonNode answer = calls.post(Way.SIGN_PREFETCHED, request);
        if (expected == null) {
            assertEquals(List.of(), OrderCalls.topics(answer), text);
        } else {
            assertEquals(PATHWAY, OrderCalls.topics(answer), text);
            assertTrue(
                    answer.at("/cards/0/detail").asText().contains("recognised by its name: " + expected),
                    answer.at("/cards/0/detail").asText());
        }
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("XELODA 500 MG PO TABS", "xeloda (capecitabine)"),
                Arguments.of("capecitabine 150 mg tablet", "capecitabine"),
                Arguments.of("LONSURF 20-8.19 MG PO TABS", "lonsurf (trifluridine / tipiracil)"),
                Arguments.of("trifluridine/tipiracil 15 mg", "trifluridine tipiracil (trifluridine / tipiracil)"),
                Arguments.of("fam-trastuzumab deruxtecan-nxki 100 mg IV", "fam trastuzumab deruxtecan"),
                Arguments.of("fluorouracil 5 % topical cream", null),
                Arguments.of("trifluridine 1 % ophthalmic solution", null),
                Arguments.of("paracetamol 500 mg tablet", null),
                Arguments.of("Herceptin 150 mg IV", "herceptin (trastuzumab)"),
                Arguments.of("KADCYLA (ado-trastuzumab emtansine) 100 mg", null));
    }

    /** Given other than systemically, whatever its code: not the systemic therapy of the pathway, no cards. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notSystemic")
    void aDrugGivenOtherThanSystemicallyIsNotTreatment(String what, String code, String text, String route) {
        ObjectNode request = orderCoded(CodeSystems.RXNORM, code, text);
        if (route != null) {
            order(request)
                    .putArray("dosageInstruction")
                    .addObject()
                    .putObject("route")
                    .put("text", route);
        }
        assertEquals(List.of(), OrderCalls.topics(calls.post(Way.SIGN_PREFETCHED, request)), what);
        // the same code, given intravenously, is treatment
        ObjectNode intravenous = orderCoded(CodeSystems.RXNORM, code, null);
        intravenous
                .withArray("/context/draftOrders/entry/0/resource/dosageInstruction")
                .addObject()
                .putObject("route")
                .put("text", "Intravenous");
        assertEquals(PATHWAY, OrderCalls.topics(calls.post(Way.SIGN_PREFETCHED, intravenous)), what);
    }

    static Stream<Arguments> notSystemic() {
        return Stream.of(
                Arguments.of("fluorouracil cream by its ingredient code", "4492", "Efudex 5% cream", null),
                Arguments.of("bevacizumab into the eye", "253337", null, "Intravitreal"),
                Arguments.of("oxaliplatin HIPEC", "32592", "oxaliplatin HIPEC", "Intraperitoneal"));
    }
}
