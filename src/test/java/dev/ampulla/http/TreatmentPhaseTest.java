package dev.ampulla.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import dev.ampulla.support.FhirTestServer;
import dev.ampulla.support.HookCalls;
import dev.ampulla.support.TwoWays;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where the patient is in treatment, end to end: each example patient of the treatment phases (already treated, in
 * watch-and-wait, recurred, metastases after resection, high-risk or unresectable, old data) gets the cards of its
 * phase and none of the untreated patient's advice — with its data prefetched, and fetched from a real FHIR server.
 */
class TreatmentPhaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TwoWays server;
    private static FhirTestServer fhir;

    @BeforeAll
    static void start() throws Exception {
        server = new TwoWays();
        fhir = server.fhir().loadExamples();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode post(String hook, ObjectNode request) throws Exception {
        return HookCalls.post(server.port(), hook, request);
    }

    private static ObjectNode fetching(ObjectNode request) {
        return HookCalls.fetching(request, fhir);
    }

    /** The topics of the founding document's and Ampulla's own cards (the guideline layer's: GuidelineLayerTest). */
    private static List<String> topics(JsonNode answer) {
        List<String> topics = new ArrayList<>();
        CardChecks.foundingDocumentCards(answer)
                .forEach(c -> topics.add(c.at("/source/topic/code").asText()));
        return topics;
    }

    private static String allDetails(JsonNode answer) {
        StringBuilder s = new StringBuilder();
        answer.get("cards")
                .forEach(c -> s.append(c.get("summary").asText())
                        .append('\n')
                        .append(c.get("detail").asText())
                        .append('\n'));
        return s.toString();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(
            delimiter = ';',
            value = {
                // ycT1 ycN0 after total neoadjuvant therapy: restage; no preoperative radiotherapy, no "surgery is the
                // main
                // treatment" for an early tumour
                "patient-view; 29-tnt-restaging-yct1-ycn0; stage-summary restaging-after-neoadjuvant;"
                        + " Treatment phase: treated, not resected.; Preoperative radiotherapy, then surgery",
                "patient-view; 30-watch-and-wait-after-tnt; stage-summary watch-and-wait;"
                        + " the founding document does not cover it; then surgery",
                // adjuvant chemotherapy completed in 2019: no "postoperative chemotherapy" in 2025, and the data's age
                // said
                "patient-view; 31-resected-2019-adjuvant-completed; stage-summary stale-data;"
                        + " The newest data are from 2019-10-14; Postoperative chemotherapy",
                // liver metastasis five years after resection: the metastases' options, no conflict about the old M0
                "patient-view; 32-metachronous-liver-metastasis; stage-summary metachronous-metastases;"
                        + " removal of the metastases with chemotherapy; update the M category",
                "patient-view; 33-local-recurrence-rt-naive; stage-summary recurrence;"
                        + " No earlier radiotherapy is on record; surgery without preoperative radiotherapy",
                "patient-view; 34-ct4b-upper-rectum; stage-summary preoperative-chemotherapy;"
                        + " high-risk features (cT4b); surgery without preoperative radiotherapy",
                "patient-view; 35-mrf-emvi-upper-rectum; stage-summary preoperative-chemotherapy;"
                        + " extramural venous invasion; surgery without preoperative radiotherapy",
                "patient-view; 36-m0-unresectable-sacrum; stage-summary unresectable-locally-advanced;"
                        + " Chemotherapy is the main treatment; then surgery",
                "patient-view; 37-stale-staging-2018; stage-summary neoadjuvant-radiotherapy stale-data;"
                        + " The newest data are from 2018-03-05; Treatment phase: treated",
                "patient-view; 38-tnt-resected-ypn1; stage-summary adjuvant-chemotherapy;"
                        + " Chemotherapy was already given before surgery; **Postoperative chemotherapy.**",
                // a contact X-ray boost after a course: named as a further course, not "radiotherapy without
                // indication"
                "order-sign; 20-contact-boost-after-tnt; radiotherapy-after-radiotherapy restaging-after-neoadjuvant;"
                        + " Already recorded: radiotherapy (Procedure/rc29-radiotherapy;"
                        + " without significant locoregional spread",
                "order-sign; 19-rt-for-local-recurrence; order-outside-pathway recurrence;"
                        + " Radiotherapy of a recurrence; surgery without preoperative radiotherapy",
                // the founding document's own example of removable disease, quoted as its example only
                "patient-view; 09-stage-iva-resectable-lower; stage-summary stage-iv-resectable;"
                        + " can be removed completely, \"for example, single metastases in the liver and/or lungs\";"
                        + " example of removable disease",
                "order-select; 08-capecitabine-after-adjuvant-completed; stale-data;"
                        + " Treatment phase: resected, treated after the resection.; postoperative chemotherapy is indicated",
            })
    void eachPhaseGetsItsCardsPrefetchedAndFetched(
            String hook, String slug, String expectedTopics, String says, String neverSays) throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(Examples.read(Examples.request(hook, slug)));
        for (ObjectNode call : List.of(request, fetching(request))) {
            String mode = call.has("prefetch") ? "prefetched" : "fetched";
            JsonNode answer = post(hook, call);
            assertEquals(List.of(expectedTopics.split(" ")), topics(answer), slug + " " + mode);
            String text = allDetails(answer);
            assertTrue(text.contains(says), slug + " " + mode + " says '" + says + "':\n" + text);
            assertFalse(text.contains(neverSays), slug + " " + mode + " never says '" + neverSays + "':\n" + text);
        }
    }

    @Test
    void everyCardOfAPatientStatesThePhaseAndTheDatedFactsBehindIt() throws Exception {
        JsonNode answer = post("patient-view", (ObjectNode)
                JSON.readTree(Examples.read(Examples.patientViewRequest("38-tnt-resected-ypn1"))));
        for (JsonNode card : answer.get("cards")) {
            String detail = card.get("detail").asText();
            assertTrue(
                    detail.contains("**Treatment phase: resected.** Recorded: radiotherapy before the resection"
                            + " (Procedure/rc38-radiotherapy, 2024-06-17 to 2024-06-21); chemotherapy before the resection"
                            + " (MedicationAdministration/rc38-oxaliplatin, 2024-07-08 to 2024-10-21;"
                            + " MedicationStatement/rc38-capecitabine, 2024-07-08 to 2024-10-21); rectal resection"
                            + " (Procedure/rc38-resection, 2024-12-02)."),
                    detail);
        }
    }

    @Test
    void newKeysSentAsNullAreNoDataAndNothingIsFetched() throws Exception {
        ObjectNode request =
                (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")));
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        for (String key : List.of("medicationAdministrations", "medicationStatements", "medicationRequests")) {
            prefetch.putNull(key);
        }
        request.put("fhirServer", fhir.base());
        fhir.resetCounters();
        JsonNode answer = post("patient-view", request);
        assertEquals(0, fhir.requestCount(), "null means no data: nothing to fetch");
        assertEquals(List.of("stage-summary", "neoadjuvant-radiotherapy"), topics(answer));
        assertFalse(allDetails(answer).contains("did not provide"), allDetails(answer));
    }

    @Test
    void withoutMedicationRecordsTheCardsSayThePhaseWasJudgedWithoutThem() throws Exception {
        ObjectNode request =
                (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest("29-tnt-restaging-yct1-ycn0")));
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        prefetch.remove(List.of("medicationAdministrations", "medicationStatements", "medicationRequests"));
        JsonNode answer = post("patient-view", request); // no fhirServer: the keys cannot be fetched
        for (JsonNode card : answer.get("cards")) {
            assertTrue(
                    card.get("detail")
                            .asText()
                            .contains("*The EHR did not provide the patient's medication"
                                    + " records: the phase was judged without them"),
                    card.get("detail").asText());
        }
        // the radiotherapy Procedure alone still shows treatment before surgery
        assertEquals(List.of("stage-summary", "restaging-after-neoadjuvant"), topics(answer));
    }

    // ---- How the record is read: variations of the example patients -----------------------------------------------

    private static ObjectNode patientView(String slug) throws Exception {
        return (ObjectNode) JSON.readTree(Examples.read(Examples.patientViewRequest(slug)));
    }

    /** Adds a resource to a prefetch key's searchset, as a client would send it. */
    private static void add(ObjectNode request, String key, String resource) throws Exception {
        ObjectNode bundle = (ObjectNode) request.get("prefetch").get(key);
        ObjectNode entry = bundle.withArray("entry").addObject();
        entry.set("resource", JSON.readTree(resource));
        entry.putObject("search").put("mode", "match");
        bundle.put("total", bundle.get("entry").size());
    }

    private static String chemotherapy(
            String id, String patient, String rxnorm, String start, String end, String reason) {
        return "{\"resourceType\":\"MedicationAdministration\",\"id\":\"" + id + "\",\"status\":\"completed\","
                + "\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\","
                + "\"code\":\"" + rxnorm + "\"}]},\"subject\":{\"reference\":\"Patient/" + patient + "\"},"
                + "\"effectivePeriod\":{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}"
                + (reason == null ? "" : ",\"reasonReference\":[{\"reference\":\"Condition/" + reason + "\"}]") + "}";
    }

    @Test
    void chemotherapyGivenWithTheRadiotherapyIsChemoradiationNotChemotherapyBeforeSurgery() throws Exception {
        // example 15: long-course radiotherapy 2025-02-03 to 03-07, resection 04-28, ypN1a
        ObjectNode concurrent = patientView("15-adjuvant-after-neoadjuvant-ypn1a");
        add(
                concurrent,
                "medicationAdministrations",
                chemotherapy("cape-with-rt", "rc15", "194000", "2025-02-03", "2025-03-07", "rc15-primary"));
        String text = allDetails(post("patient-view", concurrent));
        assertTrue(text.contains("**Postoperative chemotherapy.**"), text);
        assertFalse(text.contains("already given before surgery"), text);

        ObjectNode consolidation = patientView("15-adjuvant-after-neoadjuvant-ypn1a");
        add(
                consolidation,
                "medicationAdministrations",
                chemotherapy("capox-after-rt", "rc15", "32592", "2025-03-24", "2025-04-14", "rc15-primary"));
        text = allDetails(post("patient-view", consolidation));
        assertTrue(text.contains("Chemotherapy was already given before surgery"), text);
        assertTrue(text.contains("whether to give more is a decision for the multidisciplinary team"), text);
    }

    private static String diseaseStatus(String id, String date, String snomed) {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\",\"code\":{\"coding\":"
                + "[{\"system\":\"http://loinc.org\",\"code\":\"97509-4\"}]},\"subject\":{\"reference\":\"Patient/rc30\"},"
                + "\"focus\":[{\"reference\":\"Condition/rc30-primary\"}],\"effectiveDateTime\":\"" + date + "\","
                + "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"" + snomed
                + "\"}]}}";
    }

    @Test
    void aNewerWorseningEndsWatchAndWaitAndAStableStatusDoesNot() throws Exception {
        ObjectNode regrowth = patientView("30-watch-and-wait-after-tnt");
        add(regrowth, "observations", diseaseStatus("rc30-regrowth", "2025-05-01", "271299001"));
        JsonNode answer = post("patient-view", regrowth);
        assertEquals(List.of("stage-summary", "restaging-after-neoadjuvant"), topics(answer));
        assertTrue(
                allDetails(answer).contains("disease status: worsened (Observation/rc30-regrowth"), allDetails(answer));

        ObjectNode stable = patientView("30-watch-and-wait-after-tnt");
        add(stable, "observations", diseaseStatus("rc30-stable", "2025-05-01", "359746009"));
        assertEquals(List.of("stage-summary", "watch-and-wait"), topics(post("patient-view", stable)));
    }

    @Test
    void chemotherapyNotDatedAgainstTheResectionIsNotTakenAsGivenBeforeIt() throws Exception {
        ObjectNode request = patientView("14-adjuvant-after-resection-pn1b");
        add(
                request,
                "medicationStatements",
                "{\"resourceType\":\"MedicationStatement\",\"id\":\"rc14-undated\","
                        + "\"status\":\"completed\",\"medicationCodeableConcept\":{\"coding\":[{\"system\":"
                        + "\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"194000\"}]},\"subject\":{\"reference\":"
                        + "\"Patient/rc14\"},\"reasonReference\":[{\"reference\":\"Condition/rc14-primary\"}]}");
        String text = allDetails(post("patient-view", request));
        assertTrue(text.contains("**Postoperative chemotherapy.**"), text);
        assertTrue(
                text.contains("chemotherapy (not dated against the resection) (MedicationStatement/rc14-undated)"),
                text);
    }

    @Test
    void metastasesAlreadyPresentAtTheOperationAreNotMetastasesAfterIt() throws Exception {
        // example 32 with a lung metastasis recorded before the resection of 2020-05-04: stage IV all along
        ObjectNode request = patientView("32-metachronous-liver-metastasis");
        add(
                request,
                "conditions",
                "{\"resourceType\":\"Condition\",\"id\":\"rc32-met-lung\",\"clinicalStatus\":"
                        + "{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":"
                        + "\"active\"}]},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"94391008\"}]},"
                        + "\"subject\":{\"reference\":\"Patient/rc32\"},\"onsetDateTime\":\"2020-04-20\"}");
        JsonNode answer = post("patient-view", request);
        assertFalse(
                topics(answer).contains("metachronous-metastases"),
                topics(answer).toString());
        assertTrue(
                topics(answer).contains("adjuvant-chemotherapy"), topics(answer).toString());
    }

    @Test
    void aTreatmentNamingNoConditionYearsBeforeTheDiagnosisIsNotThisCancers() throws Exception {
        ObjectNode request = patientView("03-stage-iia-middle-rectum");
        add(
                request,
                "medicationAdministrations",
                chemotherapy("old-5fu", "rc03", "4492", "2010-03-01", "2010-08-01", null));
        JsonNode answer = post("patient-view", request);
        assertEquals(List.of("stage-summary", "neoadjuvant-radiotherapy", "data-conflict"), topics(answer));
        assertTrue(
                allDetails(answer)
                        .contains("MedicationAdministration/old-5fu (2010-03-01 to 2010-08-01) names no"
                                + " condition and started more than 30 days before"),
                allDetails(answer));
    }

    @Test
    void aProposedChemotherapyIsNotTreatmentGiven() throws Exception {
        ObjectNode request = patientView("03-stage-iia-middle-rectum");
        add(
                request,
                "medicationRequests",
                "{\"resourceType\":\"MedicationRequest\",\"id\":\"rc03-proposal\","
                        + "\"status\":\"active\",\"intent\":\"proposal\",\"medicationCodeableConcept\":{\"coding\":[{"
                        + "\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"194000\"}]},"
                        + "\"subject\":{\"reference\":\"Patient/rc03\"},\"authoredOn\":\"2025-01-25\","
                        + "\"reasonReference\":[{\"reference\":\"Condition/rc03-primary\"}]}");
        assertEquals(List.of("stage-summary", "neoadjuvant-radiotherapy"), topics(post("patient-view", request)));

        ObjectNode ordered = patientView("03-stage-iia-middle-rectum");
        add(
                ordered,
                "medicationRequests",
                "{\"resourceType\":\"MedicationRequest\",\"id\":\"rc03-order\","
                        + "\"status\":\"active\",\"intent\":\"order\",\"medicationCodeableConcept\":{\"coding\":[{"
                        + "\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"194000\"}]},"
                        + "\"subject\":{\"reference\":\"Patient/rc03\"},\"authoredOn\":\"2025-01-25\","
                        + "\"reasonReference\":[{\"reference\":\"Condition/rc03-primary\"}]}");
        JsonNode answer = post("patient-view", ordered);
        assertEquals(List.of("stage-summary", "restaging-after-neoadjuvant"), topics(answer));
        assertTrue(
                allDetails(answer).contains("chemotherapy, ongoing (MedicationRequest/rc03-order, 2025-01-25)"),
                allDetails(answer));
    }
}
