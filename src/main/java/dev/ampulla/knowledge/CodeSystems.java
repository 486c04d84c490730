package dev.ampulla.knowledge;

/** Canonical URIs of the code systems Ampulla reads and writes. */
public final class CodeSystems {
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String LOINC = "http://loinc.org";
    public static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    /** WHO ICD-10; treated like ICD-10-CM for the three-character codes we use (C18, C19, C20). */
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

    public static final String ICD_O_3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";
    public static final String AJCC = "http://cancerstaging.org";
    public static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    public static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    /** Ampulla's own code systems (ENG), published as CodeSystem resources under src/main/resources/knowledge. */
    public static final String AMPULLA_BASE = "https://ampulla.dev/fhir";

    public static final String AMPULLA_OBSERVATION_CODE = AMPULLA_BASE + "/CodeSystem/observation-code";
    public static final String AMPULLA_RESECTABILITY = AMPULLA_BASE + "/CodeSystem/resectability";
    public static final String AMPULLA_CARD_TOPIC = AMPULLA_BASE + "/CodeSystem/card-topic";
    public static final String AMPULLA_OVERRIDE_REASON = AMPULLA_BASE + "/CodeSystem/override-reason";

    /** mCODE extensions and profiles. */
    public static final String MCODE_BODY_LOCATION_QUALIFIER =
            "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-body-location-qualifier";

    public static final String MCODE_PRIMARY_CANCER_CONDITION =
            "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition";
    public static final String MCODE_SECONDARY_CANCER_CONDITION =
            "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-secondary-cancer-condition";
    public static final String CONDITION_RELATED = "http://hl7.org/fhir/StructureDefinition/condition-related";
    /** ICD-O-3 morphology with behaviour ({@code 8140/3}) on a primary cancer Condition: mCODE, and MII Onkologie. */
    public static final String MCODE_HISTOLOGY_MORPHOLOGY =
            "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior";

    public static final String MII_HISTOLOGY_MORPHOLOGY = "https://www.medizininformatik-initiative.de/fhir/ext/"
            + "modul-onko/StructureDefinition/mii-ex-onko-histology-morphology-behavior-icdo3";
    /** mCODE's treatment intent of a procedure or order (curative, palliative…). */
    public static final String MCODE_PROCEDURE_INTENT =
            "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-procedure-intent";
    /** CodeX radiotherapy: the dose a course or phase prescribes to a volume (its {@code volume} BodyStructure). */
    public static final String CODEXRT_DOSE_PRESCRIBED_TO_VOLUME = "http://hl7.org/fhir/us/codex-radiation-therapy/"
            + "StructureDefinition/codexrt-radiotherapy-dose-prescribed-to-volume";
    /** The c/p/u prefix of a TNM category: on {@code Observation.code} (MII), on a component (DKTK). */
    public static final String MII_TNM_PREFIX = "https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/"
            + "StructureDefinition/mii-ex-onko-tnm-cp-praefix";
    /** DKTK onco-core: the primary diagnosis names its distant-metastasis Observations with this extension. */
    public static final String DKTK_DISTANT_METASTASES =
            "http://dktk.dkfz.de/fhir/StructureDefinition/onco-core-Extension-Fernmetastasen";

    public static final String DKTK_TNM_PREFIX =
            "http://dktk.dkfz.de/fhir/StructureDefinition/onco-core-Extension-TNMcpuPraefix";

    private CodeSystems() {}
}
