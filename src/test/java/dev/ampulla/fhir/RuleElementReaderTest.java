package dev.ampulla.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.service.ClinicalSelection;
import dev.ampulla.support.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * The fast reader against HAPI's parser: on every Condition and Observation of the examples and the benchmark, and on
 * variations of each (odd shapes, wrong types, invalid values), whatever the fast reader accepts must be element for
 * element what HAPI's parser reads, and what it declines HAPI must read or refuse.
 */
class RuleElementReaderTest {
    private static final ObjectMapper JSON = CdsJson.reader(CdsJson.MAX_NESTING_DEPTH, CdsJson.MAX_STRING_LENGTH);
    private static final RuleElementReader READER = new RuleElementReader(ClinicalSelection.INSTANCE);

    @Test
    void readsEveryExampleResourceExactlyAsHapiDoes() throws IOException {
        List<ObjectNode> resources = exampleResources();
        assertTrue(resources.size() > 150, "examples found: " + resources.size());
        int relevant = 0;
        for (ObjectNode resource : resources) {
            DomainResource fast = fast(resource);
            if (isRelevant(resource)) {
                relevant++;
                assertNotNull(fast, () -> "the plain example is read by the fast reader: " + resource);
            }
            if (fast != null) {
                // HAPI given what the builder would give it: an element the rules do not read may be malformed
                assertSameRuleElements(hapi(READER.ruleElements(resource)), fast, resource);
            }
        }
        assertTrue(relevant > 100, "relevant examples: " + relevant);
    }

    @Test
    void variationsAreReadExactlyOrLeftToHapi() throws IOException {
        int fastRead = 0;
        int declined = 0;
        for (ObjectNode original : exampleResources()) {
            for (ObjectNode variant : variants(original)) {
                DomainResource fast = fast(variant);
                DomainResource hapi;
                try {
                    hapi = hapi(READER.ruleElements(variant)); // what the builder gives HAPI
                } catch (UnreadableResourceException e) {
                    assertNull(fast, () -> "HAPI refuses, so the fast reader must decline: " + variant);
                    declined++;
                    continue;
                }
                if (fast == null) {
                    declined++;
                } else {
                    fastRead++;
                    assertSameRuleElements(hapi, fast, variant);
                }
            }
        }
        assertTrue(fastRead > 1000 && declined > 1000, "fast " + fastRead + ", declined " + declined);
    }

    @Test
    void elementsTheRulesDoNotReadCannotMakeAResourceUnreadable() {
        ObjectNode observation = observation();
        observation.put("subject", "Patient/p"); // a string where FHIR has a Reference
        observation.putArray("note").add(3);
        assertThrows(UnreadableResourceException.class, () -> hapi(observation));
        assertNotNull(READER.observation(observation));

        // declined by the fast reader (a primitive extension), so HAPI reads the rule elements only
        observation
                .putObject("_status")
                .putArray("extension")
                .addObject()
                .put("url", "https://example.org/x")
                .put("valueString", "y");
        assertNull(READER.observation(observation));
        ObjectNode ruleElements = READER.ruleElements(observation);
        assertEquals(
                List.of("resourceType", "id", "status", "code", "effectiveDateTime", "valueQuantity", "_status"),
                fieldNames(ruleElements));
        assertEquals(
                Observation.ObservationStatus.FINAL,
                Fhir.parse(ruleElements, Observation.class).getStatus());
    }

