package dev.ampulla.assessment;

import static dev.ampulla.support.Fhir4.condition;
import static dev.ampulla.support.Fhir4.distance;
import static dev.ampulla.support.Fhir4.procedure;
import static dev.ampulla.support.Fhir4.record;
import static dev.ampulla.support.Fhir4.rectalPrimary;
import static dev.ampulla.support.Fhir4.resectability;
import static dev.ampulla.support.Fhir4.secondary;
import static dev.ampulla.support.Fhir4.tnm;
import static dev.ampulla.support.Fhir4.withQualifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.cdshooks.Hooks;
import dev.ampulla.extraction.CaseExtractor;
import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.RectalCancerCase;
import dev.ampulla.knowledge.MCategory;
import dev.ampulla.knowledge.StageGroup;
import dev.ampulla.knowledge.StagingBasis;
import dev.ampulla.knowledge.TumourSegment;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.pathway.PathwayEngine;
import dev.ampulla.pathway.Recommendation;
import dev.ampulla.support.Fhir4;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Extraction filters, the working-stage algorithm (§4.2), segments (§2.3) and pathway choice (§4.3). */
class AssessmentRulesTest {
    private static final String CT = "21905-5";
    private static final String CN = "21906-3";
    private static final String CM = "21907-1";
    private static final String CGROUP = "21908-9";
    private static final String PT = "21899-0";
    private static final String PN = "21900-6";

    private static final KnowledgePack PACK = KnowledgePack.shipped();
    /** The founding document's pathway and Ampulla's own rules: the guideline layer is tested in GuidelineLayerTest. */
    private static final PathwayEngine ENGINE =
            new PathwayEngine(PACK, new dev.ampulla.knowledge.pack.GuidelineLayer(false, null, null));

    private final Assessor assessor = new Assessor(PACK.parameters());
    /** The day these tests judge data ages on: a few weeks after their newest fact, so none is stale. */
    private static final java.time.LocalDate TODAY = java.time.LocalDate.of(2025, 4, 15);

    private Assessment assessOne(JsonNode... resources) {
        List<RectalCancerCase> cases = CaseExtractor.extract(record(resources));
        assertEquals(1, cases.size(), "one rectal primary");
        return assessor.assess(cases.get(0), TODAY);
    }

    private static List<String> rules(Assessment a) {
        return recommend(a).stream().map(r -> r.rule().id()).toList();
    }

    private static List<Recommendation> recommend(Assessment a) {
        return ENGINE.advise(a, Hooks.PATIENT_VIEW, List.of()).recommendations();
    }

    private static List<DataProblem> problems(Assessment a, DataProblem.Kind kind) {
        return a.problems().stream().filter(p -> p.kind() == kind).toList();
    }

    // ---- Scope and validity filters ---------------------------------------------------------------------------

