package dev.ampulla.extraction;

import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.Resectability;
import dev.ampulla.knowledge.StagingBasis;
import dev.ampulla.knowledge.StagingCategory;
import dev.ampulla.knowledge.StagingCodes;
import dev.ampulla.knowledge.StagingCodes.Axis;
import dev.ampulla.knowledge.pack.DataProblemCode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Extracts one {@link RectalCancerCase} per valid in-scope primary ({@link DiagnosisClassifier}), and the diagnoses
 * that look like rectal cancer but could not be used. Validity filters (docs/clinical-logic.md): Observations count
 * when final, amended or corrected; Procedures when completed (treatments also when in progress); medication records
 * of a systemic therapy drug when given, being given or stopped. Where the patient is in treatment is read from
 * these and from surveillance, response and recurrence records. An Observation is
 * attributed to a primary by its {@code focus}; by the stage-group panel that lists it in {@code hasMember}; by the
 * primary's {@code Condition.stage.assessment} or DKTK distant-metastasis extension; without any of these, only
 * when the patient has exactly one in-scope primary and no other primary cancer. Facts dated after tomorrow and
 * patient-reported staging are not used, and the cards say so.
 */
public final class CaseExtractor {

    private CaseExtractor() {}

    /** The cases and unrecognised diagnoses of a record, judging "in the future" against today's date (UTC). */
    public static PatientFindings findings(PatientRecord record) {
        return findings(record, LocalDate.now(ZoneOffset.UTC));
    }

    public static PatientFindings findings(PatientRecord record, LocalDate today) {
        return new Extraction(record, today).run();
    }

    /** The cases alone (for tests and tools that look at one primary at a time). */
    public static List<RectalCancerCase> extract(PatientRecord record) {
        return findings(record).cases();
    }

    /** The state of one extraction run; never shared between requests. */
    private static final class Extraction {
        private final PatientRecord record;
        /** Facts at or after this instant are in the future; tomorrow is allowed for time zones. */
        private final long futureFrom;

        private final Map<String, CaseBuilder> primaries = new LinkedHashMap<>();
        private final Map<String, Condition> primaryConditions = new HashMap<>();
        private final List<Condition> secondaries = new ArrayList<>();
        private final List<Map.Entry<Condition, Diagnosis.LocalRecurrence>> recurrences = new ArrayList<>();
        /** Secondary condition id → the primary it was attributed to. */
        private final Map<String, CaseBuilder> secondaryOwner = new LinkedHashMap<>();
        /** Observation id → the primary a stage-group panel or a Condition.stage.assessment gives it. */
        private final Map<String, CaseBuilder> linkedOwner = new HashMap<>();
        /** Observation id → the Observations its hasMember lists (for the basis of a stage group). */
        private final Map<String, List<String>> members = new HashMap<>();

        private final List<DataProblem> unattributed = new ArrayList<>();
        private final List<UnusableDiagnosis> notRecognised = new ArrayList<>();
        private int otherPrimaryCancers;

        Extraction(PatientRecord record, LocalDate today) {
            this.record = record;
            this.futureFrom =
                    today.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }

        PatientFindings run() {
            for (Condition c : record.conditions()) {
                classifyCondition(c);
            }
            if (primaries.isEmpty()) {
                recurrences.forEach(r -> notRecognised.add(r.getValue().withoutPrimary()));
                return new PatientFindings(List.of(), notRecognised);
            }
            for (Condition s : secondaries) {
                attributeSecondary(s);
            }
            for (Map.Entry<Condition, Diagnosis.LocalRecurrence> r : recurrences) {
                attributeRecurrence(r.getKey(), r.getValue());
            }
            List<Observation> valid = new ArrayList<>();
            for (Observation o : record.observations()) {
                if (isValid(o)) {
                    valid.add(o);
                }
            }
            for (Observation o : valid) {
                if (o.hasHasMember()) {
                    linkPanelMembers(o);
                }
            }
            for (Observation o : valid) {
                readObservation(o);
            }
            for (Map.Entry<String, CaseBuilder> e : primaries.entrySet()) {
                readStageSummary(primaryConditions.get(e.getKey()), e.getValue());
            }
            for (Procedure p : record.procedures()) {
                readProcedure(p);
            }
            for (Resource m : record.medications()) {
                readMedication(m);
            }
            PatientFacts patient = PatientFactsReader.read(record, futureFrom, primaries.keySet());
            List<RectalCancerCase> cases = new ArrayList<>(primaries.size());
            for (CaseBuilder b : primaries.values()) {
                b.problems.addAll(unattributed);
                cases.add(b.build(record.proceduresKnown(), record.medicationsKnown(), members, patient));
            }
            return new PatientFindings(cases, notRecognised);
        }

        // ---- Conditions ------------------------------------------------------------------------------------

