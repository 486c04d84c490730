package dev.ampulla.extraction;

import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.knowledge.CodeSet;
import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.Resectability;
import dev.ampulla.knowledge.StagingBasis;
import dev.ampulla.knowledge.StagingCodes;
import dev.ampulla.knowledge.StagingCodes.Axis;
import dev.ampulla.knowledge.TumourSegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Extracts one {@link RectalCancerCase} per valid in-scope primary (rectal C20 / SNOMED rectal cancer, rectosigmoid
 * C19, or a generic cancer code with ICD-O-3 topography C20.9 / C19.9). Validity filters (clinical-reference §2.10):
 * entered-in-error and refuted Conditions are ignored, as are inactive, remission and resolved ones; Observations
 * count when final, amended or corrected; Procedures when completed (treatments also when in progress).
 * Observations are attributed to a primary by {@code focus}; without a focus, only when the patient has exactly one
 * in-scope primary and no other primary cancer.
 */
public final class CaseExtractor {

    private CaseExtractor() {
    }

    public static List<RectalCancerCase> extract(PatientRecord record) {
        return new Extraction(record).run();
    }

    /** The state of one extraction run; never shared between requests. */
    private static final class Extraction {
        private final PatientRecord record;
        private final Map<String, CaseBuilder> primaries = new LinkedHashMap<>();
        private final List<Condition> secondaries = new ArrayList<>();
        /** Secondary condition id → the primary it was attributed to. */
        private final Map<String, CaseBuilder> secondaryOwner = new LinkedHashMap<>();
        private final List<DataProblem> unattributed = new ArrayList<>();
        private int otherPrimaryCancers;

        Extraction(PatientRecord record) {
            this.record = record;
        }

        List<RectalCancerCase> run() {
            for (Condition c : record.conditions()) {
                classifyCondition(c);
            }
            if (primaries.isEmpty()) {
                return List.of();
            }
            for (Condition s : secondaries) {
                attributeSecondary(s);
            }
            for (Observation o : record.observations()) {
                if (isValid(o)) {
                    readObservation(o);
                }
            }
            for (Procedure p : record.procedures()) {
                readProcedure(p);
            }
            List<RectalCancerCase> cases = new ArrayList<>(primaries.size());
            for (CaseBuilder b : primaries.values()) {
                b.problems.addAll(unattributed);
                cases.add(b.build(record.proceduresKnown()));
            }
            return cases;
        }

        // ---- Conditions ------------------------------------------------------------------------------------

        private void classifyCondition(Condition c) {
            if (!isValid(c)) {
                return;
            }
            CodeableConcept code = c.getCode();
            String reference = "Condition/" + c.getIdElement().getIdPart();
            String onset = FactTimes.display(c);

            Coding rectosigmoid = Codings.firstIn(code, CodeSets.RECTOSIGMOID_CANCER);
            Coding rectal = Codings.firstIn(code, CodeSets.RECTAL_CANCER);
            Coding topographyCancer = Codings.firstIn(code, CodeSets.CANCER_NEEDING_TOPOGRAPHY);
            Coding rectalTopography = Codings.firstIn(c.getBodySite(), CodeSets.ICDO3_RECTUM);
            Coding rectosigmoidTopography = Codings.firstIn(c.getBodySite(), CodeSets.ICDO3_RECTOSIGMOID);

            if (rectosigmoid != null) {
                Source diagnosis = Source.of(reference, Codings.describe(rectosigmoid), onset);
                addPrimary(reference, diagnosis, TumourSegment.RECTOSIGMOID, diagnosis, c);
            } else if (rectal != null) {
                addPrimary(reference, Source.of(reference, Codings.describe(rectal), onset), null, null, c);
            } else if (topographyCancer != null && rectosigmoidTopography != null) {
                Source diagnosis = Source.of(reference,
                        Codings.describe(topographyCancer) + " + " + Codings.describe(rectosigmoidTopography), onset);
                addPrimary(reference, diagnosis, TumourSegment.RECTOSIGMOID, diagnosis, c);
            } else if (topographyCancer != null && rectalTopography != null) {
                Source diagnosis = Source.of(reference,
                        Codings.describe(topographyCancer) + " + " + Codings.describe(rectalTopography), onset);
                addPrimary(reference, diagnosis, null, null, c);
            } else if (isSecondaryCancer(c)) {
                secondaries.add(c);
            } else if (isOtherPrimaryCancer(c)) {
                otherPrimaryCancers++;
            }
        }

