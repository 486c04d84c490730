package dev.ampulla.fhir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * The patient data the clinical core reads: every Condition and Procedure, the Observations whose code the rules use
 * (staging, tumour location, resectability, disease status, MRI risk features), and the medication records
 * (MedicationAdministration, MedicationStatement, MedicationRequest) with the Medications sent beside them. Other
 * observations (labs, vitals) are never turned into model objects. {@code proceduresKnown} and
 * {@code medicationsKnown} are false when the client provided no Procedures, or no medication records, at all (as
 * opposed to none existing), so treatment history may be incomplete; {@code biomarkersKnown} and
 * {@code statusKnown} likewise for biomarker results and for performance status and pregnancy.
 */
public record PatientRecord(
        List<Condition> conditions,
        List<Observation> observations,
        List<Procedure> procedures,
        List<Resource> medications,
        Map<String, Medication> medicationsById,
        boolean proceduresKnown,
        boolean medicationsKnown,
        Demographics demographics,
        boolean biomarkersKnown,
        boolean statusKnown) {

    public PatientRecord {
        conditions = List.copyOf(conditions);
        observations = List.copyOf(observations);
        procedures = List.copyOf(procedures);
        medications = List.copyOf(medications);
        medicationsById = Map.copyOf(medicationsById);
    }

    public PatientRecord(
            List<Condition> conditions,
            List<Observation> observations,
            List<Procedure> procedures,
            boolean proceduresKnown) {
        this(
                conditions,
                observations,
                procedures,
                List.of(),
                new HashMap<>(),
                proceduresKnown,
                true,
                Demographics.NOT_PROVIDED,
                true,
                true);
    }

    /**
     * The Patient resource's birth date ({@code null} when it gives none); {@code known} is false when the EHR did
     * not provide the Patient resource at all.
     */
    public record Demographics(java.time.LocalDate birthDate, boolean known) {
        public static final Demographics NOT_PROVIDED = new Demographics(null, false);
    }

    /** A Medication sent beside the medication records, by id, or null. */
    public Medication medication(String id) {
        return id == null ? null : medicationsById.get(id);
    }
}