        private void classifyCondition(Condition c) {
            Diagnosis diagnosis = DiagnosisClassifier.classify(c);
            if (diagnosis instanceof Diagnosis.RectalPrimary p) {
                addPrimary(c, p);
            } else if (diagnosis instanceof Diagnosis.Secondary) {
                secondaries.add(c);
            } else if (diagnosis instanceof Diagnosis.LocalRecurrence r) {
                recurrences.add(Map.entry(c, r));
            } else if (diagnosis instanceof Diagnosis.OtherPrimary) {
                otherPrimaryCancers++;
            } else if (diagnosis instanceof Diagnosis.NotRecognised n) {
                notRecognised.add(n.why());
            }
        }

        private void addPrimary(Condition c, Diagnosis.RectalPrimary p) {
            // A Condition without an id cannot be referenced: it gets a key no reference can match.
            String key = c.getIdElement().getIdPart() != null
                    ? c.getIdElement().getIdPart()
                    : "\u0000unreferenceable-" + primaries.size();
            CaseBuilder builder = new CaseBuilder(
                    new PrimaryTumour(p.diagnosis().reference(), p.diagnosis(), p.codedSegment(), p.segmentSource()),
                    FactTimes.diagnosed(c));
            primaries.put(key, builder);
            primaryConditions.put(key, c);
            if (isFuture(FactTimes.of(c))) {
                builder.problems.add(DataProblem.conflict(
                        false,
                        DataProblemCode.DIAGNOSIS_DATE_IN_FUTURE,
                        "diagnosis",
                        p.diagnosis().reference(),
                        "date",
                        p.diagnosis().date()));
            }
            if (p.clinicalStatus() != null) {
                builder.markers.add(new PhaseMarker(
                        "remission".equals(p.clinicalStatus())
                                ? PhaseMarker.Kind.REMISSION_STATUS
                                : PhaseMarker.Kind.RECURRENCE_STATUS,
                        FactTimes.updated(c),
                        Source.of(p.diagnosis().reference(), "clinical status " + p.clinicalStatus(), null)));
            }
            if (c.hasStage()) {
                for (Condition.ConditionStageComponent stage : c.getStage()) {
                    for (Reference assessment : stage.getAssessment()) {
                        String id = observationId(assessment);
                        if (id != null) {
                            linkedOwner.putIfAbsent(id, builder);
                        }
                    }
                }
            }
            for (Extension e : c.hasExtension()
                    ? c.getExtensionsByUrl(CodeSystems.DKTK_DISTANT_METASTASES)
                    : List.<Extension>of()) {
                if (e.getValue() instanceof Reference r && observationId(r) != null) {
                    linkedOwner.putIfAbsent(observationId(r), builder);
                }
            }
        }

        private void attributeSecondary(Condition s) {
            String reference = "Condition/" + s.getIdElement().getIdPart();
            CaseBuilder owner = null;
            boolean named = false;
            for (Extension e : s.getExtensionsByUrl(CodeSystems.CONDITION_RELATED)) {
                if (e.getValue() instanceof Reference r && conditionId(r) != null) {
                    named = true;
                    CaseBuilder b = primaries.get(conditionId(r));
                    if (b != null) {
                        owner = b;
                    }
                }
            }
            if (owner == null && !named) {
                owner = soleRectalPrimary();
                if (owner == null) {
                    unattributed.add(DataProblem.attribution(
                            DataProblemCode.METASTASIS_WITHOUT_PRIMARY, "metastasis", reference));
                    return;
                }
            }
            if (owner == null) {
                return; // it belongs to another primary cancer
            }
            FactTime onset = FactTimes.of(s);
            if (isFuture(onset)) {
                owner.problems.add(future(reference, FactTimes.display(s)));
                return;
            }
            Coding coding = s.getCode().getCodingFirstRep();
            owner.metastases.add(new Metastasis(
                    MetastasisSites.ofCondition(s),
                    onset,
                    Source.of(reference, Codings.describe(coding), FactTimes.display(s))));
            secondaryOwner.put(s.getIdElement().getIdPart(), owner);
        }

        /**
         * A local recurrence belongs to the primary its condition-related extension names, else to the only rectal
         * primary; one that cannot be attributed is named on the card of diagnoses not used.
         */
        private void attributeRecurrence(Condition c, Diagnosis.LocalRecurrence r) {
            CaseBuilder owner = null;
            for (Extension e : c.getExtensionsByUrl(CodeSystems.CONDITION_RELATED)) {
                if (e.getValue() instanceof Reference ref
                        && conditionId(ref) != null
                        && primaries.containsKey(conditionId(ref))) {
                    owner = primaries.get(conditionId(ref));
                }
            }
            if (owner == null) {
                owner = soleRectalPrimary();
            }
            if (owner == null) {
                notRecognised.add(r.withoutPrimary());
                return;
            }
            FactTime onset = FactTimes.of(c);
            if (isFuture(onset)) {
                owner.problems.add(future(r.source().reference(), FactTimes.display(c)));
                return;
            }
            owner.markers.add(new PhaseMarker(
                    PhaseMarker.Kind.LOCAL_RECURRENCE,
                    onset,
                    Source.of(r.source().reference(), r.source().coding(), FactTimes.display(c))));
        }

