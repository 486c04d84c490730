package dev.ampulla.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TwoWays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each way of writing a fact that the real-world records do not already show, through the running server with
 * prefetch and fetched from a FHIR server: an example patient is changed into the shape, and the cards must follow
 * (or say why they cannot). Each variant gets its own ids, so all of them live in one FHIR server.
 */
class RecordShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger VARIANTS = new AtomicInteger();
    private static TwoWays server;

    @BeforeAll
    static void start() throws Exception {
        server = new TwoWays();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Example 07 (cT4a cN0 cM0, LOINC codes with AJCC values, 8 cm: IIB, middle) changed by {@code change}. */
    private static ObjectNode example07(Consumer<Resources> change) throws Exception {
        return variant("07-stage-iib-stu2-ajcc-codes", "rc07", change);
    }

    /** Example 03 (cT3 cN0 cM0, SNOMED CT, middle by qualifier: IIA) changed by {@code change}. */
    private static ObjectNode example03(Consumer<Resources> change) throws Exception {
        return variant("03-stage-iia-middle-rectum", "rc03", change);
    }

    private static ObjectNode variant(String slug, String key, Consumer<Resources> change) throws Exception {
        String renamed = Examples.read(Examples.patient(slug))
                .replaceAll("\\b" + key + "\\b", "shape" + VARIANTS.incrementAndGet());
        ObjectNode bundle = (ObjectNode) JSON.readTree(renamed);
        change.accept(new Resources(bundle));
        return bundle;
    }

    /** The resources of a variant, by the part of their id after the patient key ({@code ct}, {@code primary}). */
    private record Resources(ObjectNode bundle) {
        ObjectNode get(String suffix) {
            for (JsonNode entry : bundle.path("entry")) {
                if (entry.at("/resource/id").asText().endsWith("-" + suffix)) {
                    return (ObjectNode) entry.get("resource");
                }
            }
            throw new IllegalArgumentException("no resource -" + suffix);
        }

        ObjectNode add(String suffix, String type, String json) {
            String patient = bundle.at("/entry/0/resource/id").asText();
            try {
                ObjectNode resource = (ObjectNode) JSON.readTree(json.replace("$P", patient));
                resource.put("resourceType", type);
                resource.put("id", patient + "-" + suffix);
                ObjectNode entry = ((ArrayNode) bundle.get("entry")).addObject();
                entry.put("fullUrl", type + "/" + patient + "-" + suffix);
                entry.set("resource", resource);
                entry.putObject("request").put("method", "PUT").put("url", type + "/" + patient + "-" + suffix);
                return resource;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void remove(String suffix) {
            ArrayNode entries = (ArrayNode) bundle.get("entry");
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).at("/resource/id").asText().endsWith("-" + suffix)) {
                    entries.remove(i);
                    return;
                }
            }
        }

        /** Sets the only coding of a Condition's or Observation's code. */
        void code(String suffix, String system, String code, String display) {
            ObjectNode concept = get(suffix).putObject("code");
            ObjectNode coding = concept.putArray("coding").addObject();
            if (system != null) {
                coding.put("system", system);
            }
            coding.put("code", code);
            if (display != null) {
                coding.put("display", display);
            }
        }
    }

    /** The founding document's and Ampulla's own cards (the guideline layer's: GuidelineLayerTest). */
    private static List<String> topics(JsonNode answer) {
        List<String> out = new ArrayList<>();
        for (JsonNode card : CardChecks.foundingDocumentCards(answer)) {
            out.add(card.at("/source/topic/code").asText() + ":"
                    + card.path("indicator").asText());
        }
        return out;
    }

    private static String stage(JsonNode answer, String field) {
        return answer.at("/cards/0/extension/dev.ampulla.stage/" + field).asText(null);
    }

    private static String details(JsonNode answer) {
        StringBuilder sb = new StringBuilder();
        answer.path("cards")
                .forEach(c -> sb.append(c.path("summary").asText())
                        .append('\n')
                        .append(c.path("detail").asText())
                        .append('\n'));
        return sb.toString();
    }

    // ---- Code systems as identities ------------------------------------------------------------------------

    @Test
    void stagingCodedUnderOidsReadsAsUnderTheCanonicalUris() throws Exception {
        JsonNode answer = server.cards(example07(r -> {
            for (String s : List.of("ct", "cn", "cm", "cstage")) {
                ((ObjectNode) r.get(s).at("/code/coding/0")).put("system", "urn:oid:2.16.840.1.113883.6.1");
                ((ObjectNode) r.get(s).at("/valueCodeableConcept/coding/0"))
                        .put("system", "https://cancerstaging.org/");
            }
            ((ObjectNode) r.get("distance").at("/code/coding/0")).put("system", "urn:oid:1.2.840.10008.2.16.4");
        }));
        assertEquals(List.of("stage-summary:info", "neoadjuvant-radiotherapy:info"), topics(answer));
        assertEquals("IIB", stage(answer, "group"));
        assertEquals("middle", stage(answer, "segment"));
    }

    @Test
    void aDottedIcd10CodeOfAnotherEditionIsRectalCancer() throws Exception {
        JsonNode answer =
                server.cards(example07(r -> r.code("primary", "http://hl7.org/fhir/sid/icd-10-nl", "C20.9", null)));
        assertEquals(List.of("stage-summary:info", "neoadjuvant-radiotherapy:info"), topics(answer));
        assertTrue(details(answer).contains("ICD-10 (Dutch) C20.9"), details(answer));
    }

    // ---- Staging shapes ------------------------------------------------------------------------------------

    @Test
    void aTnmFormulaWrittenAsOneValueGivesItsThreeCategories() throws Exception {
        JsonNode answer = server.cards(example07(r -> {
            r.remove("ct");
            r.remove("cn");
            r.remove("cm");
            ObjectNode group = r.get("cstage");
            group.remove("valueCodeableConcept");
            group.put("valueString", "cT4a N0 M0");
        }));
        assertEquals("IIB", stage(answer, "group"));
        assertEquals("cT4a", stage(answer, "t"));
        assertEquals("cN0", stage(answer, "n"));
        assertEquals("cM0", stage(answer, "m"));
    }

    @Test
    void snomedUiccQualifierValuesReadLikeTheirUiccCodes() throws Exception {
        JsonNode answer = server.cards(example03(r -> {
            // MII writes them beside the UICC coding; here they stand alone
            ((ObjectNode) r.get("ct").at("/valueCodeableConcept/coding/0")).put("code", "1352966002");
            ((ObjectNode) r.get("cn").at("/valueCodeableConcept/coding/0")).put("code", "1353041009");
            ((ObjectNode) r.get("cm").at("/valueCodeableConcept/coding/0")).put("code", "1352512001");
        }));
        assertEquals(List.of("stage-summary:info", "neoadjuvant-radiotherapy:info"), topics(answer));
        assertEquals("IIA", stage(answer, "group"));
        assertEquals("cT3", stage(answer, "t"));
    }

    @Test
    void aStageGivenOnlyInConditionStageSummaryIsUsedAsReported() throws Exception {
        JsonNode answer = server.cards(example03(r -> {
            r.remove("ct");
            r.remove("cn");
            r.remove("cm");
            r.get("primary")
                    .putArray("stage")
                    .addObject()
                    .putObject("summary")
                    .putArray("coding")
                    .addObject()
                    .put("system", "http://snomed.info/sct")
                    .put("code", "1222805004");
        }));
        assertEquals(List.of("stage-summary:info", "neoadjuvant-radiotherapy:info"), topics(answer));
        assertEquals("IIIB", stage(answer, "group"));
        assertTrue(details(answer).contains("stage.summary SNOMED CT 1222805004"), details(answer));
    }

    @Test
    void panelMembersWithoutFocusBelongToThePanelsTumourEvenBesideAnotherCancer() throws Exception {
        // us-01's T/N/M have no focus; its stage group names the tumour and lists them in hasMember
        ObjectNode bundle = dev.ampulla.support.RealWorldRecords.read("us-01-mcode-extended-example-stage-iia");
        String renamed = bundle.toString().replaceAll("\\brwus01\\b", "shape" + VARIANTS.incrementAndGet());
        ObjectNode variant = (ObjectNode) JSON.readTree(renamed);
        new Resources(variant)
                .add(
                        "prostate",
                        "Condition",
                        "{\"clinicalStatus\":{\"coding\":[{\"system\":"
                                + "\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},"
                                + "\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"C61\"}]},"
                                + "\"subject\":{\"reference\":\"Patient/$P\"}}");
        JsonNode answer = server.cards(variant);
        assertEquals(List.of("stage-summary:info", "tumor-location-needed:info", "stale-data:info"), topics(answer));
        assertEquals("cT3", stage(answer, "t"));
    }

    // ---- Facts Ampulla does not trust ----------------------------------------------------------------------

    @Test
    void aFactDatedInTheFutureIsNotUsedAndTheCardSaysSo() throws Exception {
        JsonNode answer = server.cards(example07(r -> {
            r.get("cm").put("effectiveDateTime", "2999-01-01");
            r.remove("cstage"); // else the reported stage group of the same day stands in for the missing M
        }));
        assertEquals(List.of("staging-incomplete:info", "data-conflict:info"), topics(answer));
        assertTrue(details(answer).contains("is dated 2999-01-01, in the future, so it was not used"), details(answer));
    }

    @Test
    void stagingReportedByThePatientDoesNotDriveTheStage() throws Exception {
        JsonNode answer = server.cards(example07(r -> {
            r.get("cn")
                    .putArray("performer")
                    .addObject()
                    .put(
                            "reference",
                            "Patient/" + r.bundle().at("/entry/0/resource/id").asText());
            r.get("distance")
                    .putObject("meta")
                    .putArray("tag")
                    .addObject()
                    .put("system", "http://hl7.org/fhir/us/core/CodeSystem/us-core-tags")
                    .put("code", "patient-supplied");
        }));
        assertEquals("unknown", stage(answer, "segment"));
        assertEquals(null, stage(answer, "n"));
        String text = details(answer);
        assertTrue(
                text.contains("was reported by the patient (performer Patient/")
                        && text.contains("was reported by the patient (tag patient-supplied)"),
                text);
    }

    @Test
    void twoTCategoriesOfOneDayThatDisagreeAreBothLeftOutWithAWarning() throws Exception {
        JsonNode answer = server.cards(example07(r -> {
            ObjectNode second = r.add("ct-second", "Observation", r.get("ct").toString());
            ((ObjectNode) second.at("/valueCodeableConcept/coding/0"))
                    .put("code", "cT2")
                    .put("display", "cT2");
        }));
        assertTrue(
                topics(answer).contains("data-conflict:warning"), topics(answer).toString());
        assertEquals(null, stage(answer, "t"));
        assertTrue(
                details(answer).contains("are recorded for the same day and contradict each other"), details(answer));
    }

    @Test
    void distancesThatDisagreeOnRadiotherapyLeaveTheLocationUnknown() throws Exception {
        JsonNode answer = server.cards(example07(r -> {
            ObjectNode later =
                    r.add("distance-later", "Observation", r.get("distance").toString());
            later.put("effectiveDateTime", "2025-03-01");
            later.withObjectProperty("valueQuantity").put("value", 12);
        }));
        assertEquals("unknown", stage(answer, "segment"));
        assertTrue(
                topics(answer).contains("tumor-location-needed:info"),
                topics(answer).toString());
        assertTrue(
                topics(answer).contains("data-conflict:warning"), topics(answer).toString());
    }

    // ---- Diagnoses that look like rectal cancer but cannot be used ------------------------------------------

    private static void assertNotRecognised(ObjectNode bundle, String because) throws Exception {
        JsonNode answer = server.cards(bundle);
        assertEquals(List.of("diagnosis-not-recognised:info"), topics(answer), details(answer));
        assertTrue(details(answer).contains(because), details(answer));
    }

    @Test
    void aRectalNeuroendocrineTumourIsNotPutOnTheCarcinomaPathway() throws Exception {
        assertNotRecognised(
                example03(r -> r.code(
                        "primary",
                        "http://snomed.info/sct",
                        "721701002",
                        "Primary neuroendocrine carcinoma of rectum")),
                "a histology other than adenocarcinoma");
    }

    @Test
    void aRectalCancerWhoseMorphologyIsAMelanomaIsNotOnTheAdenocarcinomaPathway() throws Exception {
        assertNotRecognised(
                example03(r -> r.get("primary")
                        .putArray("extension")
                        .addObject()
                        .put(
                                "url",
                                "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior")
                        .putObject("valueCodeableConcept")
                        .putArray("coding")
                        .addObject()
                        .put("system", "urn:oid:2.16.840.1.113883.6.43.1")
                        .put("code", "8720/3")),
                "not an adenocarcinoma histology");
    }

    @Test
    void aRectalCancerWithClinicalStatusRecurrenceGetsTheRecurrenceCardNotThePrimarysPathway() throws Exception {
        JsonNode answer = server.cards(example03(r -> r.get("primary")
                .putObject("clinicalStatus")
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical")
                .put("code", "recurrence")));
        assertEquals(List.of("stage-summary:info", "recurrence:info"), topics(answer));
        assertTrue(details(answer).contains("diagnosis recorded as recurred"), details(answer));
    }

    @Test
    void aLocalRecurrenceWithoutItsPrimaryIsNotTreatedAsThePrimary() throws Exception {
        assertNotRecognised(
                example03(r -> r.code("primary", "http://snomed.info/sct", "314966008", null)),
                "a recurrence is outside the founding document's pathway for a primary tumour");
    }

    @Test
    void aLocalRecurrenceBesideItsPrimaryPutsThePatientInTheRecurrencePhase() throws Exception {
        JsonNode answer = server.cards(example03(r -> {
            ObjectNode recurrence =
                    r.add("recurrence", "Condition", r.get("primary").toString());
            recurrence
                    .putObject("code")
                    .putArray("coding")
                    .addObject()
                    .put("system", "http://snomed.info/sct")
                    .put("code", "314966008");
        }));
        assertEquals(List.of("stage-summary:info", "recurrence:info"), topics(answer));
        assertFalse(details(answer).contains("Preoperative radiotherapy, then surgery"), details(answer));
    }

    @Test
    void aC20UnderAnUnknownSystemGetsACardNotSilence() throws Exception {
        assertNotRecognised(
                example03(r -> r.code("primary", "urn:oid:1.2.840.114350.1.13.0.1.7.2.728286", "C20", null)),
                "which Ampulla does not know as an edition of ICD-10");
    }

    @Test
    void aDiagnosisNamedOnlyInWordsGetsACard() throws Exception {
        assertNotRecognised(
                example03(r -> {
                    r.code("primary", "urn:oid:1.2.840.114350.1.13.0.1.7.2.698084", "10375", "Rectal adenocarcinoma");
                    r.get("primary").remove("bodySite");
                }),
                "none of its codes is one Ampulla knows for rectal cancer");
    }

    @Test
    void aCodeThatAlsoNamesTheAnusCannotBePlaced() throws Exception {
        assertNotRecognised(
                example03(r -> r.code("primary", "http://hl7.org/fhir/sid/icd-10-cm", "C21.8", null)),
                "cannot be placed");
    }

    @Test
    void aRectalCancerInRemissionIsWatchAndWaitNotTheUntreatedPathway() throws Exception {
        // mCODE sets the primary's clinical status to remission when its disease status says so
        JsonNode answer = server.cards(example03(r -> r.get("primary")
                .putObject("clinicalStatus")
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical")
                .put("code", "remission")));
        assertEquals(List.of("stage-summary:info", "watch-and-wait:info"), topics(answer));
        assertTrue(details(answer).contains("diagnosis recorded in remission"), details(answer));
    }

    @Test
    void aRectalCancerResolvedGetsACardInsteadOfAPathway() throws Exception {
        assertNotRecognised(
                example03(r -> r.get("primary")
                        .putObject("clinicalStatus")
                        .putArray("coding")
                        .addObject()
                        .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical")
                        .put("code", "resolved")),
                "clinical status 'resolved'");
    }

    @Test
    void aMorphologyThatIsNotAnInvasivePrimaryIsNotUsed() throws Exception {
        assertNotRecognised(
                example03(r -> r.get("primary")
                        .putArray("extension")
                        .addObject()
                        .put(
                                "url",
                                "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior")
                        .putObject("valueCodeableConcept")
                        .putArray("coding")
                        .addObject()
                        .put("system", "http://terminology.hl7.org/CodeSystem/icd-o-3")
                        .put("code", "8140/2")),
                "in situ (behaviour /2)");
    }

    @Test
    void aGenericCancerCodeWithTheRectumOnlyInTextIsNotUsed() throws Exception {
        assertNotRecognised(
                example03(r -> {
                    r.code("primary", "http://snomed.info/sct", "363346000", null);
                    ObjectNode site = r.get("primary").putArray("bodySite").addObject();
                    site.put("text", "Rektum");
                }),
                "names the rectum only in its text");
    }

    @Test
    void aMetastasisOfAnotherCancerToTheRectumIsNeitherPrimaryNorCard() throws Exception {
        JsonNode answer = server.cards(example03(r ->
                r.code("primary", "http://snomed.info/sct", "94513006", "Secondary malignant neoplasm of rectum")));
        assertEquals(List.of(), topics(answer));
    }

    @Test
    void aRecognisedPrimaryBesideAnUnusableOneGetsItsPathwayAndTheCard() throws Exception {
        JsonNode answer = server.cards(example03(r -> {
            ObjectNode other = r.add("anal", "Condition", r.get("primary").toString());
            other.putObject("code")
                    .putArray("coding")
                    .addObject()
                    .put("system", "http://hl7.org/fhir/sid/icd-10-cm")
                    .put("code", "C21.8");
        }));
        assertEquals(
                List.of("stage-summary:info", "neoadjuvant-radiotherapy:info", "diagnosis-not-recognised:info"),
                topics(answer));
        JsonNode notRecognised = CardChecks.foundingDocumentCards(answer).get(2);
        assertTrue(
                notRecognised.get("summary").asText().startsWith("Also recorded: "),
                notRecognised.get("summary").asText());
    }
}