        private void addPrimary(String reference, Source diagnosis, TumourSegment codedSegment,
                Source segmentSource, Condition c) {
            TumourSegment segment = codedSegment;
            Source segmentFrom = segmentSource;
            if (segment == null) {
                Coding rectosigmoidSite = Codings.firstIn(c.getBodySite(), CodeSets.RECTOSIGMOID_STRUCTURE);
                if (rectosigmoidSite != null) {
                    segment = TumourSegment.RECTOSIGMOID;
                    segmentFrom = Source.of(reference, "bodySite " + Codings.describe(rectosigmoidSite), null);
                } else {
                    Coding qualifier = locationQualifier(c);
                    if (qualifier != null) {
                        segment = segmentOfQualifier(qualifier);
                        segmentFrom = Source.of(reference, "bodySite qualifier " + Codings.describe(qualifier), null);
                    }
                }
            }
            // A Condition without an id cannot be referenced: it gets a key no reference can match.
            String key = c.getIdElement().getIdPart() != null ? c.getIdElement().getIdPart()
                    : "\u0000unreferenceable-" + primaries.size();
            primaries.put(key, new CaseBuilder(new PrimaryTumour(reference, diagnosis, segment, segmentFrom)));
        }

        /** A lower/middle/upper qualifier on the body site: the mCODE extension, or a coding of the body site. */
        private static Coding locationQualifier(Condition c) {
            for (CodeableConcept site : c.getBodySite()) {
                for (Extension e : site.getExtension()) {
                    if (CodeSystems.MCODE_BODY_LOCATION_QUALIFIER.equals(e.getUrl())
                            && e.getValue() instanceof CodeableConcept q) {
                        Coding found = qualifierIn(q);
                        if (found != null) {
                            return found;
                        }
                    }
                }
                Coding found = qualifierIn(site);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private static Coding qualifierIn(CodeableConcept concept) {
            for (CodeSet set : List.of(CodeSets.QUALIFIER_LOWER, CodeSets.QUALIFIER_MIDDLE, CodeSets.QUALIFIER_UPPER)) {
                Coding c = Codings.firstIn(concept, set);
                if (c != null) {
                    return c;
                }
            }
            return null;
        }

        private static TumourSegment segmentOfQualifier(Coding q) {
            if (CodeSets.QUALIFIER_LOWER.contains(q.getSystem(), q.getCode())) {
                return TumourSegment.LOWER_RECTUM;
            }
            if (CodeSets.QUALIFIER_MIDDLE.contains(q.getSystem(), q.getCode())) {
                return TumourSegment.MIDDLE_RECTUM;
            }
            return TumourSegment.UPPER_RECTUM;
        }

        private static boolean isSecondaryCancer(Condition c) {
            if (hasProfile(c, CodeSystems.MCODE_SECONDARY_CANCER_CONDITION)
                    || Codings.firstIn(c.getCode(), CodeSets.SECONDARY_CANCER_BY_BODY_SITE) != null) {
                return true;
            }
            for (Coding coding : c.getCode().getCoding()) {
                if (CodeSets.isSecondaryCancerIcd10(coding.getSystem(), coding.getCode())) {
                    return true;
                }
            }
            return siteOf(c) != MetastasisSite.UNSPECIFIED;
        }

        private static boolean isOtherPrimaryCancer(Condition c) {
            if (hasProfile(c, CodeSystems.MCODE_PRIMARY_CANCER_CONDITION)) {
                return true;
            }
            for (Coding coding : c.getCode().getCoding()) {
                if (CodeSets.isOtherPrimaryCancerIcd10(coding.getSystem(), coding.getCode())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean hasProfile(Condition c, String profile) {
            if (c.hasMeta()) {
                for (CanonicalType p : c.getMeta().getProfile()) {
                    if (profile.equals(p.getValue())) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The site a secondary cancer's code names, checked in this order (peritoneal first: it decides M1c). */
        private static final List<Map.Entry<CodeSet, MetastasisSite>> SITE_BY_CODE = List.of(
                Map.entry(CodeSets.PERITONEAL_METASTASIS, MetastasisSite.PERITONEUM),
                Map.entry(CodeSets.LIVER_METASTASIS, MetastasisSite.LIVER),
                Map.entry(CodeSets.LUNG_METASTASIS, MetastasisSite.LUNG),
                Map.entry(CodeSets.BRAIN_METASTASIS, MetastasisSite.BRAIN),
                Map.entry(CodeSets.BONE_METASTASIS, MetastasisSite.BONE),
                Map.entry(CodeSets.DISTANT_LYMPH_NODE_METASTASIS, MetastasisSite.DISTANT_LYMPH_NODES));

        /** For the generic secondary-cancer code, the site comes from {@code bodySite} (mCODE pattern). */
        private static final List<Map.Entry<CodeSet, MetastasisSite>> SITE_BY_BODY_SITE = List.of(
                Map.entry(CodeSets.PERITONEUM_STRUCTURE, MetastasisSite.PERITONEUM),
                Map.entry(CodeSets.LIVER_STRUCTURE, MetastasisSite.LIVER),
                Map.entry(CodeSets.LUNG_STRUCTURE, MetastasisSite.LUNG));

        private static MetastasisSite siteOf(Condition c) {
            for (Map.Entry<CodeSet, MetastasisSite> e : SITE_BY_CODE) {
                if (Codings.firstIn(c.getCode(), e.getKey()) != null) {
                    return e.getValue();
                }
            }
            if (Codings.firstIn(c.getCode(), CodeSets.SECONDARY_CANCER_BY_BODY_SITE) != null) {
                for (Map.Entry<CodeSet, MetastasisSite> e : SITE_BY_BODY_SITE) {
                    if (Codings.firstIn(c.getBodySite(), e.getKey()) != null) {
                        return e.getValue();
                    }
                }
            }
            return MetastasisSite.UNSPECIFIED;
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
                    unattributed.add(DataProblem.attribution("Secondary cancer " + reference
                            + " names no primary (extension condition-related) and the patient has more than one"
                            + " primary cancer, so it was not used for staging."));
                    return;
                }
            }
            if (owner == null) {
                return; // it belongs to another primary cancer
            }
            Coding coding = s.getCode().getCodingFirstRep();
            owner.metastases.add(new Metastasis(siteOf(s), FactTimes.of(s),
                    Source.of(reference, Codings.describe(coding), FactTimes.display(s))));
            secondaryOwner.put(s.getIdElement().getIdPart(), owner);
        }

        /** The only in-scope primary, when there is no other primary cancer to confuse attribution. */
        private CaseBuilder soleRectalPrimary() {
            return primaries.size() == 1 && otherPrimaryCancers == 0 ? primaries.values().iterator().next() : null;
        }

        // ---- Observations ----------------------------------------------------------------------------------

        private void readObservation(Observation o) {
            StagingCodes.ObservationKind kind = null;
            Coding kindCoding = null;
            for (Coding c : o.getCode().getCoding()) {
                kind = StagingCodes.observationKind(c.getSystem(), c.getCode());
                if (kind != null) {
                    kindCoding = c;
                    break;
                }
            }
            boolean distance = Codings.firstIn(o.getCode(), CodeSets.DISTANCE_FROM_ANAL_VERGE) != null;
            boolean resectability = Codings.firstIn(o.getCode(), CodeSets.RESECTABILITY_ASSESSMENT) != null;
            if (kind == null && !distance && !resectability) {
                return;
            }
            String reference = "Observation/" + o.getIdElement().getIdPart();
            Attribution attribution = attribute(o);
            if (attribution.owner == null) {
                if (attribution.unattributable) {
                    unattributed.add(DataProblem.attribution(reference + " has no focus naming its tumour and the"
                            + " patient has more than one primary cancer, so it was not used."));
                }
                return;
            }
            CaseBuilder owner = attribution.owner;
            boolean noFocus = attribution.withoutFocus;
            if (kind != null) {
                readStaging(o, reference, kind, kindCoding, owner, noFocus);
            } else if (distance) {
                readDistance(o, reference, owner, noFocus);
            } else {
                readResectability(o, reference, owner, noFocus);
            }
        }

        private record Attribution(CaseBuilder owner, boolean withoutFocus, boolean unattributable) {
        }

        private Attribution attribute(Observation o) {
            // A focus on something other than a Condition (an mCODE Tumor BodyStructure) names no primary either.
            boolean namesCondition = false;
            for (Reference focus : o.getFocus()) {
                namesCondition |= conditionId(focus) != null;
            }
            if (!namesCondition) {
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

        private void readStaging(Observation o, String reference, StagingCodes.ObservationKind kind,
                Coding kindCoding, CaseBuilder owner, boolean noFocus) {
            StagingCodes.Value value = null;
            Coding valueCoding = null;
            if (o.getValue() instanceof CodeableConcept concept) {
                for (Coding c : concept.getCoding()) {
                    value = StagingCodes.value(c.getSystem(), c.getCode());
                    if (value != null) {
                        valueCoding = c;
                        break;
                    }
                }
            }
            if (value == null || value.axis() != kind.axis()) {
                owner.problems.add(DataProblem.conflict(false, reference + " (" + Codings.describe(kindCoding)
                        + ") has a value that is not a recognised AJCC " + axisName(kind.axis())
                        + " category, so it was not used."));
                return;
            }
            StagingBasis basis = value.basis() != null ? value.basis() : kind.basis();
            if (basis == null) {
                basis = StagingBasis.CLINICAL; // neither code nor value says: before treatment is the safe reading
            }
            if (value.basis() != null && kind.basis() != null && value.basis().isFromSpecimen() != kind.basis()
                    .isFromSpecimen()) {
                owner.problems.add(DataProblem.conflict(false, reference + ": the code ("
                        + Codings.describe(kindCoding) + ") says " + kind.basis().label() + " but the value ("
                        + Codings.describe(valueCoding) + ") says " + value.basis().label() + "; the value was used."));
            }
            if (kind.axis() == Axis.M && basis.isFromSpecimen() && "M0".equals(value.category())) {
                basis = StagingBasis.CLINICAL; // AJCC: there is no pathological M0; read it as cM0
            }
            Source source = new Source(reference, Codings.describe(valueCoding), FactTimes.display(o), noFocus);
            owner.staging.add(new StagingFact(kind.axis(), basis, value.category(), FactTimes.of(o), source));
        }

        private static String axisName(Axis axis) {
            return axis == Axis.GROUP ? "stage group" : axis.name();
        }

        private void readDistance(Observation o, String reference, CaseBuilder owner, boolean noFocus) {
            Double cm = o.getValue() instanceof Quantity q ? centimetres(q) : null;
            if (cm == null || cm < 0) {
                owner.problems.add(DataProblem.conflict(false, reference
                        + " (distance from the anal verge) has no value in cm or mm, so it was not used."));
                return;
            }
            Coding coding = Codings.firstIn(o.getCode(), CodeSets.DISTANCE_FROM_ANAL_VERGE);
            owner.distances.add(new DistanceFact(cm, FactTimes.of(o),
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
                owner.problems.add(DataProblem.conflict(false, reference
                        + " (resectability) has no value from the resectability code system, so it was not used."));
                return;
            }
            boolean coversPrimary = !o.hasFocus();
            for (Reference focus : o.getFocus()) {
                String id = conditionId(focus);
                coversPrimary |= id != null && primaries.containsKey(id);
            }
            owner.resectability.add(new ResectabilityFact(value, coversPrimary, FactTimes.of(o),
                    new Source(reference, Codings.describe(valueCoding), FactTimes.display(o), noFocus)));
        }

        // ---- Procedures ------------------------------------------------------------------------------------

        private void readProcedure(Procedure p) {
            TreatmentKind kind = treatmentKind(p.getCode());
            if (kind == null) {
                return;
            }
            Procedure.ProcedureStatus status = p.getStatus();
            boolean done = status == Procedure.ProcedureStatus.COMPLETED;
            boolean ongoing = status == Procedure.ProcedureStatus.INPROGRESS;
            if (!(done || (ongoing && kind != TreatmentKind.RECTAL_RESECTION))) {
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
            TreatmentFact fact = new TreatmentFact(kind, FactTimes.of(p),
                    Source.of(reference, Codings.describe(coding), FactTimes.display(p)));
            // A procedure for a named condition belongs to that condition (chemotherapy for another cancer is not
            // rectal-cancer treatment); one that names none is taken to treat the rectal primary.
            List<CaseBuilder> owners = new ArrayList<>();
            boolean namesCondition = false;
            for (Reference reason : p.getReasonReference()) {
                String id = conditionId(reason);
                namesCondition |= id != null;
                CaseBuilder b = id == null ? null : primaries.get(id);
                if (b != null) {
                    owners.add(b);
                } else if (id != null && secondaryOwner.containsKey(id)) {
                    owners.add(secondaryOwner.get(id)); // e.g. a metastasectomy naming the liver metastasis
                }
            }
            for (CaseBuilder b : namesCondition ? owners : primaries.values()) {
                if (!b.treatments.contains(fact)) {
                    b.treatments.add(fact);
                }
            }
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

        // ---- Validity and references -----------------------------------------------------------------------

        private static boolean isValid(Condition c) {
            String verification = c.hasVerificationStatus()
                    ? codeIn(c.getVerificationStatus(), CodeSystems.CONDITION_VERIFICATION) : null;
            if ("entered-in-error".equals(verification) || "refuted".equals(verification)) {
                return false;
            }
            String clinical = c.hasClinicalStatus() ? codeIn(c.getClinicalStatus(), CodeSystems.CONDITION_CLINICAL)
                    : null;
            return clinical == null || "active".equals(clinical) || "recurrence".equals(clinical)
                    || "relapse".equals(clinical);
        }

        private static String codeIn(CodeableConcept concept, String system) {
            for (Coding c : concept.getCoding()) {
                if (system.equals(c.getSystem())) {
                    return c.getCode();
                }
            }
            return null;
        }

        private static boolean isValid(Observation o) {
            Observation.ObservationStatus s = o.getStatus();
            return s == Observation.ObservationStatus.FINAL || s == Observation.ObservationStatus.AMENDED
                    || s == Observation.ObservationStatus.CORRECTED;
        }

        /** The id of a referenced Condition ({@code Condition/x}, or an absolute URL ending so), else null. */
        private static String conditionId(Reference r) {
            if (r == null || !r.hasReference()) {
                return null;
            }
            var id = r.getReferenceElement();
            String type = id.getResourceType();
            return type == null || "Condition".equals(type) ? id.getIdPart() : null;
        }
    }

    private static final class CaseBuilder {
        final PrimaryTumour primary;
        final List<StagingFact> staging = new ArrayList<>();
        final List<DistanceFact> distances = new ArrayList<>();
        final List<Metastasis> metastases = new ArrayList<>();
        final List<ResectabilityFact> resectability = new ArrayList<>();
        final List<TreatmentFact> treatments = new ArrayList<>();
        final List<DataProblem> problems = new ArrayList<>();

        CaseBuilder(PrimaryTumour primary) {
            this.primary = primary;
        }

        /**
         * The facts in a canonical order — by time, then by resource — so that neither the cards nor the choice
         * between two equally new facts depend on the order in which a client or server listed the resources.
         */
        RectalCancerCase build(boolean proceduresKnown) {
            staging.sort(Comparator.comparing(StagingFact::time).thenComparing(f -> f.source().reference()));
            distances.sort(Comparator.comparing(DistanceFact::time).thenComparing(f -> f.source().reference()));
            metastases.sort(Comparator.comparing(Metastasis::onset).thenComparing(f -> f.source().reference()));
            resectability.sort(Comparator.comparing(ResectabilityFact::time)
                    .thenComparing(f -> f.source().reference()));
            treatments.sort(Comparator.comparing(TreatmentFact::time).thenComparing(f -> f.source().reference()));
            problems.sort(DataProblem.ORDER);
            return new RectalCancerCase(primary, staging, distances, metastases, resectability, treatments,
                    proceduresKnown, problems);
        }
    }
}