        /** The only in-scope primary, when there is no other primary cancer to confuse attribution. */
        private CaseBuilder soleRectalPrimary() {
            return primaries.size() == 1 && otherPrimaryCancers == 0
                    ? primaries.values().iterator().next()
                    : null;
        }

        /**
         * A stage given only as {@code Condition.stage.summary}: read when none of the stage's assessments is among
         * the Observations read (mCODE: the stage-group Observation, when present, is authoritative).
         */
        private void readStageSummary(Condition c, CaseBuilder owner) {
            if (!c.hasStage()) {
                return;
            }
            String reference = "Condition/" + c.getIdElement().getIdPart();
            for (Condition.ConditionStageComponent stage : c.getStage()) {
                if (!stage.hasSummary() || assessedByObservationRead(stage, owner)) {
                    continue;
                }
                StagingBasis basis = null;
                for (Coding type : stage.getType().getCoding()) {
                    StagingCodes.ObservationKind kind = StagingCodes.observationKind(type.getSystem(), type.getCode());
                    if (kind != null && kind.axis() == Axis.GROUP) {
                        basis = kind.basis();
                    }
                }
                for (Coding coding : stage.getSummary().getCoding()) {
                    StagingCodes.Value value = StagingCodes.value(coding.getSystem(), coding.getCode());
                    StagingCategory group = value == null ? null : StagingCategory.of(Axis.GROUP, value.category());
                    if (value != null && value.axis() == Axis.GROUP && group != null) {
                        FactTime time = FactTimes.of(c);
                        if (isFuture(time)) {
                            owner.problems.add(future(reference + " stage.summary", FactTimes.display(c)));
                            break;
                        }
                        owner.staging.add(new StagingFact(
                                Axis.GROUP,
                                basis,
                                group,
                                time,
                                Source.of(
                                        reference, "stage.summary " + Codings.describe(coding), FactTimes.display(c))));
                        break;
                    }
                }
            }
        }

        private boolean assessedByObservationRead(Condition.ConditionStageComponent stage, CaseBuilder owner) {
            for (Reference assessment : stage.getAssessment()) {
                String id = observationId(assessment);
                if (id != null && owner.observationsRead.contains(id)) {
                    return true;
                }
            }
            return false;
        }

        // ---- Observations ----------------------------------------------------------------------------------

        /** A stage-group panel attributed to a primary gives its hasMember Observations the same primary. */
        private void linkPanelMembers(Observation panel) {
            if (!panel.hasHasMember()) {
                return;
            }
            List<String> ids = new ArrayList<>(panel.getHasMember().size());
            for (Reference member : panel.getHasMember()) {
                String id = observationId(member);
                if (id != null) {
                    ids.add(id);
                }
            }
            String panelId = panel.getIdElement().getIdPart();
            if (panelId != null) {
                members.put("Observation/" + panelId, ids);
            }
            Attribution attribution = attribute(panel);
            if (attribution.owner != null) {
                for (String id : ids) {
                    linkedOwner.putIfAbsent(id, attribution.owner);
                }
            }
        }

        private void readObservation(Observation o) {
            if (Codings.firstIn(o.getCode(), CodeSets.OBSERVATIONS_USED) == null) {
                return; // a biomarker, performance or pregnancy result: the patient's, read by PatientFactsReader
            }
            boolean staging = StagingReader.isStaging(o);
            boolean distance = !staging && Codings.firstIn(o.getCode(), CodeSets.DISTANCE_FROM_ANAL_VERGE) != null;
            boolean resectability =
                    !staging && !distance && Codings.firstIn(o.getCode(), CodeSets.RESECTABILITY_ASSESSMENT) != null;
            PhaseObservation phase = staging || distance || resectability ? null : PhaseObservation.of(o);
            if (!staging && !distance && !resectability && phase == null) {
                return;
            }
            String reference = "Observation/" + o.getIdElement().getIdPart();
            Attribution attribution = attribute(o);
            if (attribution.owner == null) {
                if (attribution.unattributable) {
                    unattributed.add(DataProblem.attribution(
                            DataProblemCode.OBSERVATION_WITHOUT_FOCUS, "observation", reference));
                }
                return;
            }
            CaseBuilder owner = attribution.owner;
            String reportedBy = patientReported(o);
            if (reportedBy != null) {
                owner.problems.add(DataProblem.conflict(
                        false, DataProblemCode.PATIENT_REPORTED, "observation", reference, "reporter", reportedBy));
                return;
            }
            FactTime time = FactTimes.of(o);
            if (isFuture(time)) {
                owner.problems.add(future(reference, FactTimes.display(o)));
                return;
            }
            owner.observationsRead.add(o.getIdElement().getIdPart());
            boolean noFocus = attribution.withoutFocus;
            if (staging) {
                StagingReader.Read read = StagingReader.read(o, reference, time, noFocus);
                owner.staging.addAll(read.staging());
                owner.metastases.addAll(read.metastases());
                owner.problems.addAll(read.problems());
            } else if (distance) {
                readDistance(o, reference, owner, noFocus);
            } else if (resectability) {
                readResectability(o, reference, owner, noFocus);
            } else {
                readPhaseObservation(o, phase, reference, time, owner, noFocus);
            }
        }

