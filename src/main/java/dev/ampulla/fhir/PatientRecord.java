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
 * opposed to none existing), so treatment history may be incomplete.
 */
public record PatientRecord(List<Condition> conditions, List<Observation> observations, List<Procedure> procedures,
        List<Resource> medications, Map<String, Medication> medicationsById, boolean proceduresKnown,
        boolean medicationsKnown) {

    public PatientRecord {
        conditions = List.copyOf(conditions);
        observations = List.copyOf(observations);
        procedures = List.copyOf(procedures);
        medications = List.copyOf(medications);
        medicationsById = Map.copyOf(medicationsById);
    }

    public PatientRecord(List<Condition> conditions, List<Observation> observations, List<Procedure> procedures,
            boolean proceduresKnown) {
        this(conditions, observations, procedures, List.of(), new HashMap<>(), proceduresKnown, true);
    }

    /** A Medication sent beside the medication records, by id, or null. */
    public Medication medication(String id) {
        return id == null ? null : medicationsById.get(id);
    }
}
