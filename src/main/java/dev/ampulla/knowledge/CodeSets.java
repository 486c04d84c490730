package dev.ampulla.knowledge;

import static dev.ampulla.knowledge.Code.icd10;
import static dev.ampulla.knowledge.Code.snomed;

/**
 * Every code set the clinical core matches against, in one reviewable place. Marks follow the clinical reference:
 * ✅ seen in an authoritative public artifact, ⚠️ single public source. Matching is exact: no subsumption.
 */
public final class CodeSets {

    // ---- Primary tumour (clinical-reference §2.2) -------------------------------------------------------------

    /** Rectal cancer as a pre-coordinated disorder code. In scope. */
    public static final CodeSet RECTAL_CANCER = CodeSet.of("Rectal cancer",
            snomed("363351006", "Malignant tumor of rectum"), // ✅
            snomed("93984006", "Primary malignant neoplasm of rectum"), // ✅
            snomed("254582000", "Adenocarcinoma of rectum"), // ✅
            icd10("C20", "Malignant neoplasm of rectum"), // ✅
            new Code(CodeSystems.ICD10, "C20", "Malignant neoplasm of rectum"));

    /** Rectosigmoid junction cancer: in scope, and the segment is rectosigmoid whatever the distance says. */
    public static final CodeSet RECTOSIGMOID_CANCER = CodeSet.of("Rectosigmoid junction cancer",
            snomed("363414004", "Malignant tumor of rectosigmoid junction"), // ✅
            icd10("C19", "Malignant neoplasm of rectosigmoid junction"), // ✅
            new Code(CodeSystems.ICD10, "C19", "Malignant neoplasm of rectosigmoid junction"));

    /** Generic cancer codes that mCODE pairs with an ICD-O-3 topography in {@code Condition.bodySite}. */
    public static final CodeSet CANCER_NEEDING_TOPOGRAPHY = CodeSet.of("Cancer coded by topography",
            snomed("363346000", "Malignant neoplastic disease"), // ✅
            snomed("55342001", "Neoplasm, malignant (primary)"));

    public static final CodeSet ICDO3_RECTUM = CodeSet.of("ICD-O-3 topography rectum",
            new Code(CodeSystems.ICD_O_3, "C20.9", "Rectum, NOS"), // ✅
            new Code(CodeSystems.ICD_O_3, "C209", "Rectum, NOS"));

    public static final CodeSet ICDO3_RECTOSIGMOID = CodeSet.of("ICD-O-3 topography rectosigmoid junction",
            new Code(CodeSystems.ICD_O_3, "C19.9", "Rectosigmoid junction"), // ✅
            new Code(CodeSystems.ICD_O_3, "C199", "Rectosigmoid junction"));

    // ---- Tumour location (§2.3) --------------------------------------------------------------------------------

    public static final CodeSet RECTUM_STRUCTURE = CodeSet.of("Rectum structure",
            snomed("34402009", "Rectum structure")); // ✅

    public static final CodeSet RECTOSIGMOID_STRUCTURE = CodeSet.of("Rectosigmoid junction structure",
            snomed("49832006", "Rectosigmoid junction structure")); // ✅

    public static final CodeSet QUALIFIER_LOWER = CodeSet.of("Lower", snomed("261122009", "Lower")); // ✅
    public static final CodeSet QUALIFIER_MIDDLE = CodeSet.of("Middle", snomed("260528009", "Middle")); // ✅
    public static final CodeSet QUALIFIER_UPPER = CodeSet.of("Upper", snomed("261183002", "Upper")); // ✅

    /** Distance of the lower tumour edge from the anal verge; DICOM "Distance from anus" is the accepted proxy. */
    public static final CodeSet DISTANCE_FROM_ANAL_VERGE = CodeSet.of("Distance from anal verge",
            new Code(CodeSystems.DICOM, "112233", "Distance from anus"), // ✅
            new Code(CodeSystems.AMPULLA_OBSERVATION_CODE, "distance-from-anal-verge",
                    "Distance of lower tumour edge from anal verge")); // ENG