    @Test
    void theDeclaredElementsInTheirPlainShapesAreReadWithoutHapi() throws IOException {
        ObjectNode observation = (ObjectNode) JSON.readTree("""
                {"resourceType": "Observation", "id": "o1",
                 "meta": {"tag": [{"system": "http://terminology.hl7.org/CodeSystem/common-tags",
                                   "code": "patient-entered"}]},
                 "status": "final",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "21905-5"}]},
                 "performer": [{"reference": "Practitioner/p1"}, {"display": "Dr. B"}],
                 "valueString": "T3",
                 "bodySite": {"coding": [{"system": "http://snomed.info/sct", "code": "34402009"}]},
                 "hasMember": [{"reference": "Observation/o2"}],
                 "component": [{"code": {"text": "depth"}, "valueString": "deep",
                                "extension": [{"url": "http://example.org/c", "valueString": "z"},
                                              {"url": "http://example.org/d",
                                               "valueReference": {"reference": "Observation/o3"}}]},
                               {"code": {"text": "margin"}, "valueCodeableConcept": {"text": "clear"}}]}
                """);
        Observation fast = READER.observation(observation);
        assertNotNull(fast, "read by the fast reader");
        assertSameRuleElements(hapi(observation), fast, observation);
        assertEquals("patient-entered", fast.getMeta().getTagFirstRep().getCode());
        assertEquals(2, fast.getComponent().size());
        assertEquals("T3", fast.getValueStringType().getValue());

        ObjectNode condition = (ObjectNode) JSON.readTree("""
                {"resourceType": "Condition", "id": "c1",
                 "extension": [{"url": "http://example.org/a", "valueString": "x"}],
                 "code": {"text": "rectal cancer"},
                 "stage": [{"summary": {"text": "IIIB"}, "assessment": [{"reference": "Observation/o1"}],
                            "type": {"coding": [{"system": "http://snomed.info/sct", "code": "260998006"}]}}]}
                """);
        Condition fastCondition = READER.condition(condition);
        assertNotNull(fastCondition, "read by the fast reader");
        assertSameRuleElements(hapi(condition), fastCondition, condition);
        assertEquals("IIIB", fastCondition.getStageFirstRep().getSummary().getText());
    }

    @Test
    void theSelectionDecidesWhichElementsAreRead() {
        ObjectNode observation = observation();
        observation.putArray("focus").addObject().put("reference", "Condition/c1");
        observation.putArray("note").addObject().put("text", "seen");

        // a declaration without focus: neither reader reads it
        RuleElementReader withoutFocus = new RuleElementReader(
                declaring(e -> ClinicalSelection.INSTANCE.readsElement("Observation", e) && !e.equals("focus")));
        assertTrue(withoutFocus.observation(observation).getFocus().isEmpty());
        assertFalse(fieldNames(withoutFocus.ruleElements(observation)).contains("focus"));

        // a declaration with an element the fast reader does not know: it is left to HAPI, with that element
        RuleElementReader readingNote = new RuleElementReader(
                declaring(e -> ClinicalSelection.INSTANCE.readsElement("Observation", e) || e.equals("note")));
        assertNull(readingNote.observation(observation));
        assertTrue(fieldNames(readingNote.ruleElements(observation)).contains("note"));
        assertEquals(
                "seen",
                Fhir.parse(readingNote.ruleElements(observation), Observation.class)
                        .getNoteFirstRep()
                        .getText());
        assertFalse(fieldNames(READER.ruleElements(observation)).contains("note"));
    }

    /** Every resource selected; of Observations, the elements {@code reads} accepts are read. */
    private static ResourceSelection declaring(java.util.function.Predicate<String> reads) {
        return new ResourceSelection() {
            @Override
            public boolean isRelevantObservation(String system, String code) {
                return true;
            }

            @Override
            public boolean isRelevantCondition(String system, String code) {
                return true;
            }

            @Override
            public boolean isRelevantConditionProfile(String profile) {
                return false;
            }

            @Override
            public boolean isRelevantConditionText(String text) {
                return false;
            }

            @Override
            public boolean readsElement(String resourceType, String element) {
                return resourceType.equals("Observation")
                        ? reads.test(element)
                        : ClinicalSelection.INSTANCE.readsElement(resourceType, element);
            }
        };
    }

    @Test
    void invalidRuleElementsAreStillRefused() {
        PatientRecordBuilder builder = new PatientRecordBuilder(
                declaring(element -> ClinicalSelection.INSTANCE.readsElement("Observation", element)));
        ObjectNode badDate = observation().put("effectiveDateTime", "the ninth of January");
        assertThrows(UnreadableResourceException.class, () -> builder.add(badDate));
        ObjectNode badStatus = observation().put("status", "finished");
        assertThrows(UnreadableResourceException.class, () -> builder.add(badStatus));
        ObjectNode badValue = observation();
        ((ObjectNode) badValue.get("valueQuantity")).put("value", "four");
        assertThrows(UnreadableResourceException.class, () -> builder.add(badValue));
        ObjectNode twoValues = observation();
        twoValues.putObject("valueCodeableConcept").put("text", "x");
        assertThrows(UnreadableResourceException.class, () -> builder.add(twoValues));
    }

