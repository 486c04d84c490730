package dev.ampulla.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.fhir.Fhir;
import dev.ampulla.support.Fhir4;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderExtractorTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private static ObjectNode serviceRequest(String id, String status, ObjectNode code, ObjectNode category) {
        ObjectNode sr = M.createObjectNode()
                .put("resourceType", "ServiceRequest")
                .put("id", id)
                .put("intent", "order");
        if (status != null) {
            sr.put("status", status);
        }
        if (code != null) {
            sr.set("code", code);
        }
        if (category != null) {
            sr.putArray("category").add(category);
        }
        return sr;
    }

    private static ObjectNode medication(String id, String rxnorm) {
        ObjectNode mr = M.createObjectNode()
                .put("resourceType", "MedicationRequest")
                .put("id", id)
                .put("status", "draft");
        mr.set("medicationCodeableConcept", Fhir4.concept(RXNORM, rxnorm));
        return mr;
    }

    private static List<TreatmentOrder> classify(ObjectNode... orders) {
        return OrderExtractor.treatmentOrders(Fhir.readOrders(List.of(orders)).orders());
    }

    @Test
    void recognisesEachKindOfTreatmentOrder() {
        List<TreatmentOrder> orders = classify(
                serviceRequest("rt", "draft", Fhir4.concept(Fhir4.SCT, "1217123003"), null),
                serviceRequest("crt", "draft", Fhir4.concept(Fhir4.SCT, "703423002"), null),
                serviceRequest("imrt-by-category", "draft", null, Fhir4.concept(Fhir4.SCT, "1287742003")),
                serviceRequest("apr", "draft", Fhir4.concept(Fhir4.SCT, "265414003"), null),
                serviceRequest("chemo", "draft", Fhir4.concept(Fhir4.SCT, "367336001"), null),
                medication("cape", "194000"),
                serviceRequest("liver", "draft", Fhir4.concept(Fhir4.SCT, "72106008"), null));
        assertEquals(
                List.of(
                        OrderKind.RADIOTHERAPY,
                        OrderKind.CHEMORADIATION,
                        OrderKind.RADIOTHERAPY,
                        OrderKind.RECTAL_SURGERY,
                        OrderKind.SYSTEMIC_THERAPY,
                        OrderKind.SYSTEMIC_THERAPY,
                        OrderKind.METASTASECTOMY),
                orders.stream().map(TreatmentOrder::kind).toList());
        assertEquals("ServiceRequest/rt", orders.get(0).reference());
        assertEquals("MedicationRequest/cape", orders.get(5).reference());
        assertTrue(orders.get(1).kind().includesRadiotherapy(), "chemoradiation counts as radiotherapy");
    }

    @Test
    void theCodeDecidesBeforeTheCategory() {
        List<TreatmentOrder> orders = classify(serviceRequest(
                "apr", "draft", Fhir4.concept(Fhir4.SCT, "265414003"), Fhir4.concept(Fhir4.SCT, "1287742003")));
        assertEquals(OrderKind.RECTAL_SURGERY, orders.get(0).kind());
    }

    @Test
    void otherOrdersAndClosedOrdersAreNotTreatment() {
        assertTrue(classify(
                        serviceRequest(
                                "cea",
                                "draft",
                                Fhir4.concept(Fhir4.LOINC, "2039-6"),
                                Fhir4.concept(Fhir4.SCT, "108252007")),
                        serviceRequest("revoked", "revoked", Fhir4.concept(Fhir4.SCT, "1217123003"), null),
                        serviceRequest("done", "completed", Fhir4.concept(Fhir4.SCT, "1217123003"), null),
                        medication("paracetamol", "161"))
                .isEmpty());
        assertEquals(
                1,
                classify(serviceRequest("no-status", null, Fhir4.concept(Fhir4.SCT, "1217123003"), null))
                        .size(),
                "clients that omit the status still get checked");
    }
}
