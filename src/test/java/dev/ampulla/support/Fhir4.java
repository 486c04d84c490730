package dev.ampulla.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.fhir.PatientRecordBuilder;
import dev.ampulla.service.ClinicalSelection;

/** Small builders of FHIR R4 JSON for unit tests; each returns an ObjectNode that tests may adjust. */
public final class Fhir4 {
    public static final String SCT = "http://snomed.info/sct";
    public static final String LOINC = "http://loinc.org";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String AJCC = "http://cancerstaging.org";
    private static final ObjectMapper M = new ObjectMapper();

    private Fhir4() {}

    public static ObjectNode concept(String system, String code) {
        ObjectNode cc = M.createObjectNode();
        cc.putArray("coding").addObject().put("system", system).put("code", code);
        return cc;
    }

    public static ObjectNode rectalPrimary(String id) {
        return condition(id, SCT, "363351006");
    }

    public static ObjectNode condition(String id, String system, String code) {
        ObjectNode c = M.createObjectNode().put("resourceType", "Condition").put("id", id);
        c.set("clinicalStatus", concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"));
        c.set("verificationStatus", concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));
        c.set("code", concept(system, code));
        c.putObject("subject").put("reference", "Patient/p");
        c.put("onsetDateTime", "2025-01-01");
        return c;
    }

    public static ObjectNode withQualifier(ObjectNode condition, String qualifierCode) {
        ObjectNode site = concept(SCT, "34402009");
        site.putArray("extension")
                .addObject()
                .put("url", "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-body-location-qualifier")
                .set("valueCodeableConcept", concept(SCT, qualifierCode));
        condition.putArray("bodySite").add(site);
        return condition;
    }

    public static ObjectNode secondary(String id, String snomed, String primaryId) {
        ObjectNode c = condition(id, SCT, snomed);
        if (primaryId != null) {
            c.putArray("extension")
                    .addObject()
                    .put("url", "http://hl7.org/fhir/StructureDefinition/condition-related")
                    .putObject("valueReference")
                    .put("reference", "Condition/" + primaryId);
        }
        return c;
    }

    /** A TNM observation: LOINC code, AJCC value (e.g. {@code cT3}, {@code IIIB}). */
    public static ObjectNode tnm(String id, String loinc, String ajccValue, String date, String focusId) {
        ObjectNode o = observation(id, LOINC, loinc, date, focusId);
        o.set("valueCodeableConcept", concept(AJCC, ajccValue));
        return o;
    }

    public static ObjectNode distance(String id, double cm, String date, String focusId) {
        ObjectNode o = observation(id, "http://dicom.nema.org/resources/ontology/DCM", "112233", date, focusId);
        o.putObject("valueQuantity")
                .put("value", cm)
                .put("unit", "cm")
                .put("system", "http://unitsofmeasure.org")
                .put("code", "cm");
        return o;
    }

    public static ObjectNode resectability(String id, String value, String date, String focusId) {
        ObjectNode o =
                observation(id, "https://ampulla.dev/fhir/CodeSystem/observation-code", "resectability", date, focusId);
        o.set("valueCodeableConcept", concept("https://ampulla.dev/fhir/CodeSystem/resectability", value));
        return o;
    }

    public static ObjectNode procedure(String id, String snomed, String date) {
        ObjectNode p = M.createObjectNode()
                .put("resourceType", "Procedure")
                .put("id", id)
                .put("status", "completed");
        p.set("code", concept(SCT, snomed));
        p.putObject("subject").put("reference", "Patient/p");
        p.put("performedDateTime", date);
        return p;
    }

    private static ObjectNode observation(String id, String system, String code, String date, String focusId) {
        ObjectNode o = M.createObjectNode()
                .put("resourceType", "Observation")
                .put("id", id)
                .put("status", "final");
        o.set("code", concept(system, code));
        o.putObject("subject").put("reference", "Patient/p");
        if (focusId != null) {
            o.putArray("focus").addObject().put("reference", "Condition/" + focusId);
        }
        o.put("effectiveDateTime", date);
        return o;
    }

    public static ObjectNode bundle(JsonNode... resources) {
        ObjectNode b = M.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = b.putArray("entry");
        for (JsonNode r : resources) {
            entries.addObject().set("resource", r);
        }
        return b;
    }

    public static PatientRecord record(JsonNode... resources) {
        return new PatientRecordBuilder(ClinicalSelection.INSTANCE)
                .add(bundle(resources))
                .build();
    }
}