    // ---- Resectability (§2.7; no standard code exists, local convention) ---------------------------------------

    public static final CodeSet RESECTABILITY_ASSESSMENT = CodeSet.of("Resectability assessment",
            new Code(CodeSystems.AMPULLA_OBSERVATION_CODE, "resectability", "Surgical resectability assessment"));

    // ---- Metastases (§2.6) -------------------------------------------------------------------------------------

    public static final CodeSet LIVER_METASTASIS = CodeSet.of("Liver metastasis",
            snomed("94381002", "Secondary malignant neoplasm of liver"), // ✅
            icd10("C78.7", "Secondary malignant neoplasm of liver and intrahepatic bile duct")); // ✅

    public static final CodeSet LUNG_METASTASIS = CodeSet.of("Lung metastasis",
            snomed("94391008", "Secondary malignant neoplasm of lung"), // ✅
            icd10("C78.00", "Secondary malignant neoplasm of unspecified lung"), // ✅
            icd10("C78.01", "Secondary malignant neoplasm of right lung"), // ✅
            icd10("C78.02", "Secondary malignant neoplasm of left lung")); // ✅

    /** No SNOMED CT disorder code for peritoneal metastasis was verified: SNOMED 128462008 + peritoneum body site. */
    public static final CodeSet PERITONEAL_METASTASIS = CodeSet.of("Peritoneal metastasis",
            icd10("C78.6", "Secondary malignant neoplasm of retroperitoneum and peritoneum")); // ✅

    public static final CodeSet BRAIN_METASTASIS = CodeSet.of("Brain metastasis",
            snomed("94225005", "Secondary malignant neoplasm of brain"), // ✅
            icd10("C79.31", "Secondary malignant neoplasm of brain")); // ✅

    public static final CodeSet BONE_METASTASIS = CodeSet.of("Bone metastasis",
            snomed("94222008", "Secondary malignant neoplasm of bone"), // ✅
            icd10("C79.51", "Secondary malignant neoplasm of bone")); // ✅

    /**
     * Lymph node metastases that are distant (M1) for a rectal primary. Intra-abdominal (C77.2) and intrapelvic
     * (C77.5) nodes include the rectum's regional nodes (an N finding, not M), and multiple-region or unspecified
     * nodes (C77.8, C77.9) do not say which: none of them is taken as a distant metastasis.
     */
    public static final CodeSet DISTANT_LYMPH_NODE_METASTASIS = CodeSet.of("Non-regional lymph node metastasis",
            icd10("C77.0", "Secondary malignant neoplasm of lymph nodes of head, face and neck"),
            icd10("C77.1", "Secondary malignant neoplasm of intrathoracic lymph nodes"),
            icd10("C77.3", "Secondary malignant neoplasm of axillary and upper limb lymph nodes"),
            icd10("C77.4", "Secondary malignant neoplasm of inguinal and lower limb lymph nodes"));

    /** A secondary whose site comes from {@code bodySite} (mCODE pattern for sites without a disorder code). */
    public static final CodeSet SECONDARY_CANCER_BY_BODY_SITE = CodeSet.of("Secondary cancer, site in bodySite",
            snomed("128462008", "Secondary malignant neoplastic disease")); // ✅

    public static final CodeSet LIVER_STRUCTURE = CodeSet.of("Liver structure", snomed("10200004", "Liver structure"));
    public static final CodeSet LUNG_STRUCTURE = CodeSet.of("Lung structure", snomed("39607008", "Lung structure"));
    public static final CodeSet PERITONEUM_STRUCTURE = CodeSet.of("Peritoneal sac structure",
            snomed("118762006", "Peritoneal sac structure"));

