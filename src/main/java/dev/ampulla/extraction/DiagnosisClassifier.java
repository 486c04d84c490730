package dev.ampulla.extraction;

import dev.ampulla.knowledge.CodeSet;
import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.knowledge.CodeSystemRegistry;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.RectalCancerText;
import dev.ampulla.knowledge.TumourSegment;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;

/**
 * Says what a Condition is for the pathway. A rectal or rectosigmoid primary is recognised in the three ways mCODE
 * allows: a specific disorder code (SNOMED CT, ICD-10 C20/C19 in any edition); a generic malignant-neoplasm code with
 * an ICD-O-3 topography; a generic code with a SNOMED CT body site of the rectum or rectosigmoid junction. An ICD-O-3
 * morphology, where present, must have behaviour {@code /3}. Whatever looks like rectal cancer but cannot be used —
 * another histology, carcinoma in situ, a code that also names the anus, a C20 under an unknown system, a text naming
 * rectal cancer, a rectal cancer recorded as resolved or inactive — is {@link Diagnosis.NotRecognised}, so that a card
 * says so instead of the silence that means "no rectal cancer". A primary recorded in remission or as recurred is
 * read (its status says where the patient is in treatment), and a local recurrence is a fact of its primary.
 */
final class DiagnosisClassifier {

    private DiagnosisClassifier() {}

    static Diagnosis classify(Condition c) {
        String verification = c.hasVerificationStatus()
                ? codeIn(c.getVerificationStatus(), CodeSystems.CONDITION_VERIFICATION)
                : null;
        if ("entered-in-error".equals(verification) || "refuted".equals(verification)) {
            return new Diagnosis.Unrelated();
        }
        Diagnosis byCode = byCode(c);
        String clinical = c.hasClinicalStatus() ? codeIn(c.getClinicalStatus(), CodeSystems.CONDITION_CLINICAL) : null;
        if (clinical == null || "active".equals(clinical)) {
            return byCode;
        }
        if (byCode instanceof Diagnosis.LocalRecurrence) {
            return "resolved".equals(clinical) || "inactive".equals(clinical) || "remission".equals(clinical)
                    ? new Diagnosis.Unrelated()
                    : byCode;
        }
        if (!(byCode instanceof Diagnosis.RectalPrimary primary)) {
            return new Diagnosis.Unrelated();
        }
        if ("recurrence".equals(clinical) || "relapse".equals(clinical) || "remission".equals(clinical)) {
            // where the patient is in treatment (mCODE: remission when the disease status says so; relapse on the
            // same primary when it recurs), worked out with the rest of the record
            return primary.withStatus(clinical);
        }
        String what = reference(c) + " (" + primary.diagnosis().coding() + ")";
        return unusable(
                "Rectal cancer recorded as " + clinical,
                what + " has clinical status '" + clinical
                        + "': Ampulla advises on active disease only, so it was not used — no adjuvant-chemotherapy or"
                        + " order check was made.",
                UnusableDiagnosis.Remedy.CLINICAL_STATUS);
    }

