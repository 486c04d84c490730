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
    /** A generic code that means a malignancy only with a malignant ICD-O-3 morphology (it includes benign ones). */
    public static final CodeSet NEOPLASTIC_DISEASE_NEEDING_MORPHOLOGY =
            CodeSetFile.named("neoplastic-disease-needing-morphology");
    /** Colorectal cancer codes that say the site only together with a body site (mCODE option 3). */
    public static final CodeSet COLORECTAL_CANCER_SITE_IN_BODY_SITE =
            CodeSetFile.named("colorectal-cancer-site-in-body-site");
    /** Codes that name the rectum together with the anus or mesorectum: the tumour cannot be placed. */
    public static final CodeSet RECTAL_CANCER_AMBIGUOUS_SITE = CodeSetFile.named("rectal-cancer-ambiguous-site");
    /** Rectal malignancies that are not carcinomas (NET, GIST, melanoma, sarcoma, squamous cell carcinoma). */
    public static final CodeSet RECTAL_MALIGNANCY_OTHER_HISTOLOGY =
            CodeSetFile.named("rectal-malignancy-other-histology");
    /** A tumour in the mesorectum: a node, a deposit or a recurrence, not the rectal primary. */
    public static final CodeSet MESORECTAL_MALIGNANCY = CodeSetFile.named("mesorectal-malignancy");
    /** Histologies of the pathway: adenocarcinoma and its subtypes (ICD-O-3 histology without behaviour; SNOMED CT). */
    public static final CodeSet CARCINOMA_MORPHOLOGY = CodeSetFile.named("carcinoma-morphology");

    public static final CodeSet RECTAL_CANCER_LOCAL_RECURRENCE = CodeSetFile.named("rectal-cancer-local-recurrence");
    public static final CodeSet RECTAL_CARCINOMA_IN_SITU = CodeSetFile.named("rectal-carcinoma-in-situ");
    /** Metastases of another cancer to the rectum: neither the rectal primary nor one of its metastases. */
    public static final CodeSet SECONDARY_CANCER_OF_RECTUM = CodeSetFile.named("secondary-cancer-of-rectum");
    /** A metastasis said to come from a rectal cancer; its site, if any, is in {@code bodySite}. */
    public static final CodeSet METASTASIS_OF_RECTAL_CANCER = CodeSetFile.named("metastasis-of-rectal-cancer");
    /** Every code of the look-alike sets above, for one quick check before the detailed ones. */
    public static final CodeSet RECTAL_LOOK_ALIKE = CodeSet.union(
            "Look like rectal cancer, not the pathway's",
            SECONDARY_CANCER_OF_RECTUM,
            RECTAL_MALIGNANCY_OTHER_HISTOLOGY,
            RECTAL_CANCER_LOCAL_RECURRENCE,
            RECTAL_CARCINOMA_IN_SITU,
            MESORECTAL_MALIGNANCY,
            RECTAL_CANCER_AMBIGUOUS_SITE);

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
    /** Every secondary-cancer code, for what an order names as its reason. */
    public static final CodeSet METASTASIS_CODES = CodeSet.union(
            "Metastasis codes",
            LIVER_METASTASIS,
            LUNG_METASTASIS,
            PERITONEAL_METASTASIS,
            BRAIN_METASTASIS,
            BONE_METASTASIS,
            DISTANT_LYMPH_NODE_METASTASIS,
            SECONDARY_CANCER_BY_BODY_SITE,
            METASTASIS_OF_RECTAL_CANCER);
    /**
     * Sites a radiotherapy order may name (its body site, or the location of a volume it doses) that mean it targets a
     * metastasis of a rectal primary: liver, lung, peritoneum, bone (not the pelvic bones and sacrum, where a
     * recurrence may invade), vertebrae, brain, adrenal.
     */
    public static final CodeSet METASTATIC_SITE_STRUCTURE = CodeSet.union(
            "Metastatic site structures",
            LIVER_STRUCTURE,
            LUNG_STRUCTURE,
            PERITONEUM_STRUCTURE,
            CodeSetFile.named("metastasis-bone-structure"),
            CodeSetFile.named("metastasis-brain-structure"),
            CodeSetFile.named("metastasis-adrenal-structure"));
    /** Palliative treatment intent (mCODE procedure intent). */
    public static final CodeSet PALLIATIVE_INTENT = CodeSetFile.named("palliative-intent");
    /** An Observation that records a distant metastasis by its organ (MII Fernmetastasen). */
    public static final CodeSet DISTANT_METASTASIS_OBSERVATION = CodeSetFile.named("distant-metastasis-observation");
    /** The value of a DKTK Fernmetastasen Observation (LOINC 21907-1) that says a metastasis is present. */
    public static final CodeSet DISTANT_METASTASIS_PRESENT = CodeSetFile.named("distant-metastasis-present");

    public static final CodeSet METASTASIS_SITE_LIVER = CodeSetFile.named("metastasis-site-liver");
    public static final CodeSet METASTASIS_SITE_LUNG = CodeSetFile.named("metastasis-site-lung");
    public static final CodeSet METASTASIS_SITE_BONE = CodeSetFile.named("metastasis-site-bone");
    public static final CodeSet METASTASIS_SITE_BRAIN = CodeSetFile.named("metastasis-site-brain");
    public static final CodeSet METASTASIS_SITE_DISTANT_LYMPH_NODES =
            CodeSetFile.named("metastasis-site-distant-lymph-nodes");
    public static final CodeSet METASTASIS_SITE_BONE_MARROW = CodeSetFile.named("metastasis-site-bone-marrow");
    public static final CodeSet METASTASIS_SITE_PLEURA = CodeSetFile.named("metastasis-site-pleura");
    public static final CodeSet METASTASIS_SITE_PERITONEUM = CodeSetFile.named("metastasis-site-peritoneum");
    public static final CodeSet METASTASIS_SITE_ADRENAL = CodeSetFile.named("metastasis-site-adrenal");
    public static final CodeSet METASTASIS_SITE_SKIN = CodeSetFile.named("metastasis-site-skin");
    /**
     * Resections of the rectum (anterior and low anterior resection, TME, APR, Hartmann's, proctectomy,
     * proctocolectomy, exenteration), in SNOMED CT, CPT, ICD-10-PCS and OPS, from public value sets. A past one marks
     * the primary resected, as do pathological T/N. Diagnostic (excisional) biopsies are deliberately not listed: they
     * do not resect the tumour.
     */
    public static final CodeSet RECTAL_RESECTION = CodeSetFile.named("rectal-resection");
    /**
     * Local (transanal) excision of a rectal tumour, TEM and TAMIS: surgery when ordered, but not counted as a resection
     * in the patient's history, since it removes no lymph nodes and the pathway after it is not the one after
     * resection.
     */
    public static final CodeSet RECTAL_LOCAL_EXCISION = CodeSetFile.named("rectal-local-excision");
    /** Removal of liver or lung metastases (no SNOMED CT "metastasectomy" concept was found). */
    public static final CodeSet METASTASECTOMY = CodeSetFile.named("metastasectomy");
    /** Radiotherapy as a course, phase or category, including the inactive legacy concept. */
    public static final CodeSet RADIOTHERAPY = CodeSetFile.named("radiotherapy");
    /** Chemoradiation counts as both radiotherapy and systemic therapy. */
    public static final CodeSet CHEMORADIATION = CodeSetFile.named("chemoradiation");

    public static final CodeSet CHEMOTHERAPY = CodeSetFile.named("chemotherapy");
    /** Active surveillance of the primary (watch-and-wait, organ preservation), as a Procedure. */
    public static final CodeSet WATCH_AND_WAIT = CodeSetFile.named("watch-and-wait");

    // ---- Response and MRI risk (where the patient is in treatment; how high the risk is) -----------------------

    /** The mCODE CancerDiseaseStatus observation code. */
    public static final CodeSet CANCER_DISEASE_STATUS = CodeSetFile.named("cancer-disease-status");
    /** Disease-status values that mean a complete response (no code tells a clinical complete response apart). */
    public static final CodeSet COMPLETE_RESPONSE_STATUS = CodeSetFile.named("complete-response-status");
    /** The disease-status value that means worsening: regrowth during watch-and-wait, or progression. */
    public static final CodeSet PROGRESSION_STATUS = CodeSetFile.named("progression-status");

    public static final CodeSet MESORECTAL_FASCIA_INVOLVED = CodeSetFile.named("mesorectal-fascia-involved");
    /** The distance from the tumour to the mesorectal fascia on MRI, in mm. */
    public static final CodeSet MESORECTAL_FASCIA_DISTANCE = CodeSetFile.named("mesorectal-fascia-distance");

    public static final CodeSet EXTRAMURAL_VENOUS_INVASION = CodeSetFile.named("extramural-venous-invasion");
    /** No standard code exists: a local convention (a RAPIDO high-risk criterion). */
    public static final CodeSet LATERAL_LYMPH_NODES_ENLARGED = CodeSetFile.named("lateral-lymph-nodes-enlarged");

    public static final CodeSet FINDING_PRESENT = CodeSetFile.named("finding-present");
    public static final CodeSet FINDING_ABSENT = CodeSetFile.named("finding-absent");

    // ---- Biomarkers, performance status and pregnancy (the guideline layer's inputs) ---------------------------

    /** Microsatellite instability results (molecular or immunostain). */
    public static final CodeSet MSI_STATUS = CodeSetFile.named("msi-status");

    public static final CodeSet MSI_HIGH = CodeSetFile.named("msi-high");
    /** Stable or MSI-L: both are managed as microsatellite stable. */
    public static final CodeSet MSI_STABLE = CodeSetFile.named("msi-stable");

    public static final CodeSet MSI_INDETERMINATE = CodeSetFile.named("msi-indeterminate");
    /** Immunohistochemistry of one mismatch-repair protein (MLH1, MSH2, MSH6, PMS2). */
    public static final CodeSet MMR_PROTEIN_IHC = CodeSetFile.named("mmr-protein-ihc");
    /** An overall mismatch-repair result, its proteins possibly as components (MII molecular tumour board). */
    public static final CodeSet MMR_IHC_PANEL = CodeSetFile.named("mmr-ihc-panel");

    public static final CodeSet MMR_PROTEIN_LOST = CodeSetFile.named("mmr-protein-lost");
    public static final CodeSet MMR_PROTEIN_INTACT = CodeSetFile.named("mmr-protein-intact");
    public static final CodeSet MMR_DEFICIENT = CodeSetFile.named("mmr-deficient");
    public static final CodeSet MMR_PROFICIENT = CodeSetFile.named("mmr-proficient");
    /** A variant Observation of HL7 Genomics Reporting and mCODE; its gene is a component. */
    public static final CodeSet GENETIC_VARIANT = CodeSetFile.named("genetic-variant");

    public static final CodeSet GENE_STUDIED = CodeSetFile.named("gene-studied");
    public static final CodeSet VARIANT_PRESENT = CodeSetFile.named("variant-present");
    public static final CodeSet VARIANT_ABSENT = CodeSetFile.named("variant-absent");
    public static final CodeSet GENE_KRAS = CodeSetFile.named("gene-kras");
    public static final CodeSet GENE_NRAS = CodeSetFile.named("gene-nras");
    public static final CodeSet GENE_BRAF = CodeSetFile.named("gene-braf");
    public static final CodeSet GENE_ERBB2 = CodeSetFile.named("gene-erbb2");
    /** HGVS and variant-identifier components, which say which variant was found. */
    public static final CodeSet VARIANT_CHANGE = CodeSetFile.named("variant-change");
    /** Gene-specific result codes whose value names the mutation found (or says none was). */
    public static final CodeSet KRAS_MUTATION_RESULT = CodeSetFile.named("kras-mutation-result");

    public static final CodeSet RAS_MUTATION_RESULT = CodeSetFile.named("ras-mutation-result");
    public static final CodeSet BRAF_V600E_IHC = CodeSetFile.named("braf-v600e-ihc");
    public static final CodeSet RESULT_POSITIVE = CodeSetFile.named("result-positive");
    public static final CodeSet RESULT_NEGATIVE = CodeSetFile.named("result-negative");
    public static final CodeSet HER2_STATUS = CodeSetFile.named("her2-status");
    public static final CodeSet CEA = CodeSetFile.named("cea");
    public static final CodeSet ECOG_PERFORMANCE_STATUS = CodeSetFile.named("ecog-performance-status");
    public static final CodeSet KARNOFSKY_PERFORMANCE_STATUS = CodeSetFile.named("karnofsky-performance-status");
    /** The coded ECOG grades 0-5, by grade. */
    public static final java.util.List<CodeSet> ECOG_GRADES = java.util.stream.IntStream.rangeClosed(0, 5)
            .mapToObj(g -> CodeSetFile.named("ecog-grade-" + g))
            .toList();

    public static final CodeSet PREGNANCY_STATUS = CodeSetFile.named("pregnancy-status");
    public static final CodeSet PREGNANT = CodeSetFile.named("pregnant");
    public static final CodeSet POSSIBLY_PREGNANT = CodeSetFile.named("possibly-pregnant");
    public static final CodeSet NOT_PREGNANT = CodeSetFile.named("not-pregnant");

    /** The biomarker results the guideline layer reads: the {@code biomarkers} prefetch template. */
    public static final CodeSet BIOMARKERS_USED = CodeSet.union(
            "Biomarker results the rules use",
            MSI_STATUS,
            MMR_PROTEIN_IHC,
            MMR_IHC_PANEL,
            GENETIC_VARIANT,
            KRAS_MUTATION_RESULT,
            RAS_MUTATION_RESULT,
            BRAF_V600E_IHC,
            HER2_STATUS,
            CEA);
    /** Performance status and pregnancy: the {@code patientStatus} prefetch template. */
    public static final CodeSet PATIENT_STATUS_USED = CodeSet.union(
            "Patient status the rules use", ECOG_PERFORMANCE_STATUS, KARNOFSKY_PERFORMANCE_STATUS, PREGNANCY_STATUS);

    // Drugs are not a code set: AntineoplasticDrugs maps every code of a drug (RxNorm, NDC) to its ingredient.

    /**
     * Every observation code the rules read. It defines the observations prefetch template and which observations
     * are turned into FHIR model objects at all (labs and vitals are skipped unread).
     */
    public static final CodeSet OBSERVATIONS_USED = CodeSet.union(
            "Observations the rules use",
            StagingCodes.OBSERVATION_CODES,
            DISTANCE_FROM_ANAL_VERGE,
            RESECTABILITY_ASSESSMENT,
            DISTANT_METASTASIS_OBSERVATION,
            CANCER_DISEASE_STATUS,
            MESORECTAL_FASCIA_INVOLVED,
            MESORECTAL_FASCIA_DISTANCE,
            EXTRAMURAL_VENOUS_INVASION,
            LATERAL_LYMPH_NODES_ENLARGED);

    // ---- Other primary cancers (for attributing staging data without focus) ------------------------------------

    /**
     * True for a primary malignancy code other than rectal or rectosigmoid cancer: ICD-10 C00–C76 and C80–C97
     * (C77–C79 are secondaries). SNOMED-only codes of other cancers are recognised by the mCODE primary-cancer profile.
     */
    public static boolean isOtherPrimaryCancerIcd10(String system, String code) {
        String icd = icd10(system, code);
        if (icd == null
                || icd.length() < 3
                || icd.charAt(0) != 'C'
                || RECTAL_CANCER.contains(system, code)
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
    public static final CodeSet CANCER_CONDITION_CODES = CodeSet.union(
            "Cancer conditions",
            RECTAL_CANCER,
            RECTOSIGMOID_CANCER,
            CANCER_NEEDING_TOPOGRAPHY,
            NEOPLASTIC_DISEASE_NEEDING_MORPHOLOGY,
            COLORECTAL_CANCER_SITE_IN_BODY_SITE,
            RECTAL_CANCER_AMBIGUOUS_SITE,
            RECTAL_MALIGNANCY_OTHER_HISTOLOGY,
            RECTAL_CANCER_LOCAL_RECURRENCE,
            RECTAL_CARCINOMA_IN_SITU,
            MESORECTAL_MALIGNANCY,
            SECONDARY_CANCER_OF_RECTUM,
            METASTASIS_OF_RECTAL_CANCER,
            LIVER_METASTASIS,
            LUNG_METASTASIS,
            PERITONEAL_METASTASIS,
            BRAIN_METASTASIS,
            BONE_METASTASIS,
            DISTANT_LYMPH_NODE_METASTASIS,
            SECONDARY_CANCER_BY_BODY_SITE);

    /**
     * True for a Condition code the extraction must see: every code it classifies, and any code that looks like
     * rectal or rectosigmoid cancer in a system Ampulla does not know as ICD-10 ({@code C20} under a local system),
     * which gets a "not recognised" card rather than silence.
     */
    public static boolean isCancerCondition(String system, String code) {
        return CANCER_CONDITION_CODES.contains(system, code)
                || isOtherPrimaryCancerIcd10(system, code)
                || isSecondaryCancerIcd10(system, code)
                || looksLikeRectalIcdCodeElsewhere(system, code);
    }

    /** {@code C19…} or {@code C20…} under a system that is not an edition of ICD-10 (or no system at all). */
    public static boolean looksLikeRectalIcdCodeElsewhere(String system, String code) {
        if (code == null || icd10(system, code) != null) {
            return false;
        }
        String c = CodeComparison.ICD_10.normalise(code);
        return c != null && (c.startsWith("C19") || c.startsWith("C20"));
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
        return icd != null
                && (icd.startsWith("C78")
                        || icd.startsWith("C79")
                        || DISTANT_LYMPH_NODE_METASTASIS.contains(system, code));
    }

    /** The code normalised as ICD-10 compares codes, when the system is an edition of ICD-10; else null. */
    private static String icd10(String system, String code) {
        CodeSystemIdentity identity = CodeSystemRegistry.identify(system);
        return identity == null || identity.comparison() != CodeComparison.ICD_10 ? null : identity.normalise(code);
    }

    private CodeSets() {}
}
