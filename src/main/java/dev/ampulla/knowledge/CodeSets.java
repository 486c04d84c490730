package dev.ampulla.knowledge;

/**
 * The code sets the clinical core matches against, by the names they have in the knowledge's data file, and the
 * ICD-10 ranges that are rules rather than lists. Membership goes through code-system identities: no subsumption
 * beyond an ICD-10 category including its subdivisions.
 */
public final class CodeSets {

    // The sets themselves are data: src/main/resources/knowledge/code-sets.csv (codes, displays, sources, marks).

    /** Rectal cancer as a pre-coordinated disorder code. In scope. */
    public static final CodeSet RECTAL_CANCER = CodeSetFile.named("rectal-cancer");
    /** Rectosigmoid junction cancer: in scope, and the segment is rectosigmoid whatever the distance says. */
    public static final CodeSet RECTOSIGMOID_CANCER = CodeSetFile.named("rectosigmoid-cancer");
    /** Generic malignant-neoplasm codes that mCODE pairs with a topography or body site. */
    public static final CodeSet CANCER_NEEDING_TOPOGRAPHY = CodeSetFile.named("generic-malignant-neoplasm");
    public static final CodeSet ICDO3_RECTUM = CodeSetFile.named("icdo3-topography-rectum");
    public static final CodeSet ICDO3_RECTOSIGMOID = CodeSetFile.named("icdo3-topography-rectosigmoid");
    public static final CodeSet RECTUM_STRUCTURE = CodeSetFile.named("rectum-structure");
    public static final CodeSet RECTOSIGMOID_STRUCTURE = CodeSetFile.named("rectosigmoid-structure");
    public static final CodeSet QUALIFIER_LOWER = CodeSetFile.named("qualifier-lower");
    public static final CodeSet QUALIFIER_MIDDLE = CodeSetFile.named("qualifier-middle");
    public static final CodeSet QUALIFIER_UPPER = CodeSetFile.named("qualifier-upper");
    /** Distance of the lower tumour edge from the anal verge; DICOM "Distance from anus" is the accepted proxy. */
    public static final CodeSet DISTANCE_FROM_ANAL_VERGE = CodeSetFile.named("distance-from-anal-verge");
    /** No standard code exists: a local convention. */
    public static final CodeSet RESECTABILITY_ASSESSMENT = CodeSetFile.named("resectability-assessment");
    public static final CodeSet LIVER_METASTASIS = CodeSetFile.named("liver-metastasis");
    public static final CodeSet LUNG_METASTASIS = CodeSetFile.named("lung-metastasis");
    /** No SNOMED CT disorder code for peritoneal metastasis was verified: SNOMED 128462008 + peritoneum body site. */
    public static final CodeSet PERITONEAL_METASTASIS = CodeSetFile.named("peritoneal-metastasis");
    public static final CodeSet BRAIN_METASTASIS = CodeSetFile.named("brain-metastasis");
    public static final CodeSet BONE_METASTASIS = CodeSetFile.named("bone-metastasis");
    /**
     * Lymph node metastases that are distant (M1) for a rectal primary. Intra-abdominal (C77.2) and intrapelvic
     * (C77.5) nodes include the rectum's regional nodes (an N finding, not M), and multiple-region or unspecified
     * nodes (C77.8, C77.9) do not say which: none of them is taken as a distant metastasis.
     */
    public static final CodeSet DISTANT_LYMPH_NODE_METASTASIS = CodeSetFile.named("distant-lymph-node-metastasis");
    /** A secondary whose site comes from {@code bodySite} (mCODE pattern for sites without a disorder code). */
    public static final CodeSet SECONDARY_CANCER_BY_BODY_SITE = CodeSetFile.named("secondary-cancer-site-in-body-site");
    public static final CodeSet LIVER_STRUCTURE = CodeSetFile.named("liver-structure");
    public static final CodeSet LUNG_STRUCTURE = CodeSetFile.named("lung-structure");
    public static final CodeSet PERITONEUM_STRUCTURE = CodeSetFile.named("peritoneum-structure");
    /**
     * No SNOMED CT code for low anterior resection as such, total mesorectal excision or TEM/TAMIS could be verified
     * from public sources. Pathological T/N also mark a resection. Diagnostic (excisional) biopsies are deliberately not
     * listed: they do not resect the tumour.
     */
    public static final CodeSet RECTAL_RESECTION = CodeSetFile.named("rectal-resection");
    /** Removal of liver or lung metastases (no SNOMED CT "metastasectomy" concept was found). */
    public static final CodeSet METASTASECTOMY = CodeSetFile.named("metastasectomy");
    /** Radiotherapy as a course, phase or category, including the inactive legacy concept. */
    public static final CodeSet RADIOTHERAPY = CodeSetFile.named("radiotherapy");
    /** Chemoradiation counts as both radiotherapy and systemic therapy. */
    public static final CodeSet CHEMORADIATION = CodeSetFile.named("chemoradiation");
    public static final CodeSet CHEMOTHERAPY = CodeSetFile.named("chemotherapy");
    /**
     * Antineoplastic ingredients used for colorectal cancer, by RxNorm ingredient (IN) code, for
     * {@code MedicationRequest.medicationCodeableConcept}. Orders coded only with clinical-drug codes (SCD/SBD) are not
     * recognised yet.
     */
    public static final CodeSet SYSTEMIC_THERAPY_DRUGS = CodeSetFile.named("systemic-therapy-drug");

    /**
     * Every observation code the rules read. It defines the observations prefetch template and which observations
     * are turned into FHIR model objects at all (labs and vitals are skipped unread).
     */
    public static final CodeSet OBSERVATIONS_USED = CodeSet.union("Observations the rules use",
            StagingCodes.OBSERVATION_CODES, DISTANCE_FROM_ANAL_VERGE, RESECTABILITY_ASSESSMENT);

    // ---- Other primary cancers (for attributing staging data without focus) ------------------------------------

    /**
     * True for a primary malignancy code other than rectal or rectosigmoid cancer: ICD-10 C00–C76 and C80–C97
     * (C77–C79 are secondaries). SNOMED-only codes of other cancers are recognised by the mCODE primary-cancer profile.
     */
    public static boolean isOtherPrimaryCancerIcd10(String system, String code) {
        String icd = icd10(system, code);
        if (icd == null || icd.length() < 3 || icd.charAt(0) != 'C' || RECTAL_CANCER.contains(system, code)
                || RECTOSIGMOID_CANCER.contains(system, code)) {
            return false;
        }
        int block;
        try {
            block = Integer.parseInt(icd.substring(1, 3));
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
        String icd = icd10(system, code);
        return icd != null && (icd.startsWith("C78") || icd.startsWith("C79")
                || DISTANT_LYMPH_NODE_METASTASIS.contains(system, code));
    }

    /** The code normalised as ICD-10 compares codes, when the system is an edition of ICD-10; else null. */
    private static String icd10(String system, String code) {
        CodeSystemIdentity identity = CodeSystemRegistry.identify(system);
        return identity == null || identity.comparison() != CodeComparison.ICD_10 ? null : identity.normalise(code);
    }

    private CodeSets() {
    }
}