    private static Diagnosis byCode(Condition c) {
        CodeableConcept code = c.getCode();
        String reference = reference(c);
        if (Codings.firstIn(code, CodeSets.RECTAL_LOOK_ALIKE) != null) {
            Diagnosis lookAlike = lookAlikeByCode(code, reference);
            if (lookAlike != null) {
                return lookAlike;
            }
        }
        Coding rectosigmoid = Codings.firstIn(code, CodeSets.RECTOSIGMOID_CANCER);
        Coding rectal = rectosigmoid == null ? Codings.firstIn(code, CodeSets.RECTAL_CANCER) : null;
        if (rectosigmoid != null || rectal != null) {
            Coding disorder = rectosigmoid != null ? rectosigmoid : rectal;
            Diagnosis histology = histologyOutsidePathway(c, reference, disorder);
            if (histology != null) {
                return histology;
            }
            Source diagnosis = Source.of(reference, Codings.describe(disorder), FactTimes.display(c));
            return rectosigmoid != null
                    ? new Diagnosis.RectalPrimary(diagnosis, TumourSegment.RECTOSIGMOID, diagnosis)
                    : withLocation(c, diagnosis, null, null);
        }
        Coding generic = Codings.firstIn(code, CodeSets.CANCER_NEEDING_TOPOGRAPHY);
        if (generic == null) {
            generic = Codings.firstIn(code, CodeSets.COLORECTAL_CANCER_SITE_IN_BODY_SITE);
        }
        Coding neoplastic =
                generic == null ? Codings.firstIn(code, CodeSets.NEOPLASTIC_DISEASE_NEEDING_MORPHOLOGY) : null;
        if (generic != null || neoplastic != null) {
            return bySite(c, generic != null ? generic : neoplastic, neoplastic != null);
        }
        if (Codings.firstIn(code, CodeSets.METASTASIS_OF_RECTAL_CANCER) != null || isSecondaryCancer(c)) {
            return new Diagnosis.Secondary();
        }
        // Before the profile: a primary-cancer profile on a Condition whose code is an unknown C20 or whose text
        // says rectal cancer is a rectal cancer Ampulla cannot read, not another cancer.
        if (isOtherPrimaryCancerByCode(c)) {
            return new Diagnosis.OtherPrimary();
        }
        Diagnosis lookAlike = lookAlike(c, reference);
        if (lookAlike instanceof Diagnosis.NotRecognised
                || !hasProfile(c, CodeSystems.MCODE_PRIMARY_CANCER_CONDITION)) {
            return lookAlike;
        }
        return new Diagnosis.OtherPrimary();
    }

    /**
     * The codes that look like rectal cancer but are not the pathway's (checked first: a Condition coded both C20 and
     * a rectal neuroendocrine carcinoma is the latter), or null.
     */
    private static Diagnosis lookAlikeByCode(CodeableConcept code, String reference) {
        Coding found;
        if ((found = Codings.firstIn(code, CodeSets.SECONDARY_CANCER_OF_RECTUM)) != null) {
            return new Diagnosis.Unrelated(); // another cancer's metastasis to the rectum
        }
        if ((found = Codings.firstIn(code, CodeSets.RECTAL_MALIGNANCY_OTHER_HISTOLOGY)) != null) {
            return unusable(
                    headline(found, "Rectal malignancy of another histology"),
                    described(reference, found)
                            + ": a histology other than adenocarcinoma, whose staging and treatment differ from the founding"
                            + " document's pathway. It was not used.",
                    UnusableDiagnosis.Remedy.MANAGE_OUTSIDE_PATHWAY);
        }
        if ((found = Codings.firstIn(code, CodeSets.RECTAL_CANCER_LOCAL_RECURRENCE)) != null) {
            Diagnosis.NotRecognised alone = (Diagnosis.NotRecognised) unusable(
                    "Local recurrence of rectal cancer",
                    described(reference, found) + ": a recurrence is outside the founding document's pathway for a"
                            + " primary tumour, and the record has no rectal primary to relate it to. It was not used.",
                    UnusableDiagnosis.Remedy.MANAGE_OUTSIDE_PATHWAY);
            return new Diagnosis.LocalRecurrence(Source.of(reference, Codings.describe(found), null), alone.why());
        }
        if ((found = Codings.firstIn(code, CodeSets.RECTAL_CARCINOMA_IN_SITU)) != null) {
            return unusable(
                    "Carcinoma in situ of the rectum",
                    described(reference, found) + ": carcinoma in situ, not"
                            + " an invasive cancer, is outside the pathway. It was not used.",
                    UnusableDiagnosis.Remedy.MANAGE_OUTSIDE_PATHWAY);
        }
        if ((found = Codings.firstIn(code, CodeSets.MESORECTAL_MALIGNANCY)) != null) {
            return unusable(
                    "Malignant neoplasm of the mesorectum",
                    described(reference, found) + ": a tumour in the"
                            + " mesorectum (a lymph node, a tumour deposit or a recurrence), not a rectal primary. It was not"
                            + " used.",
                    UnusableDiagnosis.Remedy.MANAGE_OUTSIDE_PATHWAY);
        }
        if ((found = Codings.firstIn(code, CodeSets.RECTAL_CANCER_AMBIGUOUS_SITE)) != null) {
            return unusable(
                    "Tumour of the rectum and anus or anal canal",
                    described(reference, found) + ": the code"
                            + " names the rectum together with the anus or anal canal, so the tumour cannot be placed. It was"
                            + " not used. If the MDT classes it as a low rectal adenocarcinoma, record C20 with a lower"
                            + " location.",
                    UnusableDiagnosis.Remedy.MANAGE_OUTSIDE_PATHWAY);
        }
        return null;
    }