        private record Attribution(CaseBuilder owner, boolean withoutFocus, boolean unattributable) {}

        private Attribution attribute(Observation o) {
            // A focus on something other than a Condition (an mCODE Tumor BodyStructure) names no primary either.
            boolean namesCondition = false;
            for (Reference focus : o.hasFocus() ? o.getFocus() : List.<Reference>of()) {
                namesCondition |= conditionId(focus) != null;
            }
            if (!namesCondition) {
                CaseBuilder linked = linkedOwner.get(o.getIdElement().getIdPart());
                if (linked != null) {
                    return new Attribution(linked, false, false);
                }
                CaseBuilder sole = soleRectalPrimary();
                return sole != null ? new Attribution(sole, true, false) : new Attribution(null, false, true);
            }
            for (Reference focus : o.getFocus()) {
                String id = conditionId(focus);
                if (id == null) {
                    continue;
                }
                CaseBuilder b = primaries.get(id);
                if (b == null) {
                    b = secondaryOwner.get(id);
                }
                if (b != null) {
                    return new Attribution(b, false, false);
                }
            }
            return new Attribution(null, false, false); // about another condition
        }

        /**
         * Why the Observation counts as reported by the patient, or null: a performer that is the Patient or a
         * RelatedPerson, or a patient-entered tag (US Core {@code patient-supplied}). Category {@code survey} alone is
         * not enough: US Core and mCODE use it for clinician-scored assessments (ECOG performance status), and
         * staging Observations are found with it.
         */
        private static String patientReported(Observation o) {
            for (Reference performer : o.hasPerformer() ? o.getPerformer() : List.<Reference>of()) {
                String type = performer.hasReference()
                        ? performer.getReferenceElement().getResourceType()
                        : performer.getType();
                if ("Patient".equals(type) || "RelatedPerson".equals(type)) {
                    return "performer " + (performer.hasReference() ? performer.getReference() : "a " + type);
                }
            }
            if (o.hasMeta() && o.getMeta().hasTag()) {
                for (Coding tag : o.getMeta().getTag()) {
                    if ("patient-supplied".equals(tag.getCode()) || "patient-entered".equals(tag.getCode())) {
                        return "tag " + tag.getCode();
                    }
                }
            }
            return null;
        }

        /** The kinds of Observation that tell where the patient is in treatment, or how high the risk is. */
        private enum PhaseObservation {
            DISEASE_STATUS,
            MESORECTAL_FASCIA_INVOLVED,
            MESORECTAL_FASCIA_DISTANCE,
            EXTRAMURAL_VENOUS_INVASION,
            LATERAL_LYMPH_NODES_ENLARGED;

            static PhaseObservation of(Observation o) {
                CodeableConcept code = o.getCode();
                if (Codings.firstIn(code, CodeSets.CANCER_DISEASE_STATUS) != null) {
                    return DISEASE_STATUS;
                }
                if (Codings.firstIn(code, CodeSets.MESORECTAL_FASCIA_INVOLVED) != null) {
                    return MESORECTAL_FASCIA_INVOLVED;
                }
                if (Codings.firstIn(code, CodeSets.MESORECTAL_FASCIA_DISTANCE) != null) {
                    return MESORECTAL_FASCIA_DISTANCE;
                }
                if (Codings.firstIn(code, CodeSets.EXTRAMURAL_VENOUS_INVASION) != null) {
                    return EXTRAMURAL_VENOUS_INVASION;
                }
                if (Codings.firstIn(code, CodeSets.LATERAL_LYMPH_NODES_ENLARGED) != null) {
                    return LATERAL_LYMPH_NODES_ENLARGED;
                }
                return null;
            }
        }

        /** ESGAR 2016: the fascia is involved when tumour lies within 1 mm of it. */
        private static final double FASCIA_INVOLVED_MAX_MM = 1.0;

