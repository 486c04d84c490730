package dev.ampulla.extraction;

import dev.ampulla.knowledge.CodeSet;
import dev.ampulla.knowledge.CodeSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Recognises rectal-cancer treatment among draft orders (clinical-reference §2.9): radiotherapy and chemoradiation
 * by {@code ServiceRequest.code} or {@code category}, rectal resection and metastasectomy by {@code code}, systemic
 * therapy by a chemotherapy procedure code or a {@code MedicationRequest} antineoplastic ingredient. Everything else
 * (labs, imaging, other drugs) is not a treatment order. Orders that were revoked, completed or entered in error are
 * not acted on.
 */
public final class OrderExtractor {

    private OrderExtractor() {
    }

    public static List<TreatmentOrder> treatmentOrders(List<? extends Resource> orders) {
        List<TreatmentOrder> out = new ArrayList<>();
        for (Resource r : orders) {
            TreatmentOrder t = null;
            if (r instanceof ServiceRequest sr && isOpen(sr.getStatus() == null ? null : sr.getStatus().toCode())) {
                t = serviceRequest(sr);
            } else if (r instanceof MedicationRequest mr
                    && isOpen(mr.getStatus() == null ? null : mr.getStatus().toCode())) {
                t = medicationRequest(mr);
            }
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Draft, active (re-signed) or on-hold orders, or orders without a status (some clients omit it). */
    private static boolean isOpen(String status) {
        return status == null || status.equals("draft") || status.equals("active") || status.equals("on-hold");
    }

    /** Code sets that make a ServiceRequest a treatment order, most specific first. */
    private static final List<Map.Entry<CodeSet, OrderKind>> SERVICE_REQUEST_KINDS = List.of(
            Map.entry(CodeSets.CHEMORADIATION, OrderKind.CHEMORADIATION),
            Map.entry(CodeSets.RADIOTHERAPY, OrderKind.RADIOTHERAPY),
            Map.entry(CodeSets.RECTAL_RESECTION, OrderKind.RECTAL_SURGERY),
            Map.entry(CodeSets.METASTASECTOMY, OrderKind.METASTASECTOMY),
            Map.entry(CodeSets.CHEMOTHERAPY, OrderKind.SYSTEMIC_THERAPY));

    /** The code decides; the category only when the code says nothing (a surgery code under a radiotherapy category is surgery). */
    private static TreatmentOrder serviceRequest(ServiceRequest sr) {
        String reference = "ServiceRequest/" + sr.getIdElement().getIdPart();
        String text = sr.getCode().hasText() ? sr.getCode().getText() : null;
        for (List<CodeableConcept> concepts : List.of(List.of(sr.getCode()), sr.getCategory())) {
            for (Map.Entry<CodeSet, OrderKind> kind : SERVICE_REQUEST_KINDS) {
                Coding c = Codings.firstIn(concepts, kind.getKey());
                if (c != null) {
                    return new TreatmentOrder(kind.getValue(), reference, Codings.describe(c), text);
                }
            }
        }
        return null;
    }

    private static TreatmentOrder medicationRequest(MedicationRequest mr) {
        if (!(mr.getMedication() instanceof CodeableConcept medication)) {
            return null; // a referenced Medication resource is not resolved
        }
        Coding c = Codings.firstIn(medication, CodeSets.SYSTEMIC_THERAPY_DRUGS);
        if (c == null) {
            return null;
        }
        return new TreatmentOrder(OrderKind.SYSTEMIC_THERAPY, "MedicationRequest/" + mr.getIdElement().getIdPart(),
                Codings.describe(c), medication.hasText() ? medication.getText() : null);
    }
}