    /**
     * Every observation code the rules read. It defines the observations prefetch template and which observations
     * are turned into FHIR model objects at all (labs and vitals are skipped unread).
     */
    public static final CodeSet OBSERVATIONS_USED = CodeSet.union("Observations the rules use",
            StagingCodes.OBSERVATION_CODES, DISTANCE_FROM_ANAL_VERGE, RESECTABILITY_ASSESSMENT);

    // ---- Treatment already given (Procedure.code; clinical-reference §2.9) --------------------------------------

    public static final CodeSet RECTAL_RESECTION = CodeSet.of("Rectal resection",
            snomed("4558008", "Anterior resection of rectum"), // ✅ (also the parent of low anterior resection)
            snomed("265414003", "Abdominoperineal resection of rectum"), // ✅
            snomed("16564004", "Hartmann operation, rectal resection"), // ✅
            snomed("174059005", "Proctocolectomy"), // ✅
            snomed("87677003", "Proctectomy"), // ⚠️
            snomed("174240003", "Proctectomy and anastomosis of colon to anus")); // ⚠️
    // No SNOMED CT code for low anterior resection as such, total mesorectal excision or TEM/TAMIS could be verified
    // from public sources; add them here once checked on a terminology server. Pathological T/N also mark a
    // resection. Diagnostic (excisional) biopsies are deliberately not listed: they do not resect the tumour.

    /** Removal of liver or lung metastases (no SNOMED CT "metastasectomy" concept was found). */
    public static final CodeSet METASTASECTOMY = CodeSet.of("Liver or lung metastasectomy",
            snomed("107963000", "Excision of liver"), // ✅
            snomed("72106008", "Excision of lesion of liver"), // ✅
            snomed("71273005", "Hepatectomy, partial"), // ⚠️
            snomed("232632009", "Wedge excision of lung"), // ✅
            snomed("173171007", "Lobectomy of lung"), // ✅
            snomed("359615001", "Partial lobectomy of lung"), // ✅
            snomed("359623004", "Total lobectomy of lung")); // ✅

    /** Radiotherapy as a course, phase or category, including the inactive legacy concept. ✅ unless marked. */
    public static final CodeSet RADIOTHERAPY = CodeSet.of("Radiotherapy",
            snomed("1217123003", "Radiotherapy course of treatment"),
            snomed("1222565005", "Radiotherapy treatment phase"),
            snomed("1287742003", "Radiotherapy"),
            snomed("108290001", "Radiation oncology AND/OR radiotherapy (inactive)"),
            snomed("33195004", "External beam radiation therapy procedure"), // ⚠️
            snomed("1156506007", "External beam radiation therapy using photons"),
            snomed("45643008", "Teleradiotherapy using electrons"),
            snomed("10611004", "Teleradiotherapy protons"),
            snomed("441799006", "Intensity modulated radiation therapy"),
            snomed("1156530009", "Volumetric modulated arc therapy"),
            snomed("1162782007", "Three dimensional external beam radiation therapy"));

    /** Chemoradiation counts as both radiotherapy and systemic therapy. ✅ */
    public static final CodeSet CHEMORADIATION = CodeSet.of("Chemoradiation",
            snomed("703423002", "Combined chemotherapy and radiation therapy"));

    public static final CodeSet CHEMOTHERAPY = CodeSet.of("Chemotherapy",
            snomed("367336001", "Chemotherapy"), // ✅
            snomed("394894008", "Pre-operative chemotherapy")); // ⚠️