    /** Whether the clinical core needs the resource (the others are never read into model objects). */
    private static boolean isRelevant(ObjectNode resource) {
        boolean condition = "Condition".equals(resource.path("resourceType").asText());
        for (JsonNode profile : resource.path("meta").path("profile")) {
            if (condition && ClinicalSelection.INSTANCE.isRelevantConditionProfile(profile.asText())) {
                return true;
            }
        }
        for (JsonNode coding : resource.path("code").path("coding")) {
            String system = coding.path("system").asText();
            String code = coding.path("code").asText();
            if (condition
                    ? ClinicalSelection.INSTANCE.isRelevantCondition(system, code)
                    : ClinicalSelection.INSTANCE.isRelevantObservation(system, code)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode observation() {
        ObjectNode o = JSON.createObjectNode()
                .put("resourceType", "Observation")
                .put("id", "o1")
                .put("status", "final");
        o.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", "http://loinc.org")
                .put("code", "x");
        o.put("effectiveDateTime", "2025-01-09");
        o.putObject("valueQuantity").put("value", 4.5).put("unit", "cm");
        return o;
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static DomainResource fast(ObjectNode json) {
        return "Condition".equals(json.path("resourceType").asText())
                ? READER.condition(json)
                : READER.observation(json);
    }

    private static DomainResource hapi(ObjectNode json) {
        return "Condition".equals(json.path("resourceType").asText())
                ? Fhir.parse(json, Condition.class)
                : Fhir.parse(json, Observation.class);
    }

    /** Every rule element CaseExtractor reads, compared with HAPI's deep equality. */
    private static void assertSameRuleElements(DomainResource hapi, DomainResource fast, JsonNode json) {
        String where = json.toString();
        assertEquals(hapi.getIdElement().getValue(), fast.getIdElement().getValue(), where);
        assertEquals(profiles(hapi), profiles(fast), where);
        assertEquals(
                hapi.getMeta().getLastUpdatedElement().getValueAsString(),
                fast.getMeta().getLastUpdatedElement().getValueAsString(),
                where);
        assertSame(hapi.getMeta().getTag(), fast.getMeta().getTag(), where);
        assertSame(hapi.getExtension(), fast.getExtension(), where);
        if (hapi instanceof Condition h && fast instanceof Condition f) {
            assertSame(h.getClinicalStatus(), f.getClinicalStatus(), where);
            assertSame(h.getVerificationStatus(), f.getVerificationStatus(), where);
            assertSame(h.getCategory(), f.getCategory(), where);
            assertSame(h.getCode(), f.getCode(), where);
            assertSame(h.getBodySite(), f.getBodySite(), where);
            assertSame(h.getOnset(), f.getOnset(), where);
            assertSame(h.getRecordedDateElement(), f.getRecordedDateElement(), where);
            assertSame(h.getStage(), f.getStage(), where);
        } else if (hapi instanceof Observation h && fast instanceof Observation f) {
            assertEquals(h.getStatus(), f.getStatus(), where);
            assertSame(h.getCategory(), f.getCategory(), where);
            assertSame(h.getCode(), f.getCode(), where);
            assertSame(h.getFocus(), f.getFocus(), where);
            assertSame(h.getEffective(), f.getEffective(), where);
            assertSame(h.getIssuedElement(), f.getIssuedElement(), where);
            assertSame(h.getPerformer(), f.getPerformer(), where);
            assertSame(h.getValue(), f.getValue(), where);
            assertSame(h.getBodySite(), f.getBodySite(), where);
            assertSame(h.getHasMember(), f.getHasMember(), where);
            assertSame(h.getComponent(), f.getComponent(), where);
        } else {
            throw new AssertionError("different types for " + where);
        }
    }

    private static List<String> profiles(DomainResource r) {
        return r.getMeta().getProfile().stream().map(CanonicalType::getValue).toList();
    }

    private static void assertSame(Base hapi, Base fast, String where) {
        assertTrue(Base.compareDeep(hapi, fast, true), () -> "differs from HAPI: " + where);
    }

    private static void assertSame(List<? extends Base> hapi, List<? extends Base> fast, String where) {
        assertTrue(Base.compareDeep(hapi, fast, true), () -> "differs from HAPI: " + where);
    }

    static List<ObjectNode> exampleResources() throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Examples.root())) {
            walk.filter(p -> p.toString().endsWith(".json")).forEach(files::add);
        }
        files.add(Path.of("bench/patient-view-24k.json"));
        files.add(Path.of("bench/order-sign-24k.json"));
        for (Path file : files) {
            collect(JSON.readTree(file.toFile()), out);
        }
        return out;
    }

    private static void collect(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            String type = o.path("resourceType").asText();
            if (type.equals("Condition") || type.equals("Observation")) {
                out.add(o);
                return;
            }
        }
        for (JsonNode child : node) {
            collect(child, out);
        }
    }

