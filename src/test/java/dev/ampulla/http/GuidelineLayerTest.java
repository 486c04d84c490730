package dev.ampulla.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.Application;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import dev.ampulla.support.FhirTestServer;
import dev.ampulla.support.HookCalls;
import dev.ampulla.support.TestServer;
import dev.ampulla.support.TwoWays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The guideline layer end to end: each example patient gets its guideline cards beside the founding document's —
 * with its data prefetched and fetched from a real FHIR server — labelled with their guideline, edition and grade and
 * the data they used; the order-time checks warn where evidence identifies harm; the founding document's cards are
 * the same whether the layer is on, off or narrowed.
 */
class GuidelineLayerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final dev.ampulla.knowledge.pack.KnowledgePack PACK =
            dev.ampulla.knowledge.pack.KnowledgePack.shipped();

    private static TwoWays server;
    private static FhirTestServer fhir;
    private static Application withoutGuidelines;

    @BeforeAll
    static void start() throws Exception {
        server = new TwoWays();
        fhir = server.fhir().loadExamples();
        withoutGuidelines = TestServer.startWith(Map.of("guidelines", "off"));
    }

    @AfterAll
    static void stop() {
        server.close();
        withoutGuidelines.close();
    }

    private static JsonNode post(int port, String hook, ObjectNode request) throws Exception {
        return HookCalls.post(port, hook, request);
    }

    private static ObjectNode fetching(ObjectNode request) {
        return HookCalls.fetching(request, fhir);
    }

    private static ObjectNode request(String hook, String slug) throws Exception {
        return (ObjectNode) JSON.readTree(Examples.read(Examples.request(hook, slug)));
    }

    /** The guideline layer's cards as topic:indicator, in order. */
    private static List<String> guidelineCards(JsonNode answer) {
        List<String> out = new ArrayList<>();
        for (JsonNode card : answer.get("cards")) {
            if (CardChecks.isGuidelineLayer(card)) {
                out.add(card.at("/source/topic/code").asText() + ":"
                        + card.get("indicator").asText());
            }
        }
        return out;
    }

    private static JsonNode card(JsonNode answer, String topic) {
        for (JsonNode card : answer.get("cards")) {
            if (card.at("/source/topic/code").asText().equals(topic)) {
                return card;
            }
        }
        throw new AssertionError("no card " + topic + " in " + answer);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(
            delimiter = ';',
            value = {
                // dMMR stage III: PD-1 blockade first, a warning because the founding document's card gives
                // radiotherapy
                // first; the two shown side by side
                "patient-view; 39-dmmr-stage-iii-middle-rectum; dmmr-immunotherapy:warning guideline-differs:info;"
                        + " MLH1 lost (Observation/rc39-ihc-mlh1, 2025-04-14)",
                // dMMR stage IV (the MII panel shape): first-line immunotherapy (info: resectable disease, nothing
                // ordered);
                // RAS, BRAF and HER2 still missing
                "patient-view; 40-dmmr-stage-iv-resectable-liver; dmmr-immunotherapy:info biomarkers-needed:info"
                        + " guideline-differs:info; **Not recorded:** RAS (KRAS and NRAS) (no RAS result)",
                // every biomarker recorded, no dMMR, no V600E: the guideline layer has nothing to add
                "patient-view; 41-kras-mutant-stage-iv-unresectable; ; -",
                "patient-view; 42-braf-v600e-stage-iv; braf-v600e:info; NP\\_004324.2:p.Val600Glu",
                "patient-view; 43-pmmr-lower-rectum-high-risk; total-neoadjuvant-therapy:info guideline-differs:info;"
                        + " total neoadjuvant therapy is the recommended approach",
                "patient-view; 44-ct1n0-lower-rectum; local-excision-option:info guideline-differs:info;"
                        + " endoscopic submucosal dissection",
                "patient-view; 45-local-excision-pt2; local-excision-option:info; advise completion radical surgery",
                "patient-view; 47-pregnant-stage-iii-lower; total-neoadjuvant-therapy:info pregnancy-check:info"
                        + " guideline-differs:info; Pregnancy is recorded: radiotherapy and chemotherapy need a specialised"
                        + " team's plan",
                "patient-view; 46-ecog3-age-91; total-neoadjuvant-therapy:info fitness-check:info guideline-differs:info;"
                        + " **Data used:** ECOG 3 (Observation/rc46-ecog, 2025-04-12); age 91",
                // no MMR result: the test is asked for; a pMMR-unknown tumour gets the options with that caveat
                "patient-view; 03-stage-iia-middle-rectum; mmr-status-needed:info total-neoadjuvant-therapy:info"
                        + " guideline-differs:info; **no MMR/MSI result is recorded**",
                "order-sign; 21-cetuximab-kras-mutant; anti-egfr-check:warning; this tumour is RAS-mutant",
                "order-sign; 22-panitumumab-ras-unknown; anti-egfr-check:warning; need a known RAS wild-type result",
                "order-sign; 23-chemoradiation-pregnant; pregnancy-check:warning;"
                        + " recorded as pregnant (Observation/rc47-pregnancy, 2025-04-20)",
                // MRF and EMVI in the upper rectum: the guideline's preoperative treatment beside the founding
                // document's
                "patient-view; 35-mrf-emvi-upper-rectum; mmr-status-needed:info total-neoadjuvant-therapy:info"
                        + " guideline-differs:info; whatever the tumour's height",
                "order-sign; 26-cetuximab-braf-v600e-without-encorafenib; anti-egfr-check:info;"
                        + " brings little benefit there without a BRAF inhibitor",
                "order-sign; 25-chemoradiation-dmmr; dmmr-immunotherapy:warning;"
                        + " A radiotherapy or chemoradiation order is being placed",
            })
    void eachPatientGetsItsGuidelineCardsPrefetchedAndFetched(String hook, String slug, String expected, String says)
            throws Exception {
        ObjectNode request = request(hook, slug);
        for (ObjectNode call : List.of(request, fetching(request))) {
            String mode = call.has("prefetch") ? "prefetched" : "fetched";
            JsonNode answer = post(server.port(), hook, call);
            assertEquals(
                    expected == null ? List.of() : List.of(expected.split(" ")),
                    guidelineCards(answer),
                    slug + " " + mode);
            if (!says.equals("-")) {
                StringBuilder details = new StringBuilder();
                answer.get("cards")
                        .forEach(c -> details.append(c.get("detail").asText()).append('\n'));
                assertTrue(details.toString().contains(says), slug + " " + mode + " says '" + says + "':\n" + details);
            }
        }
    }

    @Test
    void theFoundingDocumentsCardsAreTheSameWithTheLayerOnAndOff() throws Exception {
        int compared = 0;
        for (String hook : List.of("patient-view", "order-select", "order-sign")) {
            try (var files = Files.list(Examples.root().resolve("requests").resolve(hook))) {
                for (Path file : files.sorted().toList()) {
                    ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(file));
                    JsonNode on = post(server.port(), hook, request);
                    JsonNode off = post(withoutGuidelines.port(), hook, request);
                    assertEquals(List.of(), guidelineCards(off), file + ": the layer is off");
                    assertEquals(
                            summaries(withoutReplaced(CardChecks.foundingDocumentCards(off), on)),
                            summaries(CardChecks.foundingDocumentCards(on)),
                            file.toString());
                    compared++;
                }
            }
        }
        assertEquals(81, compared);
    }

    /**
     * The founding-document cards less those a guideline card of the answer with the layer on replaces (R51 instead
     * of R12): only those may differ.
     */
    private static List<JsonNode> withoutReplaced(List<JsonNode> cards, JsonNode on) {
        java.util.Set<String> replaced = new java.util.HashSet<>();
        for (JsonNode card : on.get("cards")) {
            for (JsonNode id : card.at("/extension/dev.ampulla.rules")) {
                replaced.addAll(PACK.rule(id.asText()).replaces());
            }
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode card : cards) {
            if (!replaced.contains(card.at("/extension/dev.ampulla.rules/0").asText())) {
                out.add(card);
            }
        }
        return out;
    }

    private static List<String> summaries(List<JsonNode> cards) {
        List<String> out = new ArrayList<>();
        for (JsonNode card : cards) {
            out.add(card.get("indicator").asText() + " " + card.get("summary").asText() + "\n"
                    + card.get("detail").asText());
        }
        return out;
    }

    @Test
    void aGuidelineCardNamesItsGuidelineEditionGradeAndTheDataItUsed() throws Exception {
        JsonNode answer =
                post(server.port(), "patient-view", request("patient-view", "40-dmmr-stage-iv-resectable-liver"));
        JsonNode card = card(answer, "dmmr-immunotherapy");
        assertEquals(
                "ASCO guideline, metastatic colorectal cancer (2023), via Ampulla",
                card.at("/source/label").asText());
        assertTrue(
                card.at("/source/url").asText().endsWith("/knowledge/rules/R41"),
                card.at("/source/url").asText());
        assertEquals(
                "ASCO-MCRC-2023",
                card.at("/extension/dev.ampulla.guideline/source").asText());
        assertEquals("2023", card.at("/extension/dev.ampulla.guideline/edition").asText());
        String detail = card.get("detail").asText();
        for (String expected : List.of(
                "**Guideline: ASCO guideline, metastatic colorectal cancer (2023)**",
                "grade: ASCO 2023 recommendation 2.1",
                "KEYNOTE-177",
                "**Data used:** MMR/MSI status deficient",
                "dMMR: MSH2, MSH6 lost (Observation/rc40-mmr, 2025-04-08)",
                "Rule R41 (GL, ASCO guideline",
                "**GL-DMMR-METASTATIC**")) {
            assertTrue(detail.contains(expected), expected + " in " + detail);
        }
        assertTrue(card.toString().contains("followed-founding-document"), "a clinician can say which they followed");
    }

    @Test
    void theComparisonCardShowsBothSidesWithoutMergingThem() throws Exception {
        JsonNode answer =
                post(server.port(), "patient-view", request("patient-view", "39-dmmr-stage-iii-middle-rectum"));
        JsonNode card = card(answer, "guideline-differs");
        String detail = card.get("detail").asText();
        assertTrue(detail.contains("| Founding document says | Guideline says (source, edition, grade) |"), detail);
        assertTrue(
                detail.contains("| Locally advanced, middle rectum: preoperative radiotherapy, then surgery"
                        + " (rule R6) | dMMR/MSI-H stage IIIB: guidelines give PD-1 blockade first (ASCO guideline, locally"
                        + " advanced rectal cancer (2024), rule R40; grade: "),
                detail);
        assertEquals(
                "[\"R6\",\"R40\"]",
                card.at("/extension/dev.ampulla.guideline/compares").toString());
        List<String> reasons = new ArrayList<>();
        card.get("overrideReasons").forEach(r -> reasons.add(r.get("code").asText()));
        assertEquals(List.of("followed-founding-document", "followed-guideline", "mdt-decision"), reasons);
        // the founding document's own card is there, unchanged, and says nothing of immunotherapy
        JsonNode pathway = card(answer, "neoadjuvant-radiotherapy");
        assertFalse(
                pathway.get("detail").asText().contains("immunotherapy"),
                pathway.get("detail").asText());
    }

    @Test
    void theMmrTestIsSuggestedAsADraftProposalForThisTumour() throws Exception {
        JsonNode card = card(
                post(server.port(), "patient-view", request("patient-view", "03-stage-iia-middle-rectum")),
                "mmr-status-needed");
        JsonNode action = card.at("/suggestions/0/actions/0");
        assertEquals("create", action.get("type").asText());
        JsonNode resource = action.get("resource");
        assertEquals("ServiceRequest", resource.get("resourceType").asText());
        assertEquals("draft", resource.get("status").asText());
        assertEquals("proposal", resource.get("intent").asText());
        assertEquals("Patient/rc03", resource.at("/subject/reference").asText());
        assertEquals(
                "Condition/rc03-primary",
                resource.at("/reasonReference/0/reference").asText());
        assertEquals("117617002", resource.at("/code/coding/0/code").asText());
        assertEquals(
                "https://ampulla.dev/fhir/ActivityDefinition/mmr-testing",
                resource.at("/instantiatesCanonical/0").asText());
        assertFalse(resource.has("id"), "a new resource for the EHR to create");
    }

    @Test
    void aRasMutantAntiEgfrOrderMayBeRemovedAndAnUnknownOneOnlyHeld() throws Exception {
        JsonNode mutant = card(
                post(server.port(), "order-sign", request("order-sign", "21-cetuximab-kras-mutant")),
                "anti-egfr-check");
        assertEquals(
                "Remove the cetuximab order", mutant.at("/suggestions/0/label").asText());
        assertEquals(
                "MedicationRequest/os21-cetuximab",
                mutant.at("/suggestions/0/actions/0/resourceId").asText());
        JsonNode unknown = card(
                post(server.port(), "order-sign", request("order-sign", "22-panitumumab-ras-unknown")),
                "anti-egfr-check");
        assertNull(unknown.get("suggestions"), "without a result, nothing to delete: confirm RAS first");
        assertTrue(
                unknown.get("detail").asText().contains("**Not recorded:** RAS (KRAS and NRAS) (no RAS result)"),
                unknown.get("detail").asText());
    }

    @Test
    void radiotherapyForAHighRiskUpperRectumTumourIsInfoWithoutDeletion() throws Exception {
        JsonNode answer = post(server.port(), "order-sign", request("order-sign", "24-rt-high-risk-upper-rectum"));
        JsonNode card = card(answer, "radiotherapy-not-indicated-location");
        assertEquals("info", card.get("indicator").asText());
        assertNull(card.get("suggestions"), "no one-click deletion of an MDT's preoperative treatment");
        String detail = card.get("detail").asText();
        assertTrue(
                detail.contains("The founding document gives no radiotherapy for tumours of the upper rectum"), detail);
        assertTrue(
                detail.contains(
                        "current guidelines support preoperative treatment for a tumour with high-risk features"),
                detail);
        assertTrue(
                detail.contains("Rule R51 (GL, ASCO guideline, locally advanced rectal cancer (2024): FD-RT.2,"
                        + " GL-HIGH-RISK-UPPER)"),
                detail);
        assertTrue(
                detail.contains("With the guideline layer switched off, the founding document's warning (R12) is"
                        + " shown instead"),
                detail);
        // without those features the founding document's warning and its deletion stay
        JsonNode plain = card(
                post(server.port(), "order-sign", request("order-sign", "01-rt-upper-rectum")),
                "radiotherapy-not-indicated-location");
        assertEquals("warning", plain.get("indicator").asText());
        assertEquals("delete", plain.at("/suggestions/0/actions/0/type").asText());
    }

    @Test
    void aBiomarkerKeyTheEhrDidNotSendIsSaidAndOneSentEmptyIsNotRecorded() throws Exception {
        ObjectNode request = request("patient-view", "42-braf-v600e-stage-iv");
        ((ObjectNode) request.get("prefetch")).remove("biomarkers"); // no fhirServer: it cannot be fetched
        JsonNode answer = post(server.port(), "patient-view", request);
        String detail = card(answer, "biomarkers-needed").get("detail").asText();
        assertTrue(detail.contains("(no RAS result; the EHR did not send biomarker results)"), detail);
        assertTrue(card(answer, "mmr-status-needed").get("detail").asText().contains("the EHR did not send"));

        ((ObjectNode) request.get("prefetch")).putNull("biomarkers");
        request.put("fhirServer", fhir.base());
        fhir.resetCounters();
        JsonNode none = post(server.port(), "patient-view", request);
        assertEquals(0, fhir.requestCount(), "null means no results: nothing fetched");
        String said = card(none, "biomarkers-needed").get("detail").asText();
        assertTrue(said.contains("(no RAS result)") && !said.contains("did not send"), said);
    }

    @Test
    void aDeploymentNarrowsTheLayerToSomeTopicsAndRefusesUnknownNames() throws Exception {
        try (Application narrowed =
                TestServer.startWith(Map.of("guideline-topics", "anti-egfr-check,pregnancy-check"))) {
            JsonNode patientView =
                    post(narrowed.port(), "patient-view", request("patient-view", "39-dmmr-stage-iii-middle-rectum"));
            assertEquals(List.of(), guidelineCards(patientView), "dMMR advice is not among the topics");
            JsonNode orders = post(narrowed.port(), "order-sign", request("order-sign", "21-cetuximab-kras-mutant"));
            assertEquals(List.of("anti-egfr-check:warning"), guidelineCards(orders));
        }
        try (Application bySource = TestServer.startWith(Map.of("guideline-sources", "ESMO-PREGNANCY-2013"))) {
            assertEquals(
                    List.of("pregnancy-check:warning"),
                    guidelineCards(
                            post(bySource.port(), "order-sign", request("order-sign", "23-chemoradiation-pregnant"))));
            assertEquals(
                    List.of(),
                    guidelineCards(
                            post(bySource.port(), "order-sign", request("order-sign", "21-cetuximab-kras-mutant"))));
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TestServer.startWith(Map.of("guideline-topics", "neoadjuvant-radiotherapy")));
        assertTrue(
                e.getMessage().contains("the guideline layer has no topic 'neoadjuvant-radiotherapy'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestServer.startWith(Map.of("guidelines", "maybe")));
    }

    // ---- How results are read: variations of the example patients ------------------------------------------------

    private static final String LOINC = "http://loinc.org";

    /** Replaces a prefetch key's resources (a searchset, as a client would send it). */
    private static void set(ObjectNode request, String key, String... resources) throws Exception {
        ObjectNode bundle = ((ObjectNode) request.get("prefetch")).putObject(key);
        bundle.put("resourceType", "Bundle").put("type", "searchset").put("total", resources.length);
        for (String resource : resources) {
            ObjectNode entry = bundle.withArray("entry").addObject();
            entry.set("resource", JSON.readTree(resource));
            entry.putObject("search").put("mode", "match");
        }
    }

    private static String observation(String id, String patient, String loinc, String value) {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\",\"code\":{\"coding\":[{"
                + "\"system\":\"" + LOINC + "\",\"code\":\"" + loinc + "\"}]},\"subject\":{\"reference\":\"Patient/"
                + patient + "\"},\"effectiveDateTime\":\"2025-04-14\"," + value + "}";
    }

    private static String coded(String code) {
        return "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"" + LOINC + "\",\"code\":\"" + code + "\"}]}";
    }

    private static List<String> topics(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("cards").forEach(c -> out.add(c.at("/source/topic/code").asText()));
        return out;
    }

    @Test
    void anMsiResultInWordsIsReadWithItsNegation() throws Exception {
        ObjectNode unstable = request("patient-view", "03-stage-iia-middle-rectum");
        set(
                unstable,
                "biomarkers",
                observation("v-msi", "rc03", "81695-9", "\"valueString\":\"Microsatellite unstable (MSI-H)\""));
        JsonNode answer = post(server.port(), "patient-view", unstable);
        assertEquals(
                "warning", card(answer, "dmmr-immunotherapy").get("indicator").asText());

        ObjectNode negated = request("patient-view", "03-stage-iia-middle-rectum");
        set(
                negated,
                "biomarkers",
                observation("v-msi", "rc03", "81695-9", "\"valueString\":\"MSI-high not detected\""));
        List<String> topics = topics(post(server.port(), "patient-view", negated));
        assertFalse(topics.contains("dmmr-immunotherapy"), topics.toString());
        assertFalse(topics.contains("mmr-status-needed"), "a stable result is a result: " + topics);
        assertTrue(topics.contains("total-neoadjuvant-therapy"), topics.toString());
    }

    @Test
    void oneIntactProteinIsNotAProficientResultButAllFourAre() throws Exception {
        ObjectNode one = request("patient-view", "03-stage-iia-middle-rectum");
        set(one, "biomarkers", observation("v-msh6", "rc03", "81693-4", coded("LA26197-6")));
        JsonNode answer = post(server.port(), "patient-view", one);
        assertTrue(card(answer, "mmr-status-needed")
                .get("detail")
                .asText()
                .contains("not all four mismatch-repair proteins recorded"));

        ObjectNode four = request("patient-view", "03-stage-iia-middle-rectum");
        set(
                four,
                "biomarkers",
                observation("v-mlh1", "rc03", "81691-8", coded("LA26197-6")),
                observation("v-msh2", "rc03", "81692-6", coded("LA26197-6")),
                observation("v-msh6", "rc03", "81693-4", coded("LA26197-6")),
                observation("v-pms2", "rc03", "81694-2", coded("LA26197-6")));
        assertFalse(topics(post(server.port(), "patient-view", four)).contains("mmr-status-needed"));
    }

    @Test
    void msiHighBesideFourIntactProteinsIsActedOnAndTheDisagreementSaid() throws Exception {
        ObjectNode request = request("patient-view", "03-stage-iia-middle-rectum");
        set(
                request,
                "biomarkers",
                observation("v-msi", "rc03", "81695-9", coded("LA26203-2")),
                observation("v-mlh1", "rc03", "81691-8", coded("LA26197-6")),
                observation("v-msh2", "rc03", "81692-6", coded("LA26197-6")),
                observation("v-msh6", "rc03", "81693-4", coded("LA26197-6")),
                observation("v-pms2", "rc03", "81694-2", coded("LA26197-6")));
        String detail = card(post(server.port(), "patient-view", request), "dmmr-immunotherapy")
                .get("detail")
                .asText();
        assertTrue(
                detail.contains("**The MSI and immunohistochemistry results disagree: confirm the result before"
                        + " treating on it.**"),
                detail);
        assertTrue(detail.contains("disagreeing: MLH1 intact (Observation/v-mlh1, 2025-04-14)"), detail);
    }

    @Test
    void aResultAboutAnotherConditionIsNotThisTumours() throws Exception {
        ObjectNode request = request("patient-view", "03-stage-iia-middle-rectum");
        String msi = observation("v-msi", "rc03", "81695-9", coded("LA26203-2"));
        set(
                request,
                "biomarkers",
                msi.replace("\"status\"", "\"focus\":[{\"reference\":\"Condition/rc03-breast\"}]," + "\"status\""));
        List<String> topics = topics(post(server.port(), "patient-view", request));
        assertFalse(topics.contains("dmmr-immunotherapy"), topics.toString());
        assertTrue(topics.contains("mmr-status-needed"), topics.toString());
    }

    @Test
    void anAntiEgfrOrderForKrasG12cAsksForTheInhibitorWithoutDeleting() throws Exception {
        ObjectNode request = request("order-sign", "21-cetuximab-kras-mutant");
        List<String> biomarkers = new ArrayList<>();
        for (JsonNode entry : request.at("/prefetch/biomarkers/entry")) {
            biomarkers.add(entry.get("resource")
                    .toString()
                    .replace("NP_004976.2:p.Gly12Asp", "NP_004976.2:p.Gly12Cys")
                    .replace("NM_004985.5:c.35G>A", "NM_004985.5:c.34G>T"));
        }
        set(request, "biomarkers", biomarkers.toArray(new String[0]));
        JsonNode card = card(post(server.port(), "order-sign", request), "anti-egfr-check");
        assertEquals("info", card.get("indicator").asText());
        assertNull(card.get("suggestions"), "with a KRAS G12C inhibitor the antibody is right: nothing to delete");
        assertTrue(card.get("detail").asText().contains("only together with a KRAS G12C inhibitor"));
    }

    @Test
    void aDmmrPatientAlreadyOnImmunotherapyIsNotToldToStartIt() throws Exception {
        String dostarlimab = "{\"resourceType\":\"MedicationAdministration\",\"id\":\"v-dostarlimab\","
                + "\"status\":\"completed\",\"medicationCodeableConcept\":{\"coding\":[{\"system\":"
                + "\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"2539967\",\"display\":\"dostarlimab\"}]},"
                + "\"subject\":{\"reference\":\"Patient/rc39\"},\"effectivePeriod\":{\"start\":\"2024-10-01\","
                + "\"end\":\"2025-03-20\"},\"reasonReference\":[{\"reference\":\"Condition/rc39-primary\"}]}";
        ObjectNode surgery = request("order-sign", "25-chemoradiation-dmmr");
        set(surgery, "medicationAdministrations", dostarlimab);
        JsonNode answer = post(server.port(), "order-sign", surgery);
        assertFalse(
                topics(answer).contains("dmmr-immunotherapy"), topics(answer).toString());
    }

    @Test
    void braFV600eWrittenInWordsIsRecognised() throws Exception {
        ObjectNode request = request("patient-view", "42-braf-v600e-stage-iv");
        List<String> biomarkers = new ArrayList<>();
        for (JsonNode entry : request.at("/prefetch/biomarkers/entry")) {
            biomarkers.add(entry.get("resource")
                    .toString()
                    .replace("NP_004324.2:p.Val600Glu", "p.Val600Glu (V600E)")
                    .replace("NM_004333.4:c.1799T>A", "BRAF c.1799T>A"));
        }
        set(request, "biomarkers", biomarkers.toArray(new String[0]));
        assertTrue(topics(post(server.port(), "patient-view", request)).contains("braf-v600e"));
    }

    @Test
    void enlargedLateralNodesAreAHighRiskFeatureButNotOneForRadiotherapyWhateverTheHeight() throws Exception {
        ObjectNode request = request("patient-view", "04-stage-iiib-upper-rectum");
        ObjectNode observations = (ObjectNode) request.at("/prefetch/observations");
        ObjectNode entry = observations.withArray("entry").addObject();
        entry.set(
                "resource",
                JSON.readTree("{\"resourceType\":\"Observation\",\"id\":\"v-lateral\","
                        + "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
                        + "\"https://ampulla.dev/fhir/CodeSystem/observation-code\",\"code\":\"lateral-lymph-nodes-enlarged\"}]},"
                        + "\"subject\":{\"reference\":\"Patient/rc04\"},\"focus\":[{\"reference\":\"Condition/rc04-primary\"}],"
                        + "\"effectiveDateTime\":\"2025-04-01\",\"valueBoolean\":true}"));
        observations.put("total", observations.get("entry").size());
        JsonNode answer = post(server.port(), "patient-view", request);
        List<String> topics = topics(answer);
        // the founding document's high-risk upper-rectum card (chemotherapy first), not the guideline's radiotherapy
        assertTrue(topics.contains("preoperative-chemotherapy"), topics.toString());
        assertFalse(topics.contains("total-neoadjuvant-therapy"), topics.toString());
        assertTrue(card(answer, "preoperative-chemotherapy")
                .get("detail")
                .asText()
                .contains("enlarged lateral lymph nodes (Observation/v-lateral, 2025-04-01)"));
    }
}
