package dev.ampulla.service;

import dev.ampulla.knowledge.Code;
import dev.ampulla.knowledge.CodeSets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The prefetch templates Ampulla asks for (CDS Hooks 2.0 §Prefetch). Only {@code {{context.patientId}}} tokens, reads
 * and token searches by equality are used, so every conformant client can satisfy them.
 */
public enum PrefetchKey {
    /** The birth date, for the patient's age (the fitness check). */
    PATIENT("patient", "Patient/{{context.patientId}}", Need.OPTIONAL),
    CONDITIONS("conditions", "Condition?patient={{context.patientId}}", Need.REQUIRED),
    /**
     * The codes without their system: records write LOINC and SNOMED CT under OIDs or other spellings as well
     * ({@code urn:oid:2.16.840.1.113883.6.1}), which a {@code system|code} token would not find. A code of another
     * system that happens to be equal only brings a resource the extraction then ignores.
     */
    OBSERVATIONS(
            "observations",
            "Observation?patient={{context.patientId}}&code="
                    + CodeSets.OBSERVATIONS_USED.codes().stream()
                            .map(Code::code)
                            .distinct()
                            .collect(Collectors.joining(",")),
            Need.REQUIRED),
    PROCEDURES("procedures", "Procedure?patient={{context.patientId}}", Need.OPTIONAL),
    /** Systemic therapy given or being given, for where the patient is in treatment. */
    MEDICATION_ADMINISTRATIONS(
            "medicationAdministrations",
            "MedicationAdministration?patient={{context.patientId}}" + "&status=completed,in-progress,stopped",
            Need.OPTIONAL),
    MEDICATION_STATEMENTS(
            "medicationStatements",
            "MedicationStatement?patient={{context.patientId}}" + "&status=completed,active,stopped",
            Need.OPTIONAL),
    MEDICATION_REQUESTS(
            "medicationRequests",
            "MedicationRequest?patient={{context.patientId}}" + "&status=active,completed",
            Need.OPTIONAL),
    /** MSI, mismatch repair, RAS, BRAF, HER2 and CEA results (the guideline layer); none is a finding, not an error. */
    BIOMARKERS(
            "biomarkers",
            "Observation?patient={{context.patientId}}&code="
                    + CodeSets.BIOMARKERS_USED.codes().stream()
                            .map(Code::code)
                            .distinct()
                            .collect(Collectors.joining(",")),
            Need.OPTIONAL),
    /** Performance status (ECOG, Karnofsky) and pregnancy status. */
    PATIENT_STATUS(
            "patientStatus",
            "Observation?patient={{context.patientId}}&code="
                    + CodeSets.PATIENT_STATUS_USED.codes().stream()
                            .map(Code::code)
                            .distinct()
                            .collect(Collectors.joining(",")),
            Need.OPTIONAL);

    /** How the rules depend on a key's data. */
    public enum Need {
        /** No card can be trusted without it: 412 when it cannot be obtained. */
        REQUIRED,
        /** Used when provided; without it cards say what could not be checked. */
        OPTIONAL
        // No third kind: discovery asks EHRs only for data the rules read.
    }

    private final String key;
    private final String template;
    private final Need need;

    PrefetchKey(String key, String template, Need need) {
        this.key = key;
        this.template = template;
        this.need = need;
    }

    public String key() {
        return key;
    }

    public String template() {
        return template;
    }

    public Need need() {
        return need;
    }

    /** Whether the key brings medication records: without them, systemic therapy given is judged from Procedures. */
    public boolean isMedicationRecords() {
        return this == MEDICATION_ADMINISTRATIONS || this == MEDICATION_STATEMENTS || this == MEDICATION_REQUESTS;
    }

    public static PrefetchKey byKey(String key) {
        for (PrefetchKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException(key);
    }

    /** The discovery {@code prefetch} object: key → template. */
    public static Map<String, String> templates() {
        Map<String, String> out = new LinkedHashMap<>();
        for (PrefetchKey k : values()) {
            out.put(k.key, k.template);
        }
        return out;
    }

    /** What every service needs from the client, for discovery's {@code usageRequirements}. */
    public static final String USAGE_REQUIREMENTS = "Needs the patient's Conditions (mCODE primary and secondary"
            + " cancer conditions), TNM staging Observations (mCODE, LOINC or SNOMED CT), the tumour's distance from"
            + " the anal verge (DICOM 112233) or a body-site qualifier, a resectability Observation for stage IV,"
            + " Procedures, medication administrations, statements and requests (systemic therapy given), biomarker results"
            + " (MSI, mismatch repair, RAS, BRAF, HER2, CEA), performance and pregnancy status, and the Patient's birth"
            + " date. Keys not"
            + " prefetched are read from fhirServer (with fhirAuthorization's token, if sent).";
}