    /** Variations of one resource, each made on a fresh copy. */
    private static List<ObjectNode> variants(ObjectNode original) {
        List<Consumer<ObjectNode>> changes = new ArrayList<>();
        for (String element :
                new String[] {"id", "status", "issued", "recordedDate", "effectiveDateTime", "onsetDateTime"}) {
            changes.add(r -> r.put(element, "2025-02-03T10:00:00Z"));
            changes.add(r -> r.put(element, "2025-02-30"));
            changes.add(r -> r.put(element, 20250203));
            changes.add(r -> r.put(element, " final"));
            changes.add(r -> r.put(element, ""));
            changes.add(r -> r.putObject("_" + element).put("id", "x"));
            changes.add(r -> r.putArray(element).add("final"));
        }
        for (String id : new String[] {
            "Condition/x",
            "Observation/x",
            "x/_history/2",
            "http://a.org/fhir/Condition/1",
            "a/b",
            "/",
            "#c",
            "_history",
            "a b",
            "x".repeat(65),
            "rc-01.2"
        }) {
            changes.add(r -> r.put("id", id));
            changes.add(r -> r.put("id", id).putObject("meta").put("versionId", "2"));
        }
        changes.add(r -> r.remove("id"));
        changes.add(r -> r.put("id", "x").putObject("meta").put("versionId", "a/b"));
        changes.add(r -> ((ObjectNode) r.without("id")).putObject("meta").put("versionId", "3"));
        changes.add(r -> r.putObject("meta").put("source", ""));
        changes.add(r -> r.putObject("meta").put("source", "#abc123").put("versionId", "1"));
        changes.add(r -> r.putObject("meta").put("tag", "x"));
        changes.add(r -> r.putObject("meta").putArray("tag").add(3));
        changes.add(r -> r.putObject("meta").put("tag", false));
        changes.add(r -> r.putObject("meta").putObject("security"));
        changes.add(r -> r.putObject("meta").putArray("security").addObject().put("userSelected", "yes"));
        changes.add(r -> r.putObject("meta")
                .putArray("security")
                .addObject()
                .put("system", "http://s")
                .put("code", "R"));
        changes.add(r -> r.put("status", "amended"));
        changes.add(r -> r.put("status", "FINAL"));
        changes.add(
                r -> r.putObject("effectivePeriod").put("start", "2025-01-01").put("end", "2025-01-02"));
        changes.add(r -> r.putObject("effectivePeriod").put("end", "2025-01-02"));
        changes.add(r -> r.putObject("onsetPeriod").put("start", "2025-01"));
        changes.add(r -> r.putObject("onsetPeriod"));
        changes.add(r -> r.putObject("onsetAge").put("value", 60).put("unit", "a"));
        changes.add(r -> r.put("onsetString", "childhood"));
        changes.add(r -> r.put("valueString", "positive"));
        changes.add(r -> r.putObject("valueQuantity")
                .put("value", 4.50)
                .put("unit", "cm")
                .put("comparator", "<"));
        changes.add(r -> r.putObject("valueQuantity")
                .put("value", new java.math.BigDecimal("4.50"))
                .put("code", "cm")
                .put("system", "http://unitsofmeasure.org"));
        changes.add(r -> r.putObject("valueQuantity").put("value", 12).put("comparator", "about"));
        changes.add(r -> r.putObject("valueQuantity").put("value", "12"));
        changes.add(r -> r.putObject("valueQuantity").put("value", 42).put("code", "mm\u0000"));
        changes.add(r -> r.putObject("verificationStatus")
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-ver-status")
                .put("code", "entered-in-error\u0000"));
        changes.add(r -> r.putObject("valueQuantity").put("value", Double.POSITIVE_INFINITY));
        changes.add(r -> r.putObject("valueCodeableConcept").put("text", "pT3"));
        changes.add(r -> r.putObject("valueCodeableConcept"));
        changes.add(r ->
                r.putArray("focus").addObject().put("reference", "Condition/c1").put("display", "primary"));
        changes.add(r -> r.putArray("focus").addObject().putObject("identifier").put("value", "1"));
        changes.add(r -> r.putArray("focus").add("Condition/c1"));
        changes.add(r -> r.putArray("focus"));
        changes.add(r -> r.putObject("meta").put("versionId", "3").put("lastUpdated", "2025-01-01T00:00:00Z"));
        changes.add(r -> r.putObject("meta").put("lastUpdated", "2025-01-01"));
        changes.add(r -> r.putObject("meta")
                .putArray("profile")
                .add("http://example.org/p")
                .add(7));
        changes.add(r -> r.putObject("meta").putArray("tag").addObject().put("code", "x"));
        changes.add(r -> r.putObject("meta").put("profile", "http://example.org/p"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueString", "x"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .putObject("valueReference")
                .put("reference", "Condition/c1"));
        changes.add(r ->
                r.putArray("extension").addObject().putObject("valueReference").put("reference", "x"));
        changes.add(r -> r.putArray("bodySite").addObject().put("text", "rectum"));
        changes.add(r -> r.putArray("bodySite")
                .addObject()
                .putArray("extension")
                .addObject()
                .put("url", "http://example.org/q")
                .putObject("valueCodeableConcept")
                .put("text", "mid"));
        changes.add(r -> r.putObject("bodySite").put("text", "rectum"));
        changes.add(r ->
                r.putObject("clinicalStatus").putArray("coding").addObject().put("code", "remission"));
        changes.add(r -> r.put("verificationStatus", "confirmed"));
        changes.add(r -> r.put("subject", "Patient/p"));
        changes.add(r -> r.putArray("modifierExtension").addObject().put("url", "http://example.org/m"));
        changes.add(r -> r.putArray("contained").addObject().put("resourceType", "Patient"));
        // meta.tag is read (patient-entered data is told by it)
        changes.add(r -> r.putObject("meta")
                .putArray("tag")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/common-tags")
                .put("code", "patient-entered")
                .put("display", "Patient entered"));
        changes.add(r ->
                r.putObject("meta").putArray("tag").addObject().put("code", "a").put("userSelected", false));
        changes.add(r -> r.putObject("meta").putArray("tag"));
        changes.add(r -> r.putObject("meta").putArray("tag").addObject().put("code", " a"));
        changes.add(r ->
                r.putObject("meta").putArray("tag").addObject().put("code", "a").put("id", "t"));
        changes.add(r -> r.putObject("meta").putObject("tag").put("code", "a"));
        // extensions of every value type read, and others
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueCode", "x"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueCode", "x "));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .putObject("valueCoding")
                .put("system", "http://snomed.info/sct")
                .put("code", "1234"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .putObject("valueCoding"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .putObject("valueCodeableConcept")
                .put("text", "x"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://hl7.org/fhir/StructureDefinition/condition-assertedDate")
                .put("valueDateTime", "2023-03-21"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueDateTime", "2023-03-21T10:00:00+01:00"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueDateTime", "2023-02-30"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueDateTime", "March 2023"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueBoolean", true));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueString", "a")
                .put("valueCode", "b"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueString", 3));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .putArray("extension")
                .addObject()
                .put("url", "http://example.org/f")
                .put("valueString", "a"));
        changes.add(r -> r.putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueString", "a")
                .put("id", "x"));
        changes.add(r -> r.putArray("extension").addObject().put("url", "http://example.org/e"));
        changes.add(r -> r.putArray("extension").addObject().put("url", "").put("valueString", "a"));
        changes.add(r -> r.putObject("_extension"));
        // category
        changes.add(r -> r.putArray("category")
                .addObject()
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/observation-category")
                .put("code", "exam"));
        changes.add(r -> r.putArray("category")
                .addObject()
                .put("text", "a")
                .putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueString", "x"));
        changes.add(r -> r.putArray("category").add("exam"));
        changes.add(r -> r.putArray("category"));
        changes.add(r -> r.putObject("category").put("text", "laboratory"));
        // Condition.stage
        changes.add(r -> {
            ObjectNode stage = r.putArray("stage").addObject();
            stage.putObject("summary")
                    .putArray("coding")
                    .addObject()
                    .put("system", "http://snomed.info/sct")
                    .put("code", "1222806003");
            stage.putArray("assessment")
                    .addObject()
                    .put("reference", "Observation/o1")
                    .put("display", "TNM");
            stage.putObject("type").put("text", "clinical");
        });
        changes.add(r -> r.putArray("stage").addObject().putObject("summary").put("text", "IIIB"));
        changes.add(r -> r.putArray("stage")
                .addObject()
                .putArray("assessment")
                .addObject()
                .put("reference", "#c"));
        changes.add(r -> r.putArray("stage").addObject().putArray("assessment").add("Observation/o1"));
        changes.add(r -> r.putArray("stage")
                .addObject()
                .put("id", "s")
                .putObject("summary")
                .put("text", "I"));
        changes.add(r -> r.putArray("stage").addObject().putObject("summary"));
        changes.add(r -> r.putArray("stage").addObject());
        changes.add(r -> r.putObject("stage").putObject("summary").put("text", "I"));
        changes.add(r ->
                r.putArray("stage").addObject().putArray("summary").addObject().put("text", "I"));
        // Observation.performer, hasMember, bodySite
        changes.add(r -> r.putArray("performer").addObject().put("display", "Dr. Who"));
        changes.add(r -> r.putArray("performer")
                .addObject()
                .put("reference", "Practitioner/p")
                .put("type", "Practitioner"));
        changes.add(
                r -> r.putArray("performer").addObject().putObject("identifier").put("value", "1"));
        changes.add(r -> r.putArray("performer").addObject().put("reference", ""));
        changes.add(r -> r.putArray("hasMember").addObject().put("reference", "Observation/o2"));
        changes.add(r -> r.putArray("hasMember")
                .add(JSON.createObjectNode().put("reference", "Observation/o2"))
                .add(JSON.createObjectNode().put("reference", "Observation/o3")));
        changes.add(r -> r.putObject("hasMember").put("reference", "Observation/o2"));
        changes.add(r -> r.putArray("hasMember").addObject().put("reference", 2));
        changes.add(r -> r.putObject("bodySite")
                .putArray("coding")
                .addObject()
                .put("system", "http://snomed.info/sct")
                .put("code", "34402009"));
        changes.add(r -> r.putObject("bodySite")
                .putArray("extension")
                .addObject()
                .put("url", "http://example.org/q")
                .putObject("valueCodeableConcept")
                .put("text", "mid"));
        changes.add(r -> r.putArray("bodySite")
                .addObject()
                .putArray("extension")
                .addObject()
                .put("url", "http://example.org/q")
                .put("valueCode", "upper"));
        changes.add(r -> r.putArray("bodySite")
                .addObject()
                .putArray("extension")
                .addObject()
                .put("url", "http://example.org/q")
                .put("valueDecimal", 8));
        // Observation.component
        changes.add(r -> {
            ArrayNode components = r.putArray("component");
            ObjectNode t = components.addObject();
            t.putObject("code")
                    .putArray("coding")
                    .addObject()
                    .put("system", "http://loinc.org")
                    .put("code", "21905-5");
            t.putObject("valueCodeableConcept")
                    .putArray("coding")
                    .addObject()
                    .put("system", "http://snomed.info/sct")
                    .put("code", "1228882005");
            ObjectNode n = components.addObject();
            n.putObject("code").put("text", "regional nodes");
            n.put("valueString", "N1b");
            n.putArray("extension")
                    .addObject()
                    .put("url", "http://example.org/e")
                    .putObject("valueReference")
                    .put("reference", "Observation/o2");
        });
        changes.add(r -> {
            ObjectNode c = r.putArray("component").addObject();
            c.putObject("code").put("text", "x");
            ArrayNode extensions = c.putArray("extension");
            extensions
                    .addObject()
                    .put("url", "http://example.org/a")
                    .putObject("valueCoding")
                    .put("code", "x");
            extensions.addObject().put("url", "http://example.org/b").put("valueCode", "y");
            extensions.addObject().put("url", "http://example.org/c").put("valueString", "z");
            extensions
                    .addObject()
                    .put("url", "http://example.org/d")
                    .putObject("valueCodeableConcept")
                    .put("text", "w");
        });
        changes.add(r -> r.putArray("component").addObject().put("valueString", "no code"));
        changes.add(r -> r.putArray("component")
                .addObject()
                .put("valueString", "a")
                .putObject("valueCodeableConcept")
                .put("text", "b"));
        changes.add(r ->
                r.putArray("component").addObject().putObject("valueQuantity").put("value", 1));
        changes.add(r -> r.putArray("component").addObject().put("valueString", ""));
        changes.add(r -> r.putArray("component")
                .addObject()
                .put("valueString", "a")
                .putObject("_valueString")
                .put("id", "x"));
        changes.add(r -> r.putArray("component")
                .addObject()
                .put("valueString", "a")
                .putArray("modifierExtension")
                .addObject()
                .put("url", "http://example.org/m")
                .put("valueString", "b"));
        changes.add(r -> r.putArray("component")
                .addObject()
                .put("valueString", "a")
                .putArray("extension")
                .addObject()
                .put("url", "http://example.org/e")
                .put("valueInteger", 1));
        changes.add(r -> r.putArray("component").addObject());
        changes.add(r -> r.putArray("component").add("N1"));
        changes.add(r -> r.putObject("component").put("valueString", "a"));
        // value[x] as a string
        changes.add(
                r -> r.remove(List.of("valueQuantity", "valueCodeableConcept")).put("valueString", "pT3 N1"));
        changes.add(
                r -> r.remove(List.of("valueQuantity", "valueCodeableConcept")).put("valueString", " pT3"));
        changes.add(
                r -> r.remove(List.of("valueQuantity", "valueCodeableConcept")).put("valueString", ""));
        changes.add(
                r -> r.remove(List.of("valueQuantity", "valueCodeableConcept")).put("valueString", 3));
        changes.add(r -> r.remove(List.of("valueQuantity", "valueCodeableConcept"))
                .put("valueString", "a")
                .putObject("_valueString")
                .put("id", "v"));
        for (String element : new String[] {"code", "valueCodeableConcept", "clinicalStatus"}) {
            changes.add(r -> codings(r, element, c -> c.put("userSelected", true)));
            changes.add(r -> codings(r, element, c -> c.put("userSelected", "true")));
            changes.add(r -> codings(r, element, c -> c.put("version", "2025-03")));
            changes.add(r -> codings(r, element, c -> c.put("display", "Malignant neoplasm of rectum")));
            changes.add(r -> codings(r, element, c -> c.put("display", "")));
            changes.add(r -> codings(r, element, c -> c.put("code", 363351006)));
            changes.add(r -> codings(r, element, c -> c.put("code", "363351006 ")));
            changes.add(r ->
                    codings(r, element, c -> c.put("code", c.path("code").asText() + "\u0000")));
            changes.add(r -> codings(
                    r, element, c -> c.put("code", "\u0007" + c.path("code").asText())));
            changes.add(r -> codings(r, element, c -> c.put("code", "entered-in-error\u001b")));
            changes.add(r -> codings(r, element, c -> c.put("display", "a\u0001b")));
            changes.add(r -> codings(r, element, c -> c.put("id", "c")));
            changes.add(r -> codings(r, element, c -> c.putObject("_code").put("id", "c")));
            changes.add(r -> codings(r, element, c -> c.putArray("extension")));
            changes.add(r -> codings(r, element, c -> c.remove("system")));
            changes.add(r -> codings(r, element, c -> c.put("system", "urn:oid:2.16.840.1.113883.6.96")));
            changes.add(r -> concept(r, element, c -> c.put("text", "rectal cancer")));
            changes.add(r -> concept(r, element, c -> c.remove("coding")));
            changes.add(r -> concept(r, element, c -> c.put("coding", "x")));
            changes.add(r -> concept(r, element, c -> c.putArray("coding").addNull()));
        }
        List<ObjectNode> out = new ArrayList<>(changes.size());
        for (Consumer<ObjectNode> change : changes) {
            ObjectNode copy = original.deepCopy();
            change.accept(copy);
            out.add(copy);
        }
        return out;
    }

    private static void concept(ObjectNode resource, String element, Consumer<ObjectNode> change) {
        if (resource.get(element) instanceof ObjectNode concept) {
            change.accept(concept);
        }
    }

    private static void codings(ObjectNode resource, String element, Consumer<ObjectNode> change) {
        if (resource.get(element) instanceof ObjectNode concept && concept.get("coding") instanceof ArrayNode codings) {
            for (JsonNode coding : codings) {
                if (coding instanceof ObjectNode c) {
                    change.accept(c);
                }
            }
        }
    }
}
