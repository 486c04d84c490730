package dev.ampulla.assessment;

import dev.ampulla.extraction.FactTime;
import dev.ampulla.extraction.Metastasis;
import dev.ampulla.extraction.PhaseMarker;
import dev.ampulla.extraction.RectalCancerCase;
import dev.ampulla.extraction.Source;
import dev.ampulla.extraction.StagingFact;
import dev.ampulla.extraction.TreatmentFact;
import dev.ampulla.extraction.TreatmentKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out where the patient is in treatment from the record: resection, radiotherapy and systemic therapy with
 * their dates, watch-and-wait and response records, recurrences, and metastases first recorded after the resection.
 * The first that holds wins: a local recurrence; metastases after the resection; a recorded recurrence; resected
 * (with or without treatment after it); watch-and-wait; treatment before surgery; untreated.
 */
final class PhaseAssessor {
    static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    private PhaseAssessor() {}

    /**
     * @param resection when the primary was resected, or null when it was not (or not known when)
     * @param resectionSource the record that shows the resection, or null
     * @param laterMetastases metastases (and M1 staging, as metastases' sources) first recorded after the resection
     */
    static PhaseFinding of(
            RectalCancerCase c,
            boolean resected,
            FactTime resection,
            Source resectionSource,
            List<Metastasis> laterMetastases,
            List<StagingFact> laterM,
            boolean stageIv) {
        List<TreatmentFact> before = new ArrayList<>();
        List<TreatmentFact> after = new ArrayList<>();
        List<TreatmentFact> timingUnknown = new ArrayList<>();
        List<TreatmentFact> radiotherapy = new ArrayList<>();
        for (TreatmentFact t : c.treatments()) {
            if (!t.isNonSurgical()) {
                continue;
            }
            if (resected && (resection == null || t.time().effective() == FactTime.ABSENT)) {
                timingUnknown.add(t); // before or after the operation: the record does not say
            } else if (resected && afterDay(t.time(), resection)) {
                after.add(t);
            } else {
                before.add(t);
            }
            if (t.kind() == TreatmentKind.RADIOTHERAPY || t.kind() == TreatmentKind.CHEMORADIATION) {
                radiotherapy.add(t);
            }
        }
        boolean localRecurrence = has(c, PhaseMarker.Kind.LOCAL_RECURRENCE);
        boolean recurredStatus = has(c, PhaseMarker.Kind.RECURRENCE_STATUS);
        boolean surveillance = inSurveillance(c, stageIv);
        boolean metachronous = !laterMetastases.isEmpty() || !laterM.isEmpty();

        TreatmentPhase phase;
        if (localRecurrence) {
            phase = TreatmentPhase.RECURRENCE;
        } else if (metachronous) {
            phase = TreatmentPhase.METACHRONOUS_METASTASES;
        } else if (recurredStatus) {
            phase = TreatmentPhase.RECURRENCE;
        } else if (resected) {
            phase = after.isEmpty() ? TreatmentPhase.RESECTED : TreatmentPhase.POSTOPERATIVE_TREATMENT;
        } else if (surveillance) {
            phase = TreatmentPhase.WATCH_AND_WAIT;
        } else if (!before.isEmpty()) {
            phase = TreatmentPhase.PREOPERATIVE_TREATMENT;
        } else {
            phase = TreatmentPhase.UNTREATED;
        }

        List<PhaseFact> facts = new ArrayList<>();
        String when = resected ? " before the resection" : "";
        for (TreatmentFact t : c.treatments()) {
            if (t.kind() == TreatmentKind.LOCAL_EXCISION) {
                facts.add(new PhaseFact(t.kind().label(), 1, t.source(), t.source(), false));
            }
        }
        group(facts, before, when);
        if (resectionSource != null) {
            facts.add(new PhaseFact("rectal resection", 1, resectionSource, resectionSource, false));
        }
        group(facts, after, " after the resection");
        group(facts, timingUnknown, " (not dated against the resection)");
        for (PhaseMarker m : c.markers()) {
            facts.add(new PhaseFact(m.kind().label(), 1, m.source(), m.source(), false));
        }
        for (Metastasis x : laterMetastases) {
            facts.add(new PhaseFact(
                    "metastasis (" + x.site().label() + ") first recorded after the resection",
                    1,
                    x.source(),
                    x.source(),
                    false));
        }
        for (StagingFact f : laterM) {
            facts.add(new PhaseFact(f.prefixed() + " recorded after the resection", 1, f.source(), f.source(), false));
        }
        List<TreatmentFact> chemotherapyBefore = new ArrayList<>();
        if (resected) {
            for (TreatmentFact t : before) {
                if (t.kind() == TreatmentKind.CHEMOTHERAPY && !alongside(t, radiotherapy)) {
                    chemotherapyBefore.add(t);
                }
            }
        }
        List<String> missing = new ArrayList<>(2);
        if (!c.proceduresKnown()) {
            missing.add("Procedures");
        }
        if (!c.medicationsKnown()) {
            missing.add("medication records");
        }
        return new PhaseFinding(phase, facts, chemotherapyBefore, laterMetastases, laterM, radiotherapy, missing);
    }