        private void readPhaseObservation(
                Observation o,
                PhaseObservation kind,
                String reference,
                FactTime time,
                CaseBuilder owner,
                boolean noFocus) {
            switch (kind) {
                case DISEASE_STATUS -> {
                    if (o.getValue() instanceof CodeableConcept value && value.hasCoding()) {
                        Coding full = Codings.firstIn(value, CodeSets.COMPLETE_RESPONSE_STATUS);
                        Coding worse = full != null ? null : Codings.firstIn(value, CodeSets.PROGRESSION_STATUS);
                        PhaseMarker.Kind status = full != null
                                ? PhaseMarker.Kind.COMPLETE_RESPONSE
                                : worse != null ? PhaseMarker.Kind.PROGRESSION : PhaseMarker.Kind.OTHER_RESPONSE;
                        Coding shown = full != null ? full : worse != null ? worse : value.getCodingFirstRep();
                        owner.markers.add(new PhaseMarker(
                                status,
                                time,
                                new Source(reference, Codings.describe(shown), FactTimes.display(o), noFocus)));
                    }
                }
                case MESORECTAL_FASCIA_DISTANCE -> {
                    Double cm = o.getValue() instanceof Quantity q ? centimetres(q) : null;
                    if (cm != null) {
                        boolean involved = cm * 10 <= FASCIA_INVOLVED_MAX_MM;
                        owner.riskFeatures.add(new RiskFeature(
                                RiskFeature.Kind.MESORECTAL_FASCIA_INVOLVED,
                                involved,
                                time,
                                new Source(
                                        reference,
                                        Codings.describe(Codings.firstIn(
                                                        o.getCode(), CodeSets.MESORECTAL_FASCIA_DISTANCE))
                                                + " " + millimetres(cm * 10),
                                        FactTimes.display(o),
                                        noFocus)));
                    }
                }
                default -> {
                    Boolean present = presence(o);
                    if (present != null) {
                        RiskFeature.Kind feature = switch (kind) {
                            case MESORECTAL_FASCIA_INVOLVED -> RiskFeature.Kind.MESORECTAL_FASCIA_INVOLVED;
                            case LATERAL_LYMPH_NODES_ENLARGED -> RiskFeature.Kind.LATERAL_LYMPH_NODES_ENLARGED;
                            default -> RiskFeature.Kind.EXTRAMURAL_VENOUS_INVASION;
                        };
                        owner.riskFeatures.add(new RiskFeature(
                                feature,
                                present,
                                time,
                                new Source(
                                        reference,
                                        Codings.describe(o.getCode().getCodingFirstRep())
                                                + (present ? ": present" : ": absent"),
                                        FactTimes.display(o),
                                        noFocus)));
                    }
                }
            }
        }

        private static String millimetres(double mm) {
            return (mm == Math.rint(mm) ? Long.toString((long) mm) : String.format(java.util.Locale.ROOT, "%.1f", mm))
                    + " mm";
        }

        /** valueBoolean, or SNOMED CT Present / Absent; null when the value says neither. */
        private static Boolean presence(Observation o) {
            if (o.getValue() instanceof org.hl7.fhir.r4.model.BooleanType b && b.hasValue()) {
                return b.booleanValue();
            }
            if (o.getValue() instanceof CodeableConcept value) {
                if (Codings.firstIn(value, CodeSets.FINDING_PRESENT) != null) {
                    return true;
                }
                if (Codings.firstIn(value, CodeSets.FINDING_ABSENT) != null) {
                    return false;
                }
            }
            return null;
        }

        private void readDistance(Observation o, String reference, CaseBuilder owner, boolean noFocus) {
            Double cm = o.getValue() instanceof Quantity q ? centimetres(q) : null;
            if (cm == null || cm < 0) {
                owner.problems.add(
                        DataProblem.conflict(false, DataProblemCode.DISTANCE_WITHOUT_UNIT, "observation", reference));
                return;
            }
            Coding coding = Codings.firstIn(o.getCode(), CodeSets.DISTANCE_FROM_ANAL_VERGE);
            owner.distances.add(new DistanceFact(
                    cm,
                    FactTimes.of(o),
                    new Source(reference, Codings.describe(coding), FactTimes.display(o), noFocus)));
        }

        private static Double centimetres(Quantity q) {
            if (!q.hasValue()) {
                return null;
            }
            String unit = q.hasCode() ? q.getCode() : q.getUnit();
            double v = q.getValue().doubleValue();
            if ("cm".equals(unit)) {
                return v;
            }
            if ("mm".equals(unit)) {
                return v / 10;
            }
            return null;
        }

        private void readResectability(Observation o, String reference, CaseBuilder owner, boolean noFocus) {
            Resectability value = null;
            Coding valueCoding = null;
            if (o.getValue() instanceof CodeableConcept concept) {
                for (Coding c : concept.getCoding()) {
                    if (CodeSystems.AMPULLA_RESECTABILITY.equals(c.getSystem())) {
                        value = Resectability.fromCode(c.getCode());
                        valueCoding = c;
                        break;
                    }
                }
            }
            if (value == null) {
                owner.problems.add(DataProblem.conflict(
                        false, DataProblemCode.RESECTABILITY_WITHOUT_VALUE, "observation", reference));
                return;
            }
            boolean coversPrimary = !o.hasFocus();
            for (Reference focus : o.getFocus()) {
                String id = conditionId(focus);
                coversPrimary |= id != null && primaries.containsKey(id);
            }
            owner.resectability.add(new ResectabilityFact(
                    value,
                    coversPrimary,
                    FactTimes.of(o),
                    new Source(reference, Codings.describe(valueCoding), FactTimes.display(o), noFocus)));
        }

