package dev.ampulla.fhir;

import ca.uhn.fhir.parser.IJsonLikeParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Collects resources held as Jackson trees (prefetch values, fetched answers, a Bundle file) into a
 * {@link PatientRecord}, turning into HAPI model objects only the resources the clinical core needs, and of
 * Conditions and Observations only the elements it reads, as the selection declares them ({@link RuleElementReader};
 * HAPI's parser when their shape is not the plain one). Prefetched and fetched data take this one way.
 */
public final class PatientRecordBuilder {
    private final ResourceSelection selection;
    private final RuleElementReader reader;
    private IJsonLikeParser parser;
    private final List<Condition> conditions = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    private final java.util.Set<String> observationIds = new java.util.HashSet<>();
    private final List<Procedure> procedures = new ArrayList<>();
    private final List<Resource> medications = new ArrayList<>();
    private final Map<String, Medication> medicationsById = new HashMap<>();
    private boolean proceduresKnown = true;
    private boolean medicationsKnown = true;
    private boolean biomarkersKnown = true;
    private boolean statusKnown = true;
    private PatientRecord.Demographics demographics = PatientRecord.Demographics.NOT_PROVIDED;

    public PatientRecordBuilder(ResourceSelection selection) {
        this.selection = selection;
        this.reader = new RuleElementReader(selection);
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
            case "Condition" -> {
                if (isRelevantCondition(resource)) {
                    Condition condition = reader.condition(resource);
                    conditions.add(
                            condition != null
                                    ? condition
                                    : Fhir.parse(parser(), reader.ruleElements(resource), Condition.class));
                }
            }
            case "Procedure" -> procedures.add(Fhir.parse(parser(), reader.ruleElements(resource), Procedure.class));
            case "MedicationAdministration" ->
                medications.add(Fhir.parse(parser(), resource, MedicationAdministration.class));
            case "MedicationStatement" -> medications.add(Fhir.parse(parser(), resource, MedicationStatement.class));
            case "MedicationRequest" -> medications.add(Fhir.parse(parser(), resource, MedicationRequest.class));
            case "Medication" -> {
                Medication m = Fhir.parse(parser(), resource, Medication.class);
                if (m.getIdElement().getIdPart() != null) {
                    medicationsById.put(m.getIdElement().getIdPart(), m);
                }
            }
            case "Observation" -> {
                // the same Observation under two prefetch keys (observations and biomarkers) is read once
                String id = resource.path("id").asText(null);
                if (isRelevant(resource) && (id == null || !observationIds.contains(id))) {
                    Observation observation = reader.observation(resource);
                    observations.add(
                            observation != null
                                    ? observation
                                    : Fhir.parse(parser(), reader.ruleElements(resource), Observation.class));
                    if (id != null) {
                        observationIds.add(id);
                    }
                }
            }
            case "Patient" ->
                demographics = new PatientRecord.Demographics(birthDate(resource.path("birthDate")), true);
            default -> {
                // labs' DiagnosticReports, OperationOutcome entries…: not used by the rules.
            }
        }
        return this;
    }

    /** A full birth date; a year or year-month alone (FHIR allows them) is taken as its first day. */
    private static java.time.LocalDate birthDate(JsonNode node) {
        String text = node.isTextual() ? node.asText() : "";
        try {
            return switch (text.length()) {
                case 10 -> java.time.LocalDate.parse(text);
                case 7 -> java.time.LocalDate.parse(text + "-01");
                case 4 -> java.time.LocalDate.parse(text + "-01-01");
                default -> null;
            };
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private IJsonLikeParser parser() {
        if (parser == null) {
            parser = Fhir.patientDataParser();
        }
        return parser;
    }

    /**
     * Adds resources (fetched from a FHIR server, as JSON) all together, each as {@link #add} does: when one is
     * unreadable, none of them is kept and the {@link UnreadableResourceException} is thrown.
     */
    public PatientRecordBuilder addAll(List<? extends JsonNode> resources) {
        int conditionCount = conditions.size();
        int observationCount = observations.size();
        int procedureCount = procedures.size();
        int medicationCount = medications.size();
        try {
            for (JsonNode resource : resources) {
                add(resource);
            }
        } catch (RuntimeException e) {
            conditions.subList(conditionCount, conditions.size()).clear();
            List<Observation> dropped = observations.subList(observationCount, observations.size());
            dropped.forEach(o -> observationIds.remove(o.getIdElement().getIdPart()));
            dropped.clear();
            procedures.subList(procedureCount, procedures.size()).clear();
            medications.subList(medicationCount, medications.size()).clear();
            throw e;
        }
        return this;
    }

    /**
     * A resource is skipped only when its codes are well-formed and none is relevant. A malformed {@code code} is
     * left to the FHIR parser, which refuses it: a diagnosis must never vanish because it was written wrongly.
     */
    private boolean isRelevant(ObjectNode observation) {
        return hasRelevantOrMalformedCode(observation, selection::isRelevantObservation);
    }

    private boolean isRelevantCondition(ObjectNode condition) {
        for (JsonNode profile : condition.path("meta").path("profile")) {
            if (selection.isRelevantConditionProfile(profile.asText())) {
                return true;
            }
        }
        if (hasRelevantOrMalformedCode(condition, selection::isRelevantCondition)) {
            return true;
        }
        JsonNode code = condition.path("code");
        if (selection.isRelevantConditionText(code.path("text").asText(null))) {
            return true;
        }
        for (JsonNode coding : code.path("coding")) {
            if (selection.isRelevantConditionText(coding.path("display").asText(null))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasRelevantOrMalformedCode(ObjectNode resource, BiPredicate<String, String> relevant) {
        JsonNode code = resource.get("code");
        if (code == null) {
            return false;
        }
        JsonNode codings = code.get("coding");
        if (!code.isObject() || (codings != null && !codings.isArray())) {
            return true;
        }
        if (codings == null) {
            return false;
        }
        for (JsonNode coding : codings) {
            JsonNode system = coding.get("system");
            JsonNode value = coding.get("code");
            if (!coding.isObject()
                    || (system != null && !system.isTextual())
                    || (value != null && !value.isTextual())
                    || relevant.test(system == null ? null : system.asText(), value == null ? null : value.asText())) {
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

    /** Records that the patient's medication records could not be obtained. */
    public PatientRecordBuilder medicationsUnknown() {
        medicationsKnown = false;
        return this;
    }

    /** Records that the patient's biomarker results could not be obtained. */
    public PatientRecordBuilder biomarkersUnknown() {
        biomarkersKnown = false;
        return this;
    }

    /** Records that the patient's performance status and pregnancy status could not be obtained. */
    public PatientRecordBuilder statusUnknown() {
        statusKnown = false;
        return this;
    }

    public PatientRecord build() {
        return new PatientRecord(
                conditions,
                observations,
                procedures,
                medications,
                medicationsById,
                proceduresKnown,
                medicationsKnown,
                demographics,
                biomarkersKnown,
                statusKnown);
    }
}