    /** Options 2 and 3 of mCODE: a generic code whose site is an ICD-O-3 topography or a SNOMED CT body site. */
    private static Diagnosis bySite(Condition c, Coding generic, boolean needsMalignantMorphology) {
        String reference = reference(c);
        Coding topographyRs = Codings.firstIn(c.getBodySite(), CodeSets.ICDO3_RECTOSIGMOID);
        Coding topographyR = Codings.firstIn(c.getBodySite(), CodeSets.ICDO3_RECTUM);
        Coding structureRs = Codings.firstIn(c.getBodySite(), CodeSets.RECTOSIGMOID_STRUCTURE);
        Coding structureR = Codings.firstIn(c.getBodySite(), CodeSets.RECTUM_STRUCTURE);
        Coding site = topographyRs != null
                ? topographyRs
                : topographyR != null ? topographyR : structureRs != null ? structureRs : structureR;
        if (site == null) {
            String text = siteTexts(c);
            if (RectalCancerText.namesRectum(text)) {
                return unusable(
                        "Cancer whose rectal site is only text",
                        reference + " ("
                                + Codings.describe(generic) + ") names the rectum only in its text (\"" + clip(text)
                                + "\"), not with a coded site (an ICD-O-3 topography or a SNOMED CT body site), so it was"
                                + " not used.",
                        UnusableDiagnosis.Remedy.CODE_NOT_READ);
            }
            return new Diagnosis.OtherPrimary(); // a cancer of another or an unknown site
        }
        String morphology = morphology(c);
        Diagnosis histology = histologyOutsidePathway(c, reference, generic);
        if (histology != null) {
            return histology;
        }
        if (needsMalignantMorphology && morphology == null) {
            return unusable(
                    "Neoplasm of the rectum without a malignant morphology",
                    described(reference, generic)
                            + ": the code includes benign neoplasms and no malignant ICD-O-3 morphology (behaviour /3) is"
                            + " recorded, so it was not used.",
                    UnusableDiagnosis.Remedy.CODE_NOT_READ);
        }
        Source diagnosis = Source.of(
                reference,
                Codings.describe(generic) + " + " + Codings.describe(site)
                        + (morphology == null ? "" : " + ICD-O-3 " + morphology),
                FactTimes.display(c));
        if (site == topographyRs || site == structureRs) {
            return new Diagnosis.RectalPrimary(
                    diagnosis,
                    TumourSegment.RECTOSIGMOID,
                    Source.of(reference, "bodySite " + Codings.describe(site), null));
        }
        return withLocation(c, diagnosis, null, null);
    }

    /** A rectal primary, with the segment a body-site qualifier or a rectosigmoid body site gives. */
    private static Diagnosis withLocation(Condition c, Source diagnosis, TumourSegment segment, Source from) {
        String reference = reference(c);
        Coding rectosigmoidSite = Codings.firstIn(c.getBodySite(), CodeSets.RECTOSIGMOID_STRUCTURE);
        if (rectosigmoidSite != null) {
            return new Diagnosis.RectalPrimary(
                    diagnosis,
                    TumourSegment.RECTOSIGMOID,
                    Source.of(reference, "bodySite " + Codings.describe(rectosigmoidSite), null));
        }
        Coding qualifier = locationQualifier(c);
        if (qualifier != null) {
            return new Diagnosis.RectalPrimary(
                    diagnosis,
                    segmentOfQualifier(qualifier),
                    Source.of(reference, "bodySite qualifier " + Codings.describe(qualifier), null));
        }
        return new Diagnosis.RectalPrimary(diagnosis, segment, from);
    }

