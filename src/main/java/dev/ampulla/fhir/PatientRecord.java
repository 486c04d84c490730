package dev.ampulla.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;

/**
 * The patient data the clinical core reads: every Condition and Procedure, and the Observations whose code the
 * rules use (staging, tumour location, resectability). Other observations (labs, vitals) are never turned into
 * model objects. {@code proceduresKnown} is false when the client provided no Procedures at all (as opposed to
 * none existing), so treatment history can only be judged from pathological staging.
 */
public record PatientRecord(List<Condition> conditions, List<Observation> observations, List<Procedure> procedures,
        boolean proceduresKnown) {

    public PatientRecord {
        conditions = List.copyOf(conditions);
        observations = List.copyOf(observations);
        procedures = List.copyOf(procedures);
    }
}
