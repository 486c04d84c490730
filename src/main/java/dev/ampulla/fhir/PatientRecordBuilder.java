package dev.ampulla.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Collects resources held as Jackson trees (prefetch values, a Bundle file) into a {@link PatientRecord}, turning into
 * HAPI model objects only the resources the clinical core needs.
 */
public final class PatientRecordBuilder {
    private final ObservationFilter observationFilter;
    private final List<Condition> conditions = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    private final List<Procedure> procedures = new ArrayList<>();
    private boolean proceduresKnown = true;

    public PatientRecordBuilder(ObservationFilter observationFilter) {
        this.observationFilter = observationFilter;
    }

    /** Adds one resource, or every entry of a Bundle; other resource types are skipped. */
    public PatientRecordBuilder add(JsonNode resourceOrBundle) {
        if (!(resourceOrBundle instanceof ObjectNode resource)) {
            return this;
        }
        switch (resource.path("resourceType").asText("")) {
            case "Bundle" -> {
                for (JsonNode entry : resource.path("entry")) {
                    add(entry.path("resource"));
                }
            }
            case "Condition" -> conditions.add(Fhir.parse(resource, Condition.class));
            case "Procedure" -> procedures.add(Fhir.parse(resource, Procedure.class));
            case "Observation" -> {
                if (isRelevant(resource)) {
                    observations.add(Fhir.parse(resource, Observation.class));
                }
            }
            default -> {
                // Patient, labs' DiagnosticReports, OperationOutcome entries…: not used by the rules.
            }
        }
        return this;
    }

    /** Adds resources already parsed by HAPI (fetched from a FHIR server); the same selection applies. */
    public PatientRecordBuilder addAll(List<Resource> resources) {
        for (Resource r : resources) {
            if (r instanceof Condition c) {
                conditions.add(c);
            } else if (r instanceof Procedure p) {
                procedures.add(p);
            } else if (r instanceof Observation o && isRelevant(o)) {
                observations.add(o);
            }
        }
        return this;
    }

    private boolean isRelevant(Observation observation) {
        for (Coding c : observation.getCode().getCoding()) {
            if (observationFilter.isRelevant(c.getSystem(), c.getCode())) {
                return true;
            }
        }
        return false;
    }

    private boolean isRelevant(ObjectNode observation) {
        for (JsonNode coding : observation.path("code").path("coding")) {
            if (observationFilter.isRelevant(coding.path("system").asText(null), coding.path("code").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /** Records that the patient's Procedures could not be obtained. */
    public PatientRecordBuilder proceduresUnknown() {
        proceduresKnown = false;
        return this;
    }

    public PatientRecord build() {
        return new PatientRecord(conditions, observations, procedures, proceduresKnown);
    }
}