    /** Not a rectal cancer code Ampulla knows, but the codes or texts say rectal cancer: worth a card. */
    private static Diagnosis lookAlike(Condition c, String reference) {
        for (Coding coding : c.getCode().getCoding()) {
            if (CodeSets.looksLikeRectalIcdCodeElsewhere(coding.getSystem(), coding.getCode())) {
                return unusable(
                        coding.getCode() + " under a code system Ampulla does not know",
                        reference
                                + " has the code " + coding.getCode() + " under "
                                + (coding.hasSystem() ? "the system " + coding.getSystem() : "no system")
                                + ", which Ampulla does not know as an edition of ICD-10,"
                                + " so it was not used.",
                        UnusableDiagnosis.Remedy.CODE_NOT_READ);
            }
        }
        if (!anyTextNamesRectalCancer(c)) {
            return new Diagnosis.Unrelated();
        }
        String text = diagnosisTexts(c);
        if (RectalCancerText.namesRectalCancer(text)) {
            return unusable(
                    "Rectal cancer named only in words",
                    reference + " reads \"" + clip(text) + "\", but"
                            + " none of its codes is one Ampulla knows for rectal cancer, so it was not used.",
                    UnusableDiagnosis.Remedy.CODE_NOT_READ);
        }
        return new Diagnosis.Unrelated();
    }

    private static Diagnosis unusable(String headline, String text, UnusableDiagnosis.Remedy remedy) {
        return new Diagnosis.NotRecognised(new UnusableDiagnosis(headline, text, remedy));
    }

    private static String described(String reference, Coding coding) {
        return reference + " (" + Codings.describe(coding) + (coding.hasDisplay() ? " " + coding.getDisplay() : "")
                + ")";
    }

    private static String headline(Coding coding, String otherwise) {
        return coding.hasDisplay() && coding.getDisplay().length() <= 60 ? coding.getDisplay() : otherwise;
    }

    /**
     * Whether a recorded morphology puts the tumour outside the pathway: a behaviour other than /3, or a histology
     * that is not among the adenocarcinomas and carcinomas of the knowledge's list (ICD-O-3, or SNOMED CT in mCODE's
     * extension). Without a recorded morphology the pathway's adenocarcinoma is assumed.
     */
    private static Diagnosis histologyOutsidePathway(Condition c, String reference, Coding disorder) {
        String behaviour = nonMalignantBehaviour(c);
        if (behaviour != null) {
            return unusable(
                    "Rectal tumour that is not an invasive primary",
                    described(reference, disorder) + ": " + behaviour + ". It was not used.",
                    UnusableDiagnosis.Remedy.MANAGE_OUTSIDE_PATHWAY);
        }
        Coding morphology = morphologyCoding(c);
        if (morphology == null) {
            return null;
        }
        String code = morphology.getCode().strip();
        String histology = code.contains("/") ? code.substring(0, code.indexOf('/')) : code;
        if (CodeSets.CARCINOMA_MORPHOLOGY.contains(morphology.getSystem(), histology)) {
            return null;
        }
        return unusable(
                "Rectal tumour of histology " + clip(Codings.describe(morphology)),
                described(reference, disorder) + " with the morphology " + Codings.describe(morphology)
                        + (morphology.hasDisplay() ? " " + morphology.getDisplay() : "")
                        + ": not an adenocarcinoma histology on Ampulla's list, so staging and"
                        + " treatment may differ from the founding document's pathway. It was not used.",
                UnusableDiagnosis.Remedy.MANAGE_OUTSIDE_PATHWAY);
    }

    /** The morphology coding of the mCODE or MII extension (ICD-O-3, or SNOMED CT), or null. */
    private static Coding morphologyCoding(Condition c) {
        if (!c.hasExtension()) {
            return null;
        }
        for (Extension e : c.getExtension()) {
            if ((CodeSystems.MCODE_HISTOLOGY_MORPHOLOGY.equals(e.getUrl())
                            || CodeSystems.MII_HISTOLOGY_MORPHOLOGY.equals(e.getUrl()))
                    && e.getValue() instanceof CodeableConcept concept) {
                for (Coding coding : concept.getCoding()) {
                    if (coding.hasCode()
                            && (CodeSystemRegistry.is(coding.getSystem(), "icd-o-3")
                                    || CodeSystemRegistry.is(coding.getSystem(), "snomed"))) {
                        return coding;
                    }
                }
            }
        }
        return null;
    }

