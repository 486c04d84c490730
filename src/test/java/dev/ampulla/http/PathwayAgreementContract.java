package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.Application;
import dev.ampulla.fhir.Fhir;
import dev.ampulla.knowledge.fhir.PathwayAgreementMeasure;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pathway agreement report on a known sequence of order-sign calls, its numbers computed by hand. In May 2025
 * (the examples' day): 06 (radiotherapy, middle rectum, pathway R6: on) signed twice the same day, 04 of order-select
 * (browsing: not counted), 08 (stage IV, upper rectum, pathway R3: radiotherapy off by R12, capecitabine on, surgery
 * on), 01 (radiotherapy, upper rectum, pathway R7: off by R12, overridden with a reason). In June: 03 (radiotherapy,
 * location unknown, pathway R8: outside by R13) and 22 (panitumumab without a RAS result, pathway R4: an anti-EGFR
 * antibody is outside the founding document's pathway, which speaks of chemotherapy; the guideline layer's R44
 * warning does not decide agreement). So 7 orders signed: 3 on, 2 off (1 with a reason), 2 outside; 5 with a
 * pathway decided; rate 3/5.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
abstract class PathwayAgreementContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "analytics-token-for-the-tests-4e2b9d71";
    private static final String HASH_KEY = "patient-hash-key-for-the-agreement-tests-8d3f";
    private static final String SIGN = "/cds-services/rectal-cancer-order-sign";
    private static final String SELECT = "/cds-services/rectal-cancer-order-select";
    private static final String PERIOD = "from=2025-05-01&to=2025-06-30";

    private Application ampulla;
    private String overrideCode;
    /** The store both servers of the sequence share. */
    private Map<String, String> store;

    /** Settings of a fresh, empty feedback store. */
    abstract Map<String, String> storeSettings() throws Exception;

    /** After the last server using the store has stopped. */
    void closeStore() {}

    @BeforeAll
    void signTheSequence() throws Exception {
        store = storeSettings();
        try (Application may = start("2025-05-04")) {
            hook(may, SIGN, Examples.request("order-sign", "06-rt-consistent-middle-rectum"));
            hook(may, SIGN, Examples.request("order-sign", "06-rt-consistent-middle-rectum"));
            hook(may, SELECT, Examples.request("order-select", "04-rt-consistent-middle-rectum"));
            hook(may, SIGN, Examples.request("order-sign", "08-mixed-orders-stage-iv-upper"));
            JsonNode warning = card(hook(may, SIGN, Examples.request("order-sign", "01-rt-upper-rectum")), "R12");
            JsonNode reason = warning.at("/overrideReasons/0");
            overrideCode = reason.get("code").asText();
            assertTrue(may.flushRecordedCards(Duration.ofSeconds(30)));
            given().port(may.port())
                    .contentType("application/json")
                    .body("{\"feedback\":[{\"card\":\""
                            + warning.get("uuid").asText()
                            + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":"
                            + reason + "},\"outcomeTimestamp\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\"}]}")
                    .post(SIGN + "/feedback")
                    .then()
                    .statusCode(204);
            assertTrue(may.flushRecordedOrders(Duration.ofSeconds(30)));
        }
        ampulla = start("2025-06-02");
        hook(ampulla, SIGN, Examples.request("order-sign", "03-rt-location-unknown"));
        hook(ampulla, SIGN, Examples.request("order-sign", "22-panitumumab-ras-unknown"));
        assertTrue(ampulla.flushRecordedOrders(Duration.ofSeconds(30)));
    }

    @AfterAll
    void stop() {
        ampulla.close();
        closeStore();
    }

    @Test
    void totalsCountEachSignedOrderOnceAndNotTheSelection() throws Exception {
        JsonNode orders = report().get("orders");
        assertCounts(orders.get("totals"), 7, 3, 2, 2, 5, 0.6);
        assertEquals(0, orders.get("withdrawnAfterWarning").asLong());
        JsonNode reasons = orders.at("/totals/offPathwayReasons");
        assertEquals(2, reasons.size(), reasons.toString());
        // as often as no reason: the reason given comes first
        assertEquals(overrideCode, reasons.get(0).get("code").asText());
        assertEquals(1, reasons.get(0).get("count").asLong());
        assertTrue(reasons.get(1).get("code").isNull(), reasons.toString());
        assertEquals(1, reasons.get(1).get("count").asLong());
        assertEquals("No reason given", reasons.get(1).get("display").asText());
    }

    @Test
    void perModalityWithSystemicTherapyByIngredientClass() throws Exception {
        JsonNode modalities = report().at("/orders/modalities");
        assertEquals(
                List.of("radiotherapy/null", "surgery/null", "systemic-therapy/anti-egfr", "systemic-therapy/other"),
                names(modalities, "modality", "drugClass"));
        assertCounts(modalities.get(0).get("counts"), 4, 1, 2, 1, 3, 0.333);
        assertCounts(modalities.get(1).get("counts"), 1, 1, 0, 0, 1, 1.0);
        assertCounts(modalities.get(2).get("counts"), 1, 0, 0, 1, 0, null);
        assertCounts(modalities.get(3).get("counts"), 1, 1, 0, 0, 1, 1.0);
    }

    @Test
    void perPathwayRuleInForce() throws Exception {
        JsonNode rules = report().at("/orders/rules");
        assertEquals(
                List.of(
                        "R3/stage-iv-resectable",
                        "R4/stage-iv-unresectable",
                        "R6/neoadjuvant-radiotherapy",
                        "R7/surgery-without-radiotherapy",
                        "R8/tumor-location-needed"),
                names(rules, "rule", "topic"));
        assertCounts(rules.get(0).get("counts"), 3, 2, 1, 0, 3, 0.667);
        assertCounts(rules.get(1).get("counts"), 1, 0, 0, 1, 0, null);
        assertCounts(rules.get(2).get("counts"), 1, 1, 0, 0, 1, 1.0);
        assertCounts(rules.get(3).get("counts"), 1, 0, 1, 0, 1, 0.0);
        assertEquals(
                overrideCode,
                rules.get(3).at("/counts/offPathwayReasons/0/code").asText());
        assertCounts(rules.get(4).get("counts"), 1, 0, 0, 1, 0, null);
    }

    @Test
    void perMonth() throws Exception {
        JsonNode months = report().at("/orders/months");
        assertEquals(List.of("2025-05", "2025-06"), names(months, "month"));
        assertCounts(months.get(0).get("counts"), 5, 3, 2, 0, 5, 0.6);
        assertCounts(months.get(1).get("counts"), 2, 0, 0, 2, 0, null);
        JsonNode june = JSON.readTree(given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .get("/analytics/pathway-agreement?from=2025-06-01&to=2025-06-30")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertCounts(june.at("/orders/totals"), 2, 0, 0, 2, 0, null);
    }

    @Test
    void theCardPartIsTheConcordanceReportWhichAnswersUnderItsOlderName() throws Exception {
        JsonNode agreement = report();
        JsonNode concordance = JSON.readTree(given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .get("/analytics/concordance?" + PERIOD)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertEquals(concordance.get("totals"), agreement.at("/cards/totals"));
        assertFalse(concordance.has("orders"), "the older report keeps its shape");
        given().port(ampulla.port()).get("/analytics/pathway-agreement").then().statusCode(401);
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .get("/analytics/pathway-agreement?format=xml")
                .then()
                .statusCode(400);
    }

    @Test
    void csvHasAHeaderAndOneRowPerTotalModalityRuleAndMonth() {
        for (String path : List.of(
                "/analytics/pathway-agreement.csv?" + PERIOD, "/analytics/pathway-agreement?format=csv&" + PERIOD)) {
            var response = given().port(ampulla.port())
                    .header("Authorization", "Bearer " + TOKEN)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract();
            assertTrue(response.contentType().startsWith("text/csv"), response.contentType());
            String csv = response.asString();
            assertTrue(csv.endsWith("\r\n"), "CRLF line ends");
            List<String> lines = List.of(csv.split("\r\n"));
            assertEquals(PathwayAgreementCsv.HEADER, lines.get(0));
            // reasons: most frequent first, "none" (no reason given) after a reason given as often
            String period = "2025-05-01T00:00:00Z,2025-07-01T00:00:00Z,";
            assertEquals(
                    List.of(
                            period + "total,,,7,3,2,2,5,0.600," + overrideCode + "=1;none=1",
                            period + "modality,radiotherapy,,4,1,2,1,3,0.333," + overrideCode + "=1;none=1",
                            period + "modality,surgery,,1,1,0,0,1,1.000,",
                            period + "modality,systemic-therapy,anti-egfr,1,0,0,1,0,,",
                            period + "modality,systemic-therapy,other,1,1,0,0,1,1.000,",
                            period + "rule,R3,stage-iv-resectable,3,2,1,0,3,0.667,none=1",
                            period + "rule,R4,stage-iv-unresectable,1,0,0,1,0,,",
                            period + "rule,R6,neoadjuvant-radiotherapy,1,1,0,0,1,1.000,",
                            period + "rule,R7,surgery-without-radiotherapy,1,0,1,0,1,0.000," + overrideCode + "=1",
                            period + "rule,R8,tumor-location-needed,1,0,0,1,0,,",
                            period + "month,2025-05,,5,3,2,0,5,0.600," + overrideCode + "=1;none=1",
                            period + "month,2025-06,,2,0,0,2,0,,"),
                    lines.subList(1, lines.size()));
        }
    }

    @Test
    void measureReportCountsThePopulationsPerModalityAndIsValidFhir() {
        String json = given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .get("/analytics/pathway-agreement?format=measure-report&" + PERIOD)
                .then()
                .statusCode(200)
                .contentType("application/fhir+json")
                .extract()
                .asString();
        MeasureReport mr = Fhir.jsonParser().parseResource(MeasureReport.class, json);
        assertEquals(PathwayAgreementMeasure.URL + "|" + KnowledgePack.shipped().version(), mr.getMeasure());
        assertEquals(MeasureReport.MeasureReportType.SUMMARY, mr.getType());
        MeasureReport.MeasureReportGroupComponent group = mr.getGroupFirstRep();
        assertEquals(
                Map.of("initial-population", 7, "denominator", 5, "numerator", 3),
                group.getPopulation().stream()
                        .collect(Collectors.toMap(
                                p -> p.getCode().getCodingFirstRep().getCode(),
                                MeasureReport.MeasureReportGroupPopulationComponent::getCount)));
        assertEquals(0.6, group.getMeasureScore().getValue().doubleValue());
        MeasureReport.MeasureReportGroupStratifierComponent modality = group.getStratifierFirstRep();
        assertEquals("modality", modality.getCodeFirstRep().getText());
        Map<String, List<Integer>> strata = modality.getStratum().stream()
                .collect(Collectors.toMap(
                        s -> s.getValue().getText(),
                        s -> s.getPopulation().stream()
                                .map(MeasureReport.StratifierGroupPopulationComponent::getCount)
                                .toList()));
        // initial population, denominator, numerator; systemic therapy is its two ingredient classes together
        assertEquals(
                Map.of(
                        "radiotherapy",
                        List.of(4, 3, 1),
                        "surgery",
                        List.of(1, 1, 1),
                        "systemic-therapy",
                        List.of(2, 1, 1)),
                strata);

        ValidationResult result = validator().validateWithResult(json);
        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + " " + m.getMessage())
                .toList();
        assertTrue(errors.isEmpty(), "the MeasureReport is valid FHIR R4: " + errors);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private Application start(String today) {
        Map<String, String> settings = new java.util.HashMap<>(store);
        settings.putAll(Map.of(
                "today",
                today,
                "analytics-token",
                TOKEN,
                "patient-hash-key",
                HASH_KEY,
                "feedback-retention-days",
                "36500"));
        return TestServer.startWith(settings);
    }

    private static JsonNode hook(Application server, String path, Path request) throws Exception {
        return JSON.readTree(given().port(server.port())
                        .contentType("application/json")
                        .body(Examples.read(request))
                        .post(path)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .get("cards");
    }

    private static JsonNode card(JsonNode cards, String rule) {
        for (JsonNode c : cards) {
            if (c.toString().contains("\"" + rule + "\"") && c.has("overrideReasons")) {
                return c;
            }
        }
        throw new AssertionError("no " + rule + " card in " + cards);
    }

    private JsonNode report() throws Exception {
        return JSON.readTree(given().port(ampulla.port())
                .header("Authorization", "Bearer " + TOKEN)
                .get("/analytics/pathway-agreement?" + PERIOD)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static void assertCounts(
            JsonNode counts, long signed, long on, long off, long outside, long decided, Double rate) {
        String c = counts.toString();
        assertEquals(signed, counts.get("ordersSigned").asLong(), c);
        assertEquals(on, counts.get("onPathway").asLong(), c);
        assertEquals(off, counts.get("offPathway").asLong(), c);
        assertEquals(outside, counts.get("outsidePathway").asLong(), c);
        assertEquals(decided, counts.get("pathwayDecided").asLong(), c);
        if (rate == null) {
            assertTrue(counts.get("onPathwayRate").isNull(), c);
        } else {
            assertEquals(rate, counts.get("onPathwayRate").asDouble(), 1e-9, c);
        }
    }

    private static List<String> names(JsonNode rows, String... fields) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode row : rows) {
            List<String> parts = new java.util.ArrayList<>();
            for (String f : fields) {
                parts.add(row.get(f).isNull() ? "null" : row.get(f).asText());
            }
            out.add(String.join("/", parts));
        }
        return out;
    }

    private static FhirValidator validator() {
        FhirContext fhir = Fhir.context();
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                new SnapshotGeneratingValidationSupport(fhir));
        FhirValidator validator = fhir.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
        return validator;
    }
}