    @Test
    void colonAnalAndResolvedRectalCancersAreOutOfScope() {
        ObjectNode resolved = rectalPrimary("rc");
        resolved.set(
                "clinicalStatus",
                Fhir4.concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved"));
        ObjectNode refuted = rectalPrimary("rc2");
        refuted.set(
                "verificationStatus",
                Fhir4.concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted"));
        assertTrue(CaseExtractor.extract(record(
                        condition("colon", Fhir4.ICD10, "C18.7"),
                        condition("anal", Fhir4.ICD10, "C21.8"),
                        resolved,
                        refuted,
                        tnm("t", CT, "cT3", "2025-01-02", "colon")))
                .isEmpty());
    }

    @Test
    void rectosigmoidAndTopographyCodedPrimariesAreInScope() {
        Assessment c19 = assessOne(condition("rs", Fhir4.ICD10, "C19"));
        assertEquals(TumourSegment.RECTOSIGMOID, c19.segment().segment());
        ObjectNode topo = condition("topo", Fhir4.SCT, "363346000");
        topo.putArray("bodySite").add(Fhir4.concept("http://terminology.hl7.org/CodeSystem/icd-o-3", "C20.9"));
        assertEquals(TumourSegment.UNKNOWN, assessOne(topo).segment().segment());
    }

    @Test
    void enteredInErrorAndPreliminaryObservationsAreIgnored() {
        ObjectNode m1 = tnm("m1", CM, "cM1a", "2025-02-01", "rc");
        m1.put("status", "entered-in-error");
        ObjectNode t4 = tnm("t4", CT, "cT4b", "2025-02-01", "rc");
        t4.put("status", "preliminary");
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("t", CT, "cT3", "2025-01-02", "rc"),
                tnm("n", CN, "cN1", "2025-01-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"),
                m1,
                t4);
        assertEquals(StageGroup.IIIB, a.stage().group());
    }

    // ---- Attribution ------------------------------------------------------------------------------------------

    @Test
    void observationsWithoutFocusBelongToTheOnlyPrimary() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("t", CT, "cT2", "2025-01-02", null),
                tnm("n", CN, "cN0", "2025-01-02", null),
                tnm("m", CM, "cM0", "2025-01-02", null));
        assertEquals(StageGroup.I, a.stage().group());
        assertTrue(a.stage().t().source().attributedWithoutFocus());
    }

    @Test
    void withAnotherPrimaryCancerUnfocusedStagingIsNotUsedAndReported() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                condition("prostate", Fhir4.ICD10, "C61"),
                tnm("t", CT, "cT3", "2025-01-02", null),
                tnm("t2", CT, "cT2", "2025-01-02", "prostate"));
        assertNull(a.stage().t());
        assertEquals(1, problems(a, DataProblem.Kind.ATTRIBUTION).size(), "only the unfocused one is reported");
        assertTrue(rules(a).contains("R26"));
    }

    // ---- Working stage ----------------------------------------------------------------------------------------

    @Test
    void newestClinicalValueWinsPerCategory() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("t1", CT, "cT2", "2025-01-02", "rc"),
                tnm("t2", CT, "cT3", "2025-02-02", "rc"),
                tnm("n", CN, "cN0", "2025-01-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"));
        assertEquals(StageGroup.IIA, a.stage().group());
        assertEquals("t2", a.stage().t().source().reference().replace("Observation/", ""));
    }

    @Test
    void pathologicalStagingSupersedesClinicalAfterSurgery() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("ct", CT, "cT3", "2025-01-02", "rc"),
                tnm("cn", CN, "cN0", "2025-01-02", "rc"),
                tnm("cm", CM, "cM0", "2025-01-02", "rc"),
                tnm("pt", PT, "pT2", "2025-04-02", "rc"),
                tnm("pn", PN, "pN1b", "2025-04-02", "rc"));
        assertEquals(StageGroup.IIIA, a.stage().group());
        assertEquals(StagingBasis.PATHOLOGICAL, a.stage().basis());
        assertTrue(a.primaryResected(), "pathological T/N imply a resection specimen");
        assertEquals(List.of("R1", "R10"), rules(a));
    }

    @Test
    void aContradictedSpecimenValueLeavesTheCategoryUnknownInsteadOfFallingBackToTheClinicalOne() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("ct", CT, "cT3", "2025-01-02", "rc"),
                tnm("cn", CN, "cN2", "2025-01-02", "rc"),
                tnm("cm", CM, "cM0", "2025-01-02", "rc"),
                tnm("pt", PT, "pT3", "2025-04-02", "rc"),
                tnm("pn1", PN, "pN1b", "2025-04-02", "rc"),
                tnm("pn0", PN, "pN0", "2025-04-02", "rc"));
        assertNull(a.stage().n(), "neither pN nor the older cN2");
        assertNull(a.stage().group());
        assertTrue(problems(a, DataProblem.Kind.CONFLICT).get(0).warning());
        assertEquals(List.of("R2", "R25"), rules(a));
    }

    @Test
    void noPathologicalM0ExistsSoItIsReadAsClinical() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("t", CT, "cT3", "2025-01-02", "rc"),
                tnm("n", CN, "cN0", "2025-01-02", "rc"),
                tnm("m", "21901-4", "pM0", "2025-01-02", "rc"));
        assertEquals(StageGroup.IIA, a.stage().group());
    }

    @Test
    void anyValidM1MeansStageIvEvenWhenANewerM0Exists() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("t", CT, "cT3", "2025-01-02", "rc"),
                tnm("n", CN, "cN1", "2025-01-02", "rc"),
                tnm("m1", CM, "cM1a", "2025-01-05", "rc"),
                tnm("m0", CM, "cM0", "2025-03-01", "rc"));
        assertEquals(StageGroup.IVA, a.stage().group());
        assertTrue(problems(a, DataProblem.Kind.CONFLICT).get(0).warning());
    }

    @Test
    void secondaryCancersUpgradeM0AndGiveTheM1SubCategory() {
        Assessment peritoneal = assessOne(
                rectalPrimary("rc"),
                tnm("t", CT, "cT3", "2025-01-02", "rc"),
                tnm("n", CN, "cN1", "2025-01-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"),
                secondary("liver", "94381002", "rc"),
                withBodySite(secondary("perit", "128462008", "rc"), "118762006"));
        assertEquals(MCategory.M1C, peritoneal.stage().derivedM());
        assertEquals(StageGroup.IVC, peritoneal.stage().group());
        assertTrue(problems(peritoneal, DataProblem.Kind.CONFLICT).get(0).warning(), "M0 contradicted: warning");

        Assessment twoOrgans = assessOne(
                rectalPrimary("rc"), secondary("liver", "94381002", "rc"), secondary("lung", "94391008", null));
        assertEquals(MCategory.M1B, twoOrgans.stage().derivedM(), "no M observation: derived without conflict");
        assertTrue(problems(twoOrgans, DataProblem.Kind.CONFLICT).isEmpty());
        assertEquals(List.of("R1", "R5"), rules(twoOrgans));
    }

    @Test
    void regionalOrUnspecifiedNodeConditionsDoNotMakeStageIv() {
        for (String code : new String[] {"C77.5", "C77.2", "C77.9"}) {
            Assessment a = assessOne(
                    rectalPrimary("rc"),
                    tnm("t", CT, "cT3", "2025-01-02", "rc"),
                    tnm("n", CN, "cN1", "2025-01-02", "rc"),
                    tnm("m", CM, "cM0", "2025-01-02", "rc"),
                    condition("nodes", Fhir4.ICD10, code));
            assertEquals(StageGroup.IIIB, a.stage().group(), code);
            assertTrue(a.problems().isEmpty(), code);
        }
        Assessment inguinal = assessOne(
                rectalPrimary("rc"),
                tnm("t", CT, "cT3", "2025-01-02", "rc"),
                tnm("n", CN, "cN1", "2025-01-02", "rc"),
                condition("nodes", Fhir4.ICD10, "C77.4"));
        assertEquals(MCategory.M1A, inguinal.stage().derivedM(), "inguinal nodes are distant for the rectum");
    }

    @Test
    void ycRestagingIsClinicalAndDoesNotMeanTheTumourWasResected() {
        Assessment a = assessOne(
                withQualifier(rectalPrimary("rc"), "261122009"),
                tnm("t", CT, "cT3", "2025-01-02", "rc"),
                tnm("n", CN, "cN1", "2025-01-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"),
                tnm("yt", "21911-3", "ycT2", "2025-05-02", "rc"),
                tnm("yn", "21912-1", "ycN0", "2025-05-02", "rc"));
        assertFalse(a.primaryResected());
        assertEquals("ycT2", a.stage().t().prefixed());
        assertEquals("post-therapy", a.stage().basis().label());
        assertEquals(
                List.of("R1", "R9"),
                rules(a),
                "after neoadjuvant therapy surgery remains; no adjuvant card without a specimen");
    }

    private static ObjectNode withBodySite(ObjectNode condition, String snomed) {
        condition.putArray("bodySite").add(Fhir4.concept(Fhir4.SCT, snomed));
        return condition;
    }

    @Test
    void reportedGroupThatContradictsNewerComponentsIsAConflictButAnOlderOneIsSuperseded() {
        Assessment contradicting = assessOne(
                rectalPrimary("rc"),
                tnm("t", CT, "cT3", "2025-01-02", "rc"),
                tnm("n", CN, "cN0", "2025-01-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"),
                tnm("g", CGROUP, "IIIB", "2025-01-05", "rc"));
        assertEquals(StageGroup.IIA, contradicting.stage().group());
        assertTrue(problems(contradicting, DataProblem.Kind.CONFLICT).get(0).warning());

        Assessment superseded = assessOne(
                rectalPrimary("rc"),
                tnm("t", CT, "cT3", "2025-01-02", "rc"),
                tnm("n", CN, "cN0", "2025-01-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"),
                tnm("g", CGROUP, "IIIB", "2024-12-01", "rc"));
        assertTrue(superseded.problems().isEmpty());
    }

    @Test
    void t4WithoutSubcategoryGivesOnlyTheMainStageAndAgreesWithAReportedSubgroup() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("t", CT, "cT4", "2025-01-02", "rc"),
                tnm("n", CN, "cN0", "2025-01-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"),
                tnm("g", CGROUP, "2B", "2025-01-02", "rc"));
        assertEquals(StageGroup.II, a.stage().group());
        assertEquals(2, a.stage().candidates().size());
        assertTrue(a.problems().isEmpty(), "IIB is one of IIB/IIC: no conflict");
    }

    @Test
    void missingNWithoutAReportedGroupLeavesTheStageUnknownButT3M0IsStillLocallyAdvanced() {
        Assessment a = assessOne(
                withQualifier(rectalPrimary("rc"), "261122009"),
                tnm("t", CT, "cT3", "2025-01-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"));
        assertFalse(a.stage().isStaged());
        assertEquals(List.of("R2", "R6"), rules(a));
    }

    @Test
    void withoutMNoPathwayIsChosen() {
        Assessment a = assessOne(
                rectalPrimary("rc"), tnm("t", CT, "cT3", "2025-01-02", "rc"), tnm("n", CN, "cN1", "2025-01-02", "rc"));
        assertEquals(List.of("R2"), rules(a));
    }

    // ---- Segment ----------------------------------------------------------------------------------------------

    @Test
    void explicitQualifierWinsOverDistanceWithAConflictNote() {
        Assessment a = assessOne(withQualifier(rectalPrimary("rc"), "261183002"), distance("d", 4, "2025-01-02", "rc"));
        assertEquals(TumourSegment.UPPER_RECTUM, a.segment().segment());
        assertFalse(problems(a, DataProblem.Kind.CONFLICT).get(0).warning());
    }

    @Test
    void beyondFifteenCentimetresIsRectosigmoid() {
        Assessment a = assessOne(rectalPrimary("rc"), distance("only", 16, "2025-02-02", "rc"));
        assertEquals(TumourSegment.RECTOSIGMOID, a.segment().segment());
        assertEquals(1, problems(a, DataProblem.Kind.CONFLICT).size());
    }

    @Test
    void distancesThatDisagreeOnRadiotherapyLeaveTheSegmentUnknownWithAWarning() {
        Assessment a = assessOne(
                rectalPrimary("rc"), distance("old", 4, "2025-01-02", "rc"), distance("new", 12, "2025-02-02", "rc"));
        assertEquals(TumourSegment.UNKNOWN, a.segment().segment());
        DataProblem p = problems(a, DataProblem.Kind.CONFLICT).get(0);
        assertTrue(p.warning());
        String text = PACK.problemText(p.code(), p.arguments());
        assertTrue(text.contains("4 cm") && text.contains("12 cm") && text.contains("neither"), text);
    }

    @Test
    void distancesInDifferentSegmentsWithTheSameAdviceKeepTheNewestButSaySo() {
        Assessment a = assessOne(
                rectalPrimary("rc"), distance("old", 4, "2025-01-02", "rc"), distance("new", 7, "2025-02-02", "rc"));
        assertEquals(TumourSegment.MIDDLE_RECTUM, a.segment().segment());
        DataProblem p = problems(a, DataProblem.Kind.CONFLICT).get(0);
        String text = PACK.problemText(p.code(), p.arguments());
        assertTrue(p.warning() && text.contains("the newest was used"), text);
    }

    @Test
    void distanceNearABoundaryIsFlaggedBorderline() {
        assertTrue(assessOne(rectalPrimary("rc"), distance("d", 10.3, "2025-01-02", "rc"))
                .segment()
                .borderline());
        assertFalse(assessOne(rectalPrimary("rc"), distance("d", 8, "2025-01-02", "rc"))
                .segment()
                .borderline());
    }

    @Test
    void t4aInTheLowerRectumIsQuestioned() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("t", CT, "cT4a", "2025-01-02", "rc"),
                tnm("n", CN, "cN0", "2025-01-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"),
                distance("d", 3, "2025-01-02", "rc"));
        assertEquals(1, problems(a, DataProblem.Kind.CONFLICT).size());
    }

    // ---- Pathways ---------------------------------------------------------------------------------------------

    @Test
    void stageIvOption3FollowsTheRadiotherapyRule() {
        JsonNode[] base = {
            tnm("t", CT, "cT3", "2025-01-02", "rc"),
            tnm("n", CN, "cN1", "2025-01-02", "rc"),
            tnm("m", CM, "cM1a", "2025-01-02", "rc"),
            resectability("r", "resectable", "2025-01-10", null)
        };
        assertEquals(
                3,
                stageIv(withQualifier(rectalPrimary("rc"), "261122009"), base)
                        .options()
                        .size());
        assertEquals(
                2,
                stageIv(withQualifier(rectalPrimary("rc"), "261183002"), base)
                        .options()
                        .size());
        Recommendation.StageIvOptions unknown = stageIv(rectalPrimary("rc"), base);
        assertEquals(3, unknown.options().size());
        assertTrue(unknown.radiotherapyCaveat());
    }

    private Recommendation.StageIvOptions stageIv(ObjectNode primary, JsonNode... rest) {
        JsonNode[] all = new JsonNode[rest.length + 1];
        all[0] = primary;
        System.arraycopy(rest, 0, all, 1, rest.length);
        Recommendation r = recommend(assessOne(all)).get(1);
        assertEquals("R3", r.rule().id());
        return (Recommendation.StageIvOptions) r;
    }

    @Test
    void newestResectabilityAssessmentDecidesTheStageIvBranch() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("m", CM, "cM1b", "2025-01-02", "rc"),
                resectability("r1", "resectable", "2025-01-10", "rc"),
                resectability("r2", "unresectable", "2025-02-10", "rc"));
        assertEquals(List.of("R1", "R4"), rules(a));
    }

    @Test
    void resectabilityMustCoverThePrimaryAndFollowTheMetastases() {
        ObjectNode onlyTheLiver = resectability("r", "resectable", "2025-02-10", "liver");
        Assessment metastasisOnly = assessOne(
                rectalPrimary("rc"),
                secondary("liver", "94381002", "rc"),
                tnm("m", CM, "cM1a", "2025-02-01", "rc"),
                onlyTheLiver);
        assertEquals(List.of("R1", "R5"), rules(metastasisOnly));
        assertTrue(metastasisOnly.resectability().reservation().contains("names only the metastases"));

        Assessment beforeMetastases = assessOne(
                rectalPrimary("rc"),
                resectability("r", "resectable", "2025-01-10", "rc"),
                tnm("m", CM, "cM1a", "2025-02-01", "rc"));
        assertEquals(List.of("R1", "R5"), rules(beforeMetastases));
        assertTrue(beforeMetastases.resectability().reservation().contains("predates"));

        Assessment after = assessOne(
                rectalPrimary("rc"),
                tnm("m", CM, "cM1a", "2025-02-01", "rc"),
                resectability("r", "resectable", "2025-02-10", null));
        assertEquals(List.of("R1", "R3"), rules(after));
    }

    @Test
    void aReportedGroupOlderThanTheCategoriesOrContradictingM0IsNotUsed() {
        Assessment stale = assessOne(
                rectalPrimary("rc"),
                tnm("g", CGROUP, "I", "2024-11-01", "rc"),
                tnm("t", CT, "cT3", "2025-01-02", "rc"));
        assertFalse(stale.stage().isStaged());
        Assessment contradicting = assessOne(
                rectalPrimary("rc"),
                tnm("g", CGROUP, "IV", "2025-01-05", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"));
        assertFalse(contradicting.stage().isStageIv());
        assertTrue(problems(contradicting, DataProblem.Kind.CONFLICT).get(0).warning());
    }

    @Test
    void aFocusOnATumourBodyStructureCountsAsNoFocus() {
        ObjectNode t = tnm("t", CT, "cT2", "2025-01-02", null);
        t.putArray("focus").addObject().put("reference", "BodyStructure/tumour-1");
        Assessment a = assessOne(
                rectalPrimary("rc"),
                t,
                tnm("n", CN, "cN0", "2025-01-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"));
        assertEquals(StageGroup.I, a.stage().group());
        assertTrue(a.stage().t().source().attributedWithoutFocus());
    }

    @Test
    void aCompleteResponseIsNamedAsSuchWithoutAWorkUpList() {
        var cards = new dev.ampulla.service.RectalCancerAdvisor(
                        PACK, () -> "http://localhost:8080", dev.ampulla.demo.ExampleCatalog.EXAMPLES_CLOCK)
                .advise(
                        record(
                                rectalPrimary("rc"),
                                tnm("ct", CT, "cT3", "2025-01-02", "rc"),
                                tnm("cn", CN, "cN1", "2025-01-02", "rc"),
                                tnm("cm", CM, "cM0", "2025-01-02", "rc"),
                                tnm("yt", "21911-3", "ypT0", "2025-05-02", "rc"),
                                tnm("yn", "21912-1", "ypN0", "2025-05-02", "rc")),
                        "p");
        assertEquals(
                "Rectal cancer: no residual primary tumour (ypT0 ypN0 cM0); AJCC gives no stage group",
                cards.get(0).summary());
        assertTrue(cards.get(0).detail().contains("in the resection specimen"));
        assertFalse(cards.get(0).detail().contains("Usual work-up"));
    }

    @Test
    void treatmentForAnotherConditionIsNotRectalCancerTreatment() {
        ObjectNode chemoForBreast = procedure("chemo", "367336001", "2025-01-20");
        chemoForBreast.putArray("reasonReference").addObject().put("reference", "Condition/breast");
        ObjectNode resection = procedure("lar", "4558008", "2025-04-01");
        Assessment a =
                assessOne(rectalPrimary("rc"), condition("breast", Fhir4.ICD10, "C50.9"), chemoForBreast, resection);
        assertEquals(
                List.of(dev.ampulla.extraction.TreatmentKind.RECTAL_RESECTION),
                a.rectalCase().treatments().stream()
                        .map(dev.ampulla.extraction.TreatmentFact::kind)
                        .toList());
    }

    @Test
    void resectionProcedureWithoutNodeMetastasesNeedsNoAdjuvantCard() {
        Assessment a = assessOne(
                rectalPrimary("rc"),
                tnm("t", PT, "pT3", "2025-04-02", "rc"),
                tnm("n", PN, "pN0", "2025-04-02", "rc"),
                tnm("m", CM, "cM0", "2025-01-02", "rc"),
                procedure("lar", "4558008", "2025-04-01"));
        assertTrue(a.primaryResected());
        assertEquals(List.of("R1"), rules(a));
    }
}