    /**
     * Antineoplastic ingredients used for colorectal cancer, by RxNorm ingredient (IN) code, for
     * {@code MedicationRequest.medicationCodeableConcept}. Orders coded only with clinical-drug codes (SCD/SBD) are not
     * recognised: add their codes here, or code orders with the ingredient as well.
     */
    public static final CodeSet SYSTEMIC_THERAPY_DRUGS = CodeSet.of("Colorectal antineoplastic drugs",
            rxnorm("4492", "fluorouracil"), // ✅
            rxnorm("194000", "capecitabine"), // ✅
            rxnorm("32592", "oxaliplatin"), // ✅
            rxnorm("51499", "irinotecan"), // ✅
            rxnorm("6313", "leucovorin"), // ✅
            rxnorm("318341", "cetuximab"), // ✅
            rxnorm("1547545", "pembrolizumab"), // ✅
            rxnorm("224905", "trastuzumab"), // ✅
            rxnorm("253337", "bevacizumab"), // ✅
            rxnorm("1597876", "nivolumab"), // ✅
            rxnorm("2049106", "encorafenib"), // ✅
            rxnorm("2361285", "tucatinib"), // ✅
            rxnorm("1094833", "ipilimumab"), // ✅
            rxnorm("263034", "panitumumab"), // ⚠️
            rxnorm("2539967", "dostarlimab"), // ⚠️
            rxnorm("1312397", "regorafenib")); // ⚠️
    // Not found in public sources: levoleucovorin, binimetinib, trifluridine/tipiracil, ziv-aflibercept,
    // ramucirumab, fruquintinib.

    // ---- Other primary cancers (for attributing staging data without focus) ------------------------------------

    /**
     * True for a primary malignancy code other than rectal or rectosigmoid cancer: ICD-10 C00–C76 and C80–C97
     * (C77–C79 are secondaries). SNOMED-only codes of other cancers are recognised by the mCODE primary-cancer profile.
     */
    public static boolean isOtherPrimaryCancerIcd10(String system, String code) {
        if (!(CodeSystems.ICD10_CM.equals(system) || CodeSystems.ICD10.equals(system)) || code == null
                || code.length() < 3 || code.charAt(0) != 'C' || RECTAL_CANCER.contains(system, code)
                || RECTOSIGMOID_CANCER.contains(system, code)) {
            return false;
        }
        int block;
        try {
            block = Integer.parseInt(code.substring(1, 3));
        } catch (NumberFormatException e) {
            return false;
        }
        return block <= 76 || block >= 80;
    }

    /**
     * Every Condition code the extraction classifies (primary, secondary or other cancer); a Condition without one
     * of them, nor a cancer profile, is never read. Kept beside the sets it unites, so it cannot drift from them.
     */
    public static final CodeSet CANCER_CONDITION_CODES = CodeSet.union("Cancer conditions", RECTAL_CANCER,
            RECTOSIGMOID_CANCER, CANCER_NEEDING_TOPOGRAPHY, LIVER_METASTASIS, LUNG_METASTASIS, PERITONEAL_METASTASIS,
            BRAIN_METASTASIS, BONE_METASTASIS, DISTANT_LYMPH_NODE_METASTASIS, SECONDARY_CANCER_BY_BODY_SITE);

    public static boolean isCancerCondition(String system, String code) {
        return CANCER_CONDITION_CODES.contains(system, code) || isOtherPrimaryCancerIcd10(system, code)
                || isSecondaryCancerIcd10(system, code);
    }

    public static boolean isCancerConditionProfile(String profile) {
        return CodeSystems.MCODE_PRIMARY_CANCER_CONDITION.equals(profile)
                || CodeSystems.MCODE_SECONDARY_CANCER_CONDITION.equals(profile);
    }

    /**
     * ICD-10 C78–C79 and the distant nodal codes of C77: secondary malignant neoplasms that mean distant spread.
     * Other C77 codes (possibly regional nodes) are not.
     */
    public static boolean isSecondaryCancerIcd10(String system, String code) {
        return (CodeSystems.ICD10_CM.equals(system) || CodeSystems.ICD10.equals(system)) && code != null
                && (code.startsWith("C78") || code.startsWith("C79") || DISTANT_LYMPH_NODE_METASTASIS.contains(system,
                        code));
    }

    private static Code rxnorm(String code, String display) {
        return new Code(CodeSystems.RXNORM, code, display);
    }

    private CodeSets() {
    }
}
