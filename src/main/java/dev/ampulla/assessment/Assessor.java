package dev.ampulla.assessment;

import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.DistanceFact;
import dev.ampulla.extraction.FactTime;
import dev.ampulla.extraction.Metastasis;
import dev.ampulla.extraction.MetastasisSite;
import dev.ampulla.extraction.RectalCancerCase;
import dev.ampulla.extraction.ResectabilityFact;
import dev.ampulla.extraction.RiskFeature;
import dev.ampulla.extraction.Source;
import dev.ampulla.extraction.StagingFact;
import dev.ampulla.extraction.TreatmentFact;
import dev.ampulla.extraction.TreatmentKind;
import dev.ampulla.knowledge.AjccStageTable;
import dev.ampulla.knowledge.MCategory;
import dev.ampulla.knowledge.SegmentThresholds;
import dev.ampulla.knowledge.StageGroup;
import dev.ampulla.knowledge.StagingBasis;
import dev.ampulla.knowledge.StagingCodes.Axis;
import dev.ampulla.knowledge.TCategory;
import dev.ampulla.knowledge.TumourSegment;
import dev.ampulla.knowledge.pack.DataProblemCode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Interprets a {@link RectalCancerCase}: a pure function of the case, the pack's parameters and the day it is judged
 * on.
 */
public final class Assessor {
    private final SegmentThresholds thresholds;
    private final double borderlineMarginCm;
    private final ToIntFunction<String> staleAfterDays;
    private final PatientProfiler profiler;

    /**
     * Uses the pack's parameters: the segment thresholds and the borderline margin ("confirm on MRI"), the stale-data
     * age per treatment phase, the fitness check's thresholds and how long a pregnancy status holds.
     */
    public Assessor(dev.ampulla.knowledge.pack.PackParameters parameters) {
        this.thresholds = parameters.segmentThresholds();
        this.borderlineMarginCm = parameters.borderlineMarginCm();
        this.staleAfterDays = parameters::staleDataAfterDays;
        this.profiler = new PatientProfiler(parameters);
    }

    public Assessment assess(RectalCancerCase rectalCase, LocalDate today) {
        List<DataProblem> problems = new ArrayList<>(rectalCase.problems());
        Resection resection = resection(rectalCase);
        // Metastases first recorded after the resection do not restage the primary: the stage at diagnosis stays,
        // and the metastases are the treatment phase's (no conflict with the M0 of the original staging).
        List<Metastasis> laterMetastases = new ArrayList<>();
        List<StagingFact> laterM = new ArrayList<>();
        RectalCancerCase atDiagnosis = rectalCase;
        if (resection.time() != null) {
            for (Metastasis x : rectalCase.metastases()) {
                if (PhaseAssessor.afterDay(x.onset(), resection.time())) {
                    laterMetastases.add(x);
                }
            }
            for (StagingFact f : rectalCase.staging()) {
                if (f.axis() == Axis.M
                        && f.category() != MCategory.M0
                        && !f.basis().isFromSpecimen()
                        && PhaseAssessor.afterDay(f.time(), resection.time())) {
                    laterM.add(f);
                }
            }
            if (distantSpreadBy(rectalCase, resection.time())) {
                // stage IV before or at the operation: what is found later is more of the same disease
                laterMetastases.clear();
                laterM.clear();
            }
            if (!laterMetastases.isEmpty() || !laterM.isEmpty()) {
                List<StagingFact> staging = new ArrayList<>(rectalCase.staging());
                staging.removeAll(laterM);
                List<Metastasis> metastases = new ArrayList<>(rectalCase.metastases());
                metastases.removeAll(laterMetastases);
                atDiagnosis = rectalCase.withStaging(staging, metastases);
            }
        }
        WorkingStage stage = stage(atDiagnosis, problems);
        SegmentFinding segment = segment(rectalCase, problems);
        if (stage.tCategory() == TCategory.T4A && segment.segment() == TumourSegment.LOWER_RECTUM) {
            problems.add(DataProblem.conflict(
                    false,
                    DataProblemCode.T4A_IN_LOWER_RECTUM,
                    "observation",
                    stage.t().source().reference()));
        }
        PhaseFinding phase = PhaseAssessor.of(
                rectalCase,
                resection.evidence() != null,
                resection.time(),
                resection.source(),
                laterMetastases,
                laterM,
                stage.isStageIv());
        ResectabilityFinding resectability = phase.phase() == TreatmentPhase.METACHRONOUS_METASTASES
                ? resectabilityOfLaterMetastases(rectalCase, laterMetastases, laterM)
                : resectability(rectalCase, stage);
        return new Assessment(
                rectalCase,
                stage,
                segment,
                resectability,
                resection.evidence() != null,
                resection.evidence(),
                phase,
                highRisk(rectalCase, stage),
                localHighRisk(rectalCase, stage),
                dataAge(
                        rectalCase,
                        today,
                        staleAfterDays.applyAsInt(phase.phase().findingValue())),
                problems,
                profiler.profile(rectalCase.patient(), today));
    }