        // ---- Procedures ------------------------------------------------------------------------------------

        private void readProcedure(Procedure p) {
            TreatmentKind kind = treatmentKind(p.getCode());
            if (kind == null) {
                Coding watch = Codings.firstIn(p.getCode(), CodeSets.WATCH_AND_WAIT);
                if (watch != null) {
                    readWatchAndWait(p, watch);
                }
                return;
            }
            Procedure.ProcedureStatus status = p.getStatus();
            boolean done = status == Procedure.ProcedureStatus.COMPLETED;
            boolean ongoing = status == Procedure.ProcedureStatus.INPROGRESS;
            boolean surgery = kind == TreatmentKind.RECTAL_RESECTION || kind == TreatmentKind.LOCAL_EXCISION;
            ongoing &= !surgery;
            if (!(done || (ongoing && !surgery))) {
                return;
            }
            Coding coding = p.getCode().getCodingFirstRep();
            for (Coding c : p.getCode().getCoding()) {
                if (treatmentKind(c) != null) {
                    coding = c;
                    break;
                }
            }
            String reference = "Procedure/" + p.getIdElement().getIdPart();
            FactTime time = FactTimes.of(p);
            TreatmentFact fact = new TreatmentFact(
                    kind,
                    time,
                    Source.of(reference, Codings.describe(coding), FactTimes.display(p)),
                    ongoing,
                    FactTimes.end(p.getPerformed()));
            for (CaseBuilder b : owners(p.getReasonReference())) {
                if (!surgeryOrNamed(kind, p.getReasonReference()) && b.predates(time)) {
                    b.problems.add(b.treatmentBeforeDiagnosis(reference, FactTimes.display(p)));
                    continue;
                }
                if (isFuture(time)) {
                    b.problems.add(future(reference, FactTimes.display(p)));
                } else if (!b.treatments.contains(fact)) {
                    b.treatments.add(fact);
                }
            }
        }

        /**
         * The primaries a treatment record belongs to: a record for a named condition belongs to that condition's
         * primary (chemotherapy for another cancer is not rectal-cancer treatment; a metastasectomy naming the liver
         * metastasis is the rectal cancer's); one that names none is taken to treat the rectal primary.
         */
        private List<CaseBuilder> owners(List<Reference> reasons) {
            List<CaseBuilder> owners = new ArrayList<>(1);
            boolean namesCondition = false;
            for (Reference reason : reasons) {
                String id = conditionId(reason);
                namesCondition |= id != null;
                CaseBuilder found = id == null ? null : primaries.get(id);
                CaseBuilder b = found == null && id != null ? secondaryOwner.get(id) : found;
                if (b != null && owners.stream().noneMatch(o -> o == b)) {
                    owners.add(b);
                }
            }
            return namesCondition ? owners : new ArrayList<>(primaries.values());
        }

        private static boolean namesCondition(List<Reference> reasons) {
            for (Reference reason : reasons) {
                if (conditionId(reason) != null) {
                    return true;
                }
            }
            return false;
        }

        /** Surgery of the rectum is this cancer's whenever it was; other treatment when it names a condition. */
        private static boolean surgeryOrNamed(TreatmentKind kind, List<Reference> reasons) {
            return kind == TreatmentKind.RECTAL_RESECTION
                    || kind == TreatmentKind.LOCAL_EXCISION
                    || namesCondition(reasons);
        }

        /** Active surveillance of the primary: in progress, or completed (ended by regrowth or by a decision). */
        private void readWatchAndWait(Procedure p, Coding watch) {
            Procedure.ProcedureStatus status = p.getStatus();
            if (status != Procedure.ProcedureStatus.INPROGRESS && status != Procedure.ProcedureStatus.COMPLETED) {
                return;
            }
            String reference = "Procedure/" + p.getIdElement().getIdPart();
            FactTime time = FactTimes.of(p);
            for (CaseBuilder b : owners(p.getReasonReference())) {
                if (isFuture(time)) {
                    b.problems.add(future(reference, FactTimes.display(p)));
                } else {
                    b.markers.add(new PhaseMarker(
                            status == Procedure.ProcedureStatus.COMPLETED
                                    ? PhaseMarker.Kind.WATCH_AND_WAIT_ENDED
                                    : PhaseMarker.Kind.WATCH_AND_WAIT,
                            time,
                            Source.of(reference, Codings.describe(watch), FactTimes.display(p))));
                }
            }
        }