    /**
     * Watch-and-wait holds while an active-surveillance Procedure is in progress, or — without distant metastases —
     * once a complete response or the primary's remission is recorded; it ends when the surveillance Procedure is
     * completed (and none is in progress) or a worsening is recorded after the newest of those records (regrowth).
     * Improved, stable or undetermined statuses neither start nor end it.
     */
    private static boolean inSurveillance(RectalCancerCase c, boolean stageIv) {
        PhaseMarker newestWatch = null;
        PhaseMarker newestProgression = null;
        boolean ongoing = false;
        boolean ended = false;
        for (PhaseMarker m : c.markers()) { // sorted by time
            switch (m.kind()) {
                case WATCH_AND_WAIT -> {
                    ongoing = true;
                    newestWatch = m;
                }
                case COMPLETE_RESPONSE, REMISSION_STATUS -> {
                    if (!stageIv) {
                        newestWatch = m;
                    }
                }
                case WATCH_AND_WAIT_ENDED -> ended = true;
                case PROGRESSION -> newestProgression = m;
                default -> {
                    // improved, stable, undetermined: neither starts nor ends watch-and-wait
                }
            }
        }
        if (newestWatch == null || (ended && !ongoing)) {
            return false;
        }
        // a worsening recorded since the newest watch-and-wait record is regrowth
        return newestProgression == null || newestWatch.time().isAfter(newestProgression.time());
    }

    /** Days around a radiotherapy course within which chemotherapy is taken as given with it (chemoradiation). */
    private static final long ALONGSIDE_DAYS = 7;
    /** A radiotherapy course recorded without its end is taken to last this long (a long course). */
    private static final long COURSE_DAYS = 42;

    /** Chemotherapy going on this long after the radiotherapy ended is more than the radiotherapy's companion. */
    private static final long BEYOND_DAYS = 28;

    /**
     * Whether chemotherapy started during a radiotherapy course (or within a week of it) and ended with it: given with
     * the radiotherapy to sensitise the tumour, it is chemoradiation, not chemotherapy before surgery in its own
     * right. A record that goes on for weeks after the radiotherapy holds consolidation chemotherapy as well.
     */
    private static boolean alongside(TreatmentFact chemotherapy, List<TreatmentFact> radiotherapy) {
        long start = chemotherapy.time().effective();
        if (start == FactTime.ABSENT) {
            return false;
        }
        for (TreatmentFact rt : radiotherapy) {
            long from = rt.time().effective();
            if (from == FactTime.ABSENT) {
                continue;
            }
            long to = rt.end() != FactTime.ABSENT ? rt.end() : from + COURSE_DAYS * DAY_MILLIS;
            boolean startedWith =
                    start >= from - ALONGSIDE_DAYS * DAY_MILLIS && start <= to + ALONGSIDE_DAYS * DAY_MILLIS;
            boolean endedWith =
                    chemotherapy.end() == FactTime.ABSENT || chemotherapy.end() <= to + BEYOND_DAYS * DAY_MILLIS;
            if (startedWith && endedWith) {
                return true;
            }
        }
        return false;
    }

    /** The treatments grouped by kind: one fact per kind, naming the first and the newest record. */
    private static void group(List<PhaseFact> facts, List<TreatmentFact> treatments, String when) {
        Map<TreatmentKind, List<TreatmentFact>> byKind = new LinkedHashMap<>();
        for (TreatmentFact t : treatments) {
            byKind.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<TreatmentKind, List<TreatmentFact>> e : byKind.entrySet()) {
            List<TreatmentFact> all = e.getValue();
            TreatmentFact last = all.get(all.size() - 1);
            boolean ongoing = all.stream().anyMatch(TreatmentFact::ongoing);
            facts.add(new PhaseFact(
                    e.getKey().label() + when, all.size(), all.get(0).source(), last.source(), ongoing));
        }
    }

    private static boolean has(RectalCancerCase c, PhaseMarker.Kind kind) {
        for (PhaseMarker m : c.markers()) {
            if (m.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code t} falls on a later day than {@code reference} (both known). */
    static boolean afterDay(FactTime t, FactTime reference) {
        return t.effective() != FactTime.ABSENT
                && reference.effective() != FactTime.ABSENT
                && Math.floorDiv(t.effective(), DAY_MILLIS) > Math.floorDiv(reference.effective(), DAY_MILLIS);
    }
}