    /** Whether a metastasis or an M1 was recorded on or before the day of the resection. */
    private static boolean distantSpreadBy(RectalCancerCase c, FactTime resection) {
        for (Metastasis x : c.metastases()) {
            if (!PhaseAssessor.afterDay(x.onset(), resection)) {
                return true;
            }
        }
        for (StagingFact f : c.staging()) {
            if (f.axis() == Axis.M && f.category() != MCategory.M0 && !PhaseAssessor.afterDay(f.time(), resection)) {
                return true;
            }
        }
        return false;
    }

    // ---- Data age and high-risk features ------------------------------------------------------------------------

    private static DataAge dataAge(RectalCancerCase c, LocalDate today, int staleAfterDays) {
        Newest newest = new Newest();
        c.staging().forEach(f -> newest.consider(f.time(), f.source().date()));
        c.distances().forEach(f -> newest.consider(f.time(), f.source().date()));
        c.metastases().forEach(f -> newest.consider(f.onset(), f.source().date()));
        c.resectability().forEach(f -> newest.consider(f.time(), f.source().date()));
        c.treatments().forEach(f -> newest.consider(f.time(), f.source().date()));
        c.markers().forEach(f -> newest.consider(f.time(), f.source().date()));
        c.riskFeatures().forEach(f -> newest.consider(f.time(), f.source().date()));
        if (newest.millis == FactTime.ABSENT) {
            return DataAge.CURRENT; // no dated fact: the age cannot be judged
        }
        long cutoff = today.minusDays(staleAfterDays)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        if (newest.millis >= cutoff) {
            return DataAge.CURRENT;
        }
        StagingFact newestStaging = newest(c.staging(), f -> true);
        return new DataAge(
                true,
                newest.date,
                newestStaging == null ? null : newestStaging.source().date(),
                staleAfterDays);
    }

    /** The newest dated fact seen, with its date as written (the end of a period counts). */
    private static final class Newest {
        long millis = FactTime.ABSENT;
        String date;

        void consider(FactTime time, String written) {
            if (time.effective() != FactTime.ABSENT && time.effective() > millis) {
                millis = time.effective();
                date = written == null
                        ? null
                        : written.contains(" to ") ? written.substring(written.indexOf(" to ") + 4) : written;
            }
        }
    }