        // ---- Medication records (systemic therapy given or being given) -------------------------------------

        /** A drug of rectal-cancer systemic therapy given or being given ({@link MedicationRecord}) is chemotherapy. */
        private void readMedication(Resource r) {
            MedicationRecord m = MedicationRecord.given(r);
            if (m == null) {
                return;
            }
            CodeableConcept drug = m.medication() instanceof CodeableConcept concept
                    ? concept
                    : m.medication() instanceof Reference ref ? drugOf(ref, m.contained()) : null;
            String recognised = drug == null || MedicationDrugs.saysNotSystemic(drug, m.dosages())
                    ? null
                    : MedicationDrugs.recognise(drug);
            if (recognised == null) {
                return; // not a drug of the pathway's systemic therapy, or a cream, an eye drop, HIPEC
            }
            String reference = r.fhirType() + "/" + r.getIdElement().getIdPart();
            FactTime time = FactTimes.of(m.when(), (DomainResource) r);
            TreatmentFact fact = new TreatmentFact(
                    TreatmentKind.CHEMOTHERAPY,
                    time,
                    Source.of(reference, recognised + ", " + m.status(), FactTimes.display(m.when())),
                    m.ongoing(),
                    FactTimes.end(m.when()),
                    MedicationDrugs.ingredients(drug));
            for (CaseBuilder b : owners(m.reasons())) {
                if (!namesCondition(m.reasons()) && b.predates(time)) {
                    b.problems.add(b.treatmentBeforeDiagnosis(reference, FactTimes.display(m.when())));
                    continue;
                }
                if (isFuture(time)) {
                    b.problems.add(future(reference, FactTimes.display(m.when())));
                } else {
                    b.treatments.add(fact);
                }
            }
        }

        /** A referenced Medication's codes: contained in the record, or sent beside it; null when not had. */
        private CodeableConcept drugOf(Reference ref, List<Resource> contained) {
            Medication m = MedicationDrugs.resolve(ref, contained, record::medication);
            return m == null ? null : MedicationDrugs.drugOf(m);
        }

        private static TreatmentKind treatmentKind(CodeableConcept code) {
            for (Coding c : code.getCoding()) {
                TreatmentKind kind = treatmentKind(c);
                if (kind != null) {
                    return kind;
                }
            }
            return null;
        }

        private static TreatmentKind treatmentKind(Coding c) {
            String system = c.getSystem();
            String code = c.getCode();
            if (CodeSets.RECTAL_RESECTION.contains(system, code)) {
                return TreatmentKind.RECTAL_RESECTION;
            }
            if (CodeSets.RECTAL_LOCAL_EXCISION.contains(system, code)) {
                return TreatmentKind.LOCAL_EXCISION;
            }
            if (CodeSets.CHEMORADIATION.contains(system, code)) {
                return TreatmentKind.CHEMORADIATION;
            }
            if (CodeSets.RADIOTHERAPY.contains(system, code)) {
                return TreatmentKind.RADIOTHERAPY;
            }
            if (CodeSets.CHEMOTHERAPY.contains(system, code)) {
                return TreatmentKind.CHEMOTHERAPY;
            }
            return null;
        }

        // ---- Validity, time and references -----------------------------------------------------------------

        private boolean isFuture(FactTime time) {
            long when = time.effective() != FactTime.ABSENT ? time.effective() : time.issued();
            return when != FactTime.ABSENT && when >= futureFrom;
        }

        private static DataProblem future(String reference, String date) {
            return DataProblem.conflict(
                    false, DataProblemCode.OBSERVATION_DATE_IN_FUTURE, "observation", reference, "date", date);
        }

        private static boolean isValid(Observation o) {
            Observation.ObservationStatus s = o.getStatus();
            return s == Observation.ObservationStatus.FINAL
                    || s == Observation.ObservationStatus.AMENDED
                    || s == Observation.ObservationStatus.CORRECTED;
        }

        /** The id of a referenced Condition ({@code Condition/x}, or an absolute URL ending so), else null. */
        private static String conditionId(Reference r) {
            return idOf(r, "Condition");
        }

        private static String observationId(Reference r) {
            return idOf(r, "Observation");
        }

        private static String idOf(Reference r, String type) {
            if (r == null || !r.hasReference()) {
                return null;
            }
            String reference = r.getReference();
            // the usual relative form "Type/id", read without building an IdType
            int slash = reference.indexOf('/');
            if (slash > 0 && reference.indexOf('/', slash + 1) < 0 && reference.indexOf(':') < 0) {
                return slash == type.length() && reference.startsWith(type) && slash + 1 < reference.length()
                        ? reference.substring(slash + 1)
                        : null;
            }
            var id = r.getReferenceElement();
            String referenced = id.getResourceType();
            return referenced == null || type.equals(referenced) ? id.getIdPart() : null;
        }
    }