    /** The ICD-O-3 morphology with its behaviour ({@code 8140/3}) of the mCODE or MII extension, or null. */
    private static String morphology(Condition c) {
        Coding coding = morphologyCoding(c);
        return coding != null
                        && CodeSystemRegistry.is(coding.getSystem(), "icd-o-3")
                        && coding.getCode().contains("/")
                ? coding.getCode().strip()
                : null;
    }

    /** Why the morphology says this is not an invasive malignancy (behaviour other than /3), or null. */
    private static String nonMalignantBehaviour(Condition c) {
        String morphology = morphology(c);
        if (morphology == null || morphology.endsWith("/3")) {
            return null;
        }
        String behaviour = morphology.substring(morphology.indexOf('/') + 1);
        String meaning = switch (behaviour) {
            case "0" -> "benign";
            case "1" -> "of uncertain behaviour";
            case "2" -> "in situ";
            case "6" -> "a metastatic site";
            default -> "not malignant primary";
        };
        return "its ICD-O-3 morphology " + morphology + " is " + meaning + " (behaviour /" + behaviour
                + "), not an invasive primary cancer (/3)";
    }

    /** Whether one of the Condition's texts names a rectal cancer, without building the combined text. */
    private static boolean anyTextNamesRectalCancer(Condition c) {
        if (namesRectalCancer(c.getCode())) {
            return true;
        }
        for (CodeableConcept site : c.hasBodySite() ? c.getBodySite() : List.<CodeableConcept>of()) {
            if (namesRectalCancer(site)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesRectalCancer(CodeableConcept concept) {
        if (RectalCancerText.namesRectalCancer(concept.getText())) {
            return true;
        }
        for (Coding coding : concept.getCoding()) {
            if (RectalCancerText.namesRectalCancer(coding.getDisplay())) {
                return true;
            }
        }
        return false;
    }

    private static String siteTexts(Condition c) {
        StringBuilder sb = new StringBuilder();
        for (CodeableConcept site : c.getBodySite()) {
            append(sb, site);
        }
        return sb.toString();
    }

    private static String diagnosisTexts(Condition c) {
        StringBuilder sb = new StringBuilder();
        append(sb, c.getCode());
        for (CodeableConcept site : c.getBodySite()) {
            append(sb, site);
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, CodeableConcept concept) {
        if (concept.hasText()) {
            sb.append(sb.isEmpty() ? "" : "; ").append(concept.getText());
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay()) {
                sb.append(sb.isEmpty() ? "" : "; ").append(coding.getDisplay());
            }
        }
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    /** A lower/middle/upper qualifier on the body site: the mCODE extension, or a coding of the body site. */
    private static Coding locationQualifier(Condition c) {
        for (CodeableConcept site : c.getBodySite()) {
            for (Extension e : site.hasExtension() ? site.getExtension() : List.<Extension>of()) {
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

    static boolean isSecondaryCancer(Condition c) {
        if (hasProfile(c, CodeSystems.MCODE_SECONDARY_CANCER_CONDITION)
                || Codings.firstIn(c.getCode(), CodeSets.SECONDARY_CANCER_BY_BODY_SITE) != null) {
            return true;
        }
        for (Coding coding : c.getCode().getCoding()) {
            if (CodeSets.isSecondaryCancerIcd10(coding.getSystem(), coding.getCode())) {
                return true;
            }
        }
        return MetastasisSites.ofCondition(c) != MetastasisSite.UNSPECIFIED;
    }

    private static boolean isOtherPrimaryCancerByCode(Condition c) {
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

    static String reference(Condition c) {
        return "Condition/" + c.getIdElement().getIdPart();
    }

    private static String codeIn(CodeableConcept concept, String system) {
        for (Coding c : concept.getCoding()) {
            if (system.equals(c.getSystem())) {
                return c.getCode();
            }
        }
        return null;
    }
}