    /** cT4, cN2, and the newest MRI record of each feature when it says present (clinical-reference, RAPIDO). */
    /**
     * cT4, an involved mesorectal fascia or EMVI: the features for which guidelines give preoperative treatment
     * whatever the tumour's height (ASCO 2024, recommendation 2.1), nodal stage alone not being one.
     */
    private static boolean localHighRisk(RectalCancerCase c, WorkingStage stage) {
        TCategory t = stage.tCategory();
        if (t == TCategory.T4 || t == TCategory.T4A || t == TCategory.T4B) {
            return true;
        }
        for (RiskFeature.Kind kind : RiskFeature.Kind.values()) {
            RiskFeature newest = null;
            for (RiskFeature f : c.riskFeatures()) {
                if (f.kind() == kind) {
                    newest = f;
                }
            }
            if (kind.whateverTheHeight() && newest != null && newest.present()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> highRisk(RectalCancerCase c, WorkingStage stage) {
        List<String> out = new ArrayList<>(4);
        TCategory t = stage.tCategory();
        if (t == TCategory.T4 || t == TCategory.T4A || t == TCategory.T4B) {
            out.add(stage.t().prefixed());
        }
        dev.ampulla.knowledge.NCategory n = stage.nCategory();
        if (n == dev.ampulla.knowledge.NCategory.N2
                || n == dev.ampulla.knowledge.NCategory.N2A
                || n == dev.ampulla.knowledge.NCategory.N2B) {
            out.add(stage.n().prefixed());
        }
        for (RiskFeature.Kind kind : RiskFeature.Kind.values()) {
            RiskFeature newest = null;
            for (RiskFeature f : c.riskFeatures()) {
                if (f.kind() == kind) {
                    newest = f; // sorted by time
                }
            }
            if (newest != null && newest.present()) {
                out.add(kind.label() + " (" + newest.source().cite() + ")");
            }
        }
        return out;
    }

    // ---- Stage (clinical-reference §4.2) -----------------------------------------------------------------------

    private static WorkingStage stage(RectalCancerCase c, List<DataProblem> problems) {
        List<StagingFact> facts = c.staging();
        StagingFact t = chooseTOrN(facts, Axis.T, problems);
        StagingFact n = chooseTOrN(facts, Axis.N, problems);

        StagingFact newestM1 = newest(facts, f -> f.axis() == Axis.M && f.category() != MCategory.M0);
        StagingFact newestM0 = newest(facts, f -> f.axis() == Axis.M && f.category() == MCategory.M0);
        StagingFact m = newestM1 != null ? newestM1 : newestM0;
        if (newestM1 != null && newestM0 != null && newestM0.time().isAfter(newestM1.time())) {
            problems.add(DataProblem.conflict(
                    true,
                    DataProblemCode.M0_NEWER_THAN_M1,
                    "m0-source",
                    cite(newestM0),
                    "m1",
                    newestM1.prefixed(),
                    "m1-source",
                    cite(newestM1)));
        }

        MCategory derivedM = null;
        List<Metastasis> metastases = c.metastases();
        if (!metastases.isEmpty() && (m == null || m.category() == MCategory.M0)) {
            derivedM = mFromSites(metastases);
            if (m != null) {
                problems.add(DataProblem.conflict(
                        true,
                        DataProblemCode.M0_WITH_METASTASES,
                        "m0-source",
                        cite(m),
                        "metastases",
                        references(metastases),
                        "derived-m",
                        derivedM.label()));
                m = null;
            }
        }
        MCategory mCategory = derivedM != null ? derivedM : (m == null ? null : (MCategory) m.category());

        AjccStageTable.Lookup lookup = AjccStageTable.lookup(
                t == null ? null : (TCategory) t.category(),
                n == null ? null : (dev.ampulla.knowledge.NCategory) n.category(),
                mCategory);

        if (lookup.outcome() == AjccStageTable.Outcome.INVALID_COMBINATION) {
            problems.add(DataProblem.conflict(
                    true,
                    DataProblemCode.TIS_WITH_NODES,
                    "t",
                    t.prefixed(),
                    "t-source",
                    t.source().reference(),
                    "n",
                    n.prefixed(),
                    "n-source",
                    n.source().reference()));
        }

        if (lookup.isStaged()) {
            StagingBasis basis = basisOf(t, n, m);
            checkReportedGroup(
                    facts, lookup, basis, newestTime(t, n, m, derivedM == null ? List.of() : metastases), problems);
            return new WorkingStage(
                    lookup.group(),
                    lookup.candidates(),
                    basis,
                    t,
                    n,
                    m,
                    derivedM,
                    derivedM == null ? List.of() : metastases,
                    null,
                    lookup.outcome());
        }

        // T or N missing (or M unknown): fall back on the newest reported stage group (§4.2 step 5), provided it is
        // as new as the categories recorded and does not contradict a recorded M0.
        StagingFact reported = newest(facts, f -> f.axis() == Axis.GROUP);
        StageGroup reportedGroup = reported == null ? null : (StageGroup) reported.category();
        if (reportedGroup != null && lookup.outcome() == AjccStageTable.Outcome.INCOMPLETE) {
            boolean stale = newestTime(t, n, m, List.of()).isAfter(reported.time());
            boolean contradictsM0 =
                    m != null && m.category() == MCategory.M0 && reportedGroup.mainStage() == StageGroup.IV;
            if (contradictsM0) {
                problems.add(DataProblem.conflict(
                        true,
                        DataProblemCode.REPORTED_STAGE_IV_WITH_M0,
                        "group",
                        reportedGroup.roman(),
                        "group-source",
                        cite(reported),
                        "m0-source",
                        cite(m)));
            } else if (!stale) {
                return new WorkingStage(
                        reportedGroup,
                        EnumSet.of(reportedGroup),
                        reported.basis(),
                        t,
                        n,
                        m,
                        derivedM,
                        derivedM == null ? List.of() : metastases,
                        reported,
                        AjccStageTable.Outcome.STAGED);
            }
        }
        return new WorkingStage(
                null,
                Set.of(),
                basisOf(t, n, m),
                t,
                n,
                m,
                derivedM,
                derivedM == null ? List.of() : metastases,
                null,
                lookup.outcome());
    }

    /**
     * Pathological or post-therapy T/N supersede clinical ones after surgery: the newest specimen fact is used unless a
     * clinical fact (c, or yc restaging) is newer still.
     */
    private static StagingFact chooseTOrN(List<StagingFact> facts, Axis axis, List<DataProblem> problems) {
        StagingFact specimen = newest(facts, f -> f.axis() == axis && f.basis().isFromSpecimen());
        if (specimen != null && unlessContradicted(specimen, facts, problems) == null) {
            // a contradicted specimen value leaves the category unknown: an older clinical value must not stand in
            // for it, since after surgery it decides postoperative treatment
            return null;
        }
        StagingFact clinical = unlessContradicted(
                newest(facts, f -> f.axis() == axis && !f.basis().isFromSpecimen()), facts, problems);
        if (specimen != null && (clinical == null || !clinical.time().isAfter(specimen.time()))) {
            return specimen;
        }
        return clinical;
    }

    /**
     * The chosen fact, unless another value of the same category, basis and day contradicts it: then neither is
     * used (the newest must not win quietly when two records of one examination disagree).
     */
    private static StagingFact unlessContradicted(
            StagingFact chosen, List<StagingFact> facts, List<DataProblem> problems) {
        if (chosen == null || chosen.time().effective() == FactTime.ABSENT) {
            return chosen;
        }
        for (StagingFact f : facts) {
            if (f.axis() == chosen.axis()
                    && f.basis() == chosen.basis()
                    && !f.category().equals(chosen.category())
                    && sameDay(f.time(), chosen.time())) {
                problems.add(DataProblem.conflict(
                        true,
                        DataProblemCode.SAME_DAY_CONTRADICTION,
                        "first",
                        f.prefixed(),
                        "first-source",
                        cite(f),
                        "second",
                        chosen.prefixed(),
                        "second-source",
                        cite(chosen)));
                return null;
            }
        }
        return chosen;
    }

    private static boolean sameDay(FactTime a, FactTime b) {
        return a.effective() != FactTime.ABSENT
                && b.effective() != FactTime.ABSENT
                && Math.floorDiv(a.effective(), DAY_MILLIS) == Math.floorDiv(b.effective(), DAY_MILLIS);
    }

    private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    private static StagingBasis basisOf(StagingFact t, StagingFact n, StagingFact m) {
        StagingBasis basis = StagingBasis.CLINICAL;
        for (StagingFact f : new StagingFact[] {t, n}) {
            if (f != null
                    && (f.basis() == StagingBasis.POST_THERAPY || f.basis() == StagingBasis.POST_THERAPY_CLINICAL)) {
                return f.basis();
            }
            if (f != null && f.basis() == StagingBasis.PATHOLOGICAL) {
                basis = StagingBasis.PATHOLOGICAL;
            }
        }
        if (t == null && n == null && m != null && m.basis() == StagingBasis.PATHOLOGICAL) {
            return StagingBasis.PATHOLOGICAL;
        }
        return basis;
    }

    /** AJCC M1 from the sites of the metastases: any peritoneal M1c, else two or more organs M1b, else M1a. */
    private static MCategory mFromSites(List<Metastasis> metastases) {
        Set<MetastasisSite> sites = EnumSet.noneOf(MetastasisSite.class);
        metastases.forEach(x -> sites.add(x.site()));
        if (sites.contains(MetastasisSite.PERITONEUM)) {
            return MCategory.M1C;
        }
        boolean unspecified = sites.remove(MetastasisSite.UNSPECIFIED);
        if (sites.size() >= 2) {
            return MCategory.M1B;
        }
        return sites.size() == 1 && !unspecified ? MCategory.M1A : MCategory.M1;
    }

    /**
     * A reported stage group as new as the components it should summarise, and different from what they give, is a
     * data conflict (the computed group is used). An older one was superseded by newer findings: no conflict.
     */
    private static void checkReportedGroup(
            List<StagingFact> facts,
            AjccStageTable.Lookup lookup,
            StagingBasis basis,
            FactTime newestComponent,
            List<DataProblem> problems) {
        StagingFact reported = newest(facts, f -> f.axis() == Axis.GROUP && f.basis() == basis);
        if (reported == null || newestComponent.isAfter(reported.time())) {
            return;
        }
        StageGroup group = (StageGroup) reported.category();
        StageGroup computed = lookup.group();
        boolean compatible = group == computed
                || lookup.candidates().contains(group)
                || (!group.isSubGroup() && group == computed.mainStage());
        if (!compatible) {
            boolean differentMainStage = group.mainStage() != computed.mainStage();
            problems.add(DataProblem.conflict(
                    differentMainStage,
                    DataProblemCode.REPORTED_GROUP_MISMATCH,
                    "group",
                    group.roman(),
                    "group-source",
                    cite(reported),
                    "computed",
                    computed.roman()));
        }
    }

    // ---- Segment (clinical-reference §2.3) ---------------------------------------------------------------------

    private SegmentFinding segment(RectalCancerCase c, List<DataProblem> problems) {
        // facts come sorted by time, then resource: the last is the newest
        DistanceFact distance =
                c.distances().isEmpty() ? null : c.distances().get(c.distances().size() - 1);
        TumourSegment explicit = c.primary().codedSegment();
        TumourSegment byDistance = distance == null ? null : thresholds.segmentFor(distance.centimetres());
        if (explicit == null && distance != null) {
            for (DistanceFact other : c.distances()) {
                TumourSegment otherSegment = thresholds.segmentFor(other.centimetres());
                if (otherSegment != byDistance) {
                    // Two measurements place the tumour differently: say so. Where they also disagree on whether
                    // the founding document gives radiotherapy (lower/middle vs upper/rectosigmoid), use neither.
                    boolean decides = otherSegment.radiotherapyPermitted() != byDistance.radiotherapyPermitted();
                    problems.add(DataProblem.conflict(
                            true,
                            decides
                                    ? DataProblemCode.DISTANCES_DISAGREE_ON_RADIOTHERAPY
                                    : DataProblemCode.DISTANCES_DISAGREE_SAME_ADVICE,
                            "first",
                            cm(other),
                            "first-source",
                            other.source().cite(),
                            "first-segment",
                            otherSegment.findingValue(),
                            "second",
                            cm(distance),
                            "second-source",
                            distance.source().cite(),
                            "second-segment",
                            byDistance.findingValue()));
                    if (decides) {
                        return new SegmentFinding(TumourSegment.UNKNOWN, null, null, false);
                    }
                    break;
                }
            }
        }
        if (explicit != null) {
            if (byDistance != null && byDistance != explicit) {
                problems.add(DataProblem.conflict(
                        false,
                        DataProblemCode.LOCATION_AND_DISTANCE_DISAGREE,
                        "location-source",
                        c.primary().segmentSource().reference(),
                        "location-coding",
                        c.primary().segmentSource().coding(),
                        "location-segment",
                        explicit.findingValue(),
                        "distance",
                        cm(distance),
                        "distance-source",
                        distance.source().cite(),
                        "distance-segment",
                        byDistance.findingValue()));
            }
            return new SegmentFinding(explicit, c.primary().segmentSource(), null, false);
        }
        if (byDistance != null) {
            if (byDistance == TumourSegment.RECTOSIGMOID) {
                problems.add(DataProblem.conflict(
                        false,
                        DataProblemCode.RECTAL_ABOVE_UPPER_LIMIT,
                        "distance",
                        cm(distance),
                        "distance-source",
                        distance.source().cite(),
                        "upper-limit",
                        number(thresholds.upperMaxCm())));
            }
            return new SegmentFinding(byDistance, null, distance, isBorderline(distance.centimetres()));
        }
        return new SegmentFinding(TumourSegment.UNKNOWN, null, null, false);
    }

    private boolean isBorderline(double cm) {
        for (double limit : new double[] {thresholds.lowerMaxCm(), thresholds.middleMaxCm(), thresholds.upperMaxCm()}) {
            if (Math.abs(cm - limit) <= borderlineMarginCm) {
                return true;
            }
        }
        return false;
    }

    // ---- Resectability and treatment so far --------------------------------------------------------------------

    /**
     * The newest assessment that covers the primary (no focus, or a focus naming it). For stage IV it must also be
     * at least as new as the evidence of distant spread: an assessment made before the metastases were found cannot
     * say whether they are removable.
     */
    private static ResectabilityFinding resectability(RectalCancerCase c, WorkingStage stage) {
        if (c.resectability().isEmpty()) {
            return ResectabilityFinding.NONE;
        }
        ResectabilityFact newest = null;
        for (ResectabilityFact f : c.resectability()) {
            if (f.coversPrimary()) {
                newest = f;
            }
        }
        if (newest == null) {
            ResectabilityFact partial = c.resectability().get(c.resectability().size() - 1);
            return new ResectabilityFinding(
                    null,
                    partial,
                    "the resectability assessment " + partial.source().cite()
                            + " names only the metastases, not the primary tumour");
        }
        FactTime spread = distantSpreadTime(stage);
        if (stage.isStageIv() && spread.isAfter(newest.time())) {
            return new ResectabilityFinding(
                    null,
                    newest,
                    "the resectability assessment " + newest.source().cite()
                            + " predates the evidence of distant metastases");
        }
        return new ResectabilityFinding(newest.value(), newest, null);
    }

    private static FactTime distantSpreadTime(WorkingStage stage) {
        FactTime newest = FactTime.UNKNOWN;
        if (stage.m() != null && stage.m().category() != MCategory.M0) {
            newest = stage.m().time();
        }
        for (Metastasis x : stage.metastases()) {
            if (x.onset().isAfter(newest)) {
                newest = x.onset();
            }
        }
        return newest;
    }

    /**
     * For metastases first recorded after the resection, the newest assessment made since they were found, whatever
     * it names: the primary is gone, and an assessment of the metastases alone is the one that decides.
     */
    private static ResectabilityFinding resectabilityOfLaterMetastases(
            RectalCancerCase c, List<Metastasis> later, List<StagingFact> laterM) {
        FactTime found = FactTime.UNKNOWN;
        for (Metastasis x : later) {
            found = x.onset().isAfter(found) ? x.onset() : found;
        }
        for (StagingFact f : laterM) {
            found = f.time().isAfter(found) ? f.time() : found;
        }
        if (c.resectability().isEmpty()) {
            return ResectabilityFinding.NONE;
        }
        ResectabilityFact newest = c.resectability().get(c.resectability().size() - 1);
        if (found.isAfter(newest.time())) {
            return new ResectabilityFinding(
                    null,
                    newest,
                    "the resectability assessment " + newest.source().cite()
                            + " predates the metastases found after the resection");
        }
        return new ResectabilityFinding(newest.value(), newest, null);
    }

    /** What shows the resection (a sentence), the record that shows it, and when it was (null when not dated). */
    private record Resection(String evidence, Source source, FactTime time) {}

    /**
     * What shows the primary was resected: a resection Procedure, or pathological staging. After a local excision
     * (TEM, TAMIS, transanal excision) a pathological T alone is the excision specimen's, with no nodes examined: only
     * a pathological N then shows a resection.
     */
    private static Resection resection(RectalCancerCase c) {
        boolean locallyExcised = false;
        for (TreatmentFact t : c.treatments()) {
            if (t.kind() == TreatmentKind.RECTAL_RESECTION) {
                return new Resection("rectal resection " + t.source().cite(), t.source(), dated(t.time()));
            }
            locallyExcised |= t.kind() == TreatmentKind.LOCAL_EXCISION;
        }
        boolean afterExcision = locallyExcised;
        StagingFact specimen = newest(
                c.staging(),
                f -> (f.axis() == Axis.N || (f.axis() == Axis.T && !afterExcision))
                        && f.basis().isFromSpecimen());
        return specimen == null
                ? new Resection(null, null, null)
                : new Resection(
                        specimen.basis().label() + " staging " + specimen.prefixed() + " (" + cite(specimen) + ")",
                        specimen.source(),
                        dated(specimen.time()));
    }

    private static FactTime dated(FactTime t) {
        return t.effective() == FactTime.ABSENT ? null : t;
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    private static StagingFact newest(List<StagingFact> facts, java.util.function.Predicate<StagingFact> which) {
        StagingFact best = null;
        for (StagingFact f : facts) {
            if (which.test(f) && (best == null || f.time().compareTo(best.time()) >= 0)) {
                best = f;
            }
        }
        return best;
    }

    private static FactTime newestTime(StagingFact t, StagingFact n, StagingFact m, List<Metastasis> metastases) {
        FactTime newest = FactTime.UNKNOWN;
        for (StagingFact f : new StagingFact[] {t, n, m}) {
            if (f != null && f.time().isAfter(newest)) {
                newest = f.time();
            }
        }
        for (Metastasis x : metastases) {
            if (x.onset().isAfter(newest)) {
                newest = x.onset();
            }
        }
        return newest;
    }

    private static String cite(StagingFact f) {
        return f.source().cite();
    }

    private static String references(List<Metastasis> metastases) {
        return String.join(
                ", ", metastases.stream().map(x -> x.source().reference()).toList());
    }

    private static String cm(DistanceFact d) {
        return number(d.centimetres()) + " cm";
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