    private static final class CaseBuilder {
        final PrimaryTumour primary;
        final List<StagingFact> staging = new ArrayList<>();
        final List<DistanceFact> distances = new ArrayList<>();
        final List<Metastasis> metastases = new ArrayList<>();
        final List<ResectabilityFact> resectability = new ArrayList<>();
        final List<TreatmentFact> treatments = new ArrayList<>();
        final List<PhaseMarker> markers = new ArrayList<>();
        final List<RiskFeature> riskFeatures = new ArrayList<>();
        final List<DataProblem> problems = new ArrayList<>();
        final java.util.Set<String> observationsRead = new java.util.HashSet<>();
        /** When the cancer was diagnosed: its onset or asserted date (not when it was entered in the record). */
        final FactTime diagnosed;

        CaseBuilder(PrimaryTumour primary, FactTime diagnosed) {
            this.primary = primary;
            this.diagnosed = diagnosed;
        }

        /**
         * Whether a treatment that names no condition started well before this cancer was diagnosed (more than
         * {@link #BEFORE_DIAGNOSIS_DAYS} days): it treated something else, such as an earlier cancer.
         */
        boolean predates(FactTime treatment) {
            return treatment.effective() != FactTime.ABSENT
                    && diagnosed.effective() != FactTime.ABSENT
                    && treatment.effective() < diagnosed.effective() - BEFORE_DIAGNOSIS_DAYS * 24L * 60 * 60 * 1000;
        }

        DataProblem treatmentBeforeDiagnosis(String treatment, String date) {
            return DataProblem.conflict(
                    false,
                    DataProblemCode.TREATMENT_BEFORE_DIAGNOSIS,
                    "treatment",
                    treatment,
                    "date",
                    date,
                    "diagnosis",
                    primary.diagnosis().reference(),
                    "diagnosis-date",
                    primary.diagnosis().date());
        }

        /** Treatment may start shortly before the diagnosis is recorded (the biopsy result, the onset written later). */
        static final int BEFORE_DIAGNOSIS_DAYS = 30;

        /**
         * The facts in a canonical order — by time, then by resource — so that neither the cards nor the choice
         * between two equally new facts depend on the order in which a client or server listed the resources. A
         * stage group whose basis neither its code nor its value says takes it from the T and N of its panel.
         */
        RectalCancerCase build(
                boolean proceduresKnown,
                boolean medicationsKnown,
                Map<String, List<String>> members,
                PatientFacts patient) {
            for (int i = 0; i < staging.size(); i++) {
                StagingFact f = staging.get(i);
                if (f.basis() == null) {
                    staging.set(
                            i,
                            new StagingFact(
                                    f.axis(),
                                    basisFromPanel(f.source().reference(), members),
                                    f.category(),
                                    f.time(),
                                    f.source()));
                }
            }
            staging.sort(Comparator.comparing(StagingFact::time)
                    .thenComparing(f -> f.source().reference()));
            distances.sort(Comparator.comparing(DistanceFact::time)
                    .thenComparing(f -> f.source().reference()));
            metastases.sort(Comparator.comparing(Metastasis::onset)
                    .thenComparing(f -> f.source().reference()));
            resectability.sort(Comparator.comparing(ResectabilityFact::time)
                    .thenComparing(f -> f.source().reference()));
            treatments.sort(Comparator.comparing(TreatmentFact::time)
                    .thenComparing(f -> f.source().reference()));
            markers.sort(Comparator.comparing(PhaseMarker::time)
                    .thenComparing(f -> f.source().reference()));
            riskFeatures.sort(Comparator.comparing(RiskFeature::time)
                    .thenComparing(f -> f.source().reference()));
            problems.sort(DataProblem.ORDER);
            return new RectalCancerCase(
                    primary,
                    staging,
                    distances,
                    metastases,
                    resectability,
                    treatments,
                    markers,
                    riskFeatures,
                    proceduresKnown,
                    medicationsKnown,
                    problems,
                    patient);
        }

        /** Specimen-based when a T or N of the panel (its members, or its own components) is; else clinical. */
        private StagingBasis basisFromPanel(String panel, Map<String, List<String>> members) {
            List<String> ids = members.getOrDefault(panel, List.of());
            StagingBasis basis = StagingBasis.CLINICAL;
            for (StagingFact f : staging) {
                String from = f.source().reference();
                boolean ofPanel = from.equals(panel) || ids.contains(from.substring(from.indexOf('/') + 1));
                if (ofPanel
                        && (f.axis() == Axis.T || f.axis() == Axis.N)
                        && f.basis() != null
                        && f.basis() != StagingBasis.CLINICAL) {
                    if (f.basis().isFromSpecimen() || basis == StagingBasis.CLINICAL) {
                        basis = f.basis();
                    }
                }
            }
            return basis;
        }
    }
}
