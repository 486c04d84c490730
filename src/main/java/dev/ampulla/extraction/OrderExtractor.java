package dev.ampulla.extraction;

import dev.ampulla.knowledge.Code;
import dev.ampulla.knowledge.CodeSet;
import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.knowledge.CodeSystems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
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
        Map<String, Medication> medications = new HashMap<>();
        for (Resource r : orders) {
            if (r instanceof Medication m && m.getIdElement().getIdPart() != null) {
                medications.put(m.getIdElement().getIdPart(), m);
            }
        }
        for (Resource r : orders) {
            TreatmentOrder t = null;
            if (r instanceof ServiceRequest sr && isOpen(sr.getStatus() == null ? null : sr.getStatus().toCode())) {
                t = serviceRequest(sr);
            } else if (r instanceof MedicationRequest mr
                    && isOpen(mr.getStatus() == null ? null : mr.getStatus().toCode())) {
                t = medicationRequest(mr, medications);
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
                    Aim aim = aimOf(sr);
                    return new TreatmentOrder(kind.getValue(), reference, Codings.describe(c), text,
                            reasonConditions(sr.getReasonReference()), aim.target(), aim.evidence());
                }
            }
        }
        return null;
    }

    private static TreatmentOrder medicationRequest(MedicationRequest mr, Map<String, Medication> beside) {
        CodeableConcept medication;
        String via = "";
        if (mr.getMedication() instanceof CodeableConcept concept) {
            medication = concept;
        } else if (mr.getMedication() instanceof Reference reference) {
            Medication m = resolve(mr, reference, beside);
            if (m == null) {
                return null; // a Medication neither contained nor sent beside the orders is not fetched yet
            }
            medication = drugOf(m);
            via = reference.getReference() + ": ";
        } else {
            return null;
        }
        Coding c = Codings.firstIn(medication, CodeSets.SYSTEMIC_THERAPY_DRUGS);
        if (c == null) {
            c = Codings.firstIn(medication, CodeSets.SYSTEMIC_THERAPY_DRUG_PRODUCTS);
        }
        String recognised = c != null ? Codings.describe(c) : byName(medication);
        if (recognised == null) {
            return null;
        }
        recognised = via + recognised;
        return new TreatmentOrder(OrderKind.SYSTEMIC_THERAPY, "MedicationRequest/" + mr.getIdElement().getIdPart(),
                recognised, medication.hasText() ? medication.getText() : null,
                reasonConditions(mr.getReasonReference()), OrderTarget.UNSPECIFIED, null);
    }

    /** The Medication a reference names: contained in the order ({@code #id}), or sent beside it in draftOrders. */
    private static Medication resolve(MedicationRequest mr, Reference reference, Map<String, Medication> beside) {
        if (reference.getResource() instanceof Medication contained) {
            return contained;
        }
        String ref = reference.getReference();
        if (ref == null) {
            return null;
        }
        if (ref.startsWith("#")) {
            for (Resource r : mr.getContained()) {
                if (r instanceof Medication m && ref.substring(1).equals(m.getIdElement().getIdPart())) {
                    return m;
                }
            }
            return null;
        }
        var id = reference.getReferenceElement();
        return "Medication".equals(id.getResourceType()) ? beside.get(id.getIdPart()) : null;
    }

    /** A Medication's code and its ingredients' codes, as one concept to match (the code's text kept). */
    private static CodeableConcept drugOf(Medication m) {
        CodeableConcept all = new CodeableConcept();
        all.setText(m.getCode().getText());
        m.getCode().getCoding().forEach(all::addCoding);
        for (Medication.MedicationIngredientComponent ingredient : m.getIngredient()) {
            if (ingredient.getItem() instanceof CodeableConcept item) {
                item.getCoding().forEach(all::addCoding);
            }
        }
        return all;
    }

    /**
     * A drug recognised by the name of one of the ingredients of the code set, in the medication's text or a
     * coding's display, when none of its codes is known (a clinical-drug code, a local code): "recognised by its
     * name: capecitabine (RxNorm 200328)". Whole words only, in any letter case.
     */
    private static String byName(CodeableConcept medication) {
        List<String> texts = new ArrayList<>();
        if (medication.hasText()) {
            texts.add(medication.getText());
        }
        for (Coding coding : medication.getCoding()) {
            if (coding.hasDisplay()) {
                texts.add(coding.getDisplay());
            }
        }
        for (String text : texts) {
            String lower = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
            for (Code ingredient : CodeSets.SYSTEMIC_THERAPY_DRUGS.codes()) {
                if (lower.contains(" " + ingredient.display().toLowerCase(Locale.ROOT) + " ")) {
                    Coding first = medication.getCodingFirstRep();
                    return "recognised by its name: " + ingredient.display() + (first.hasCode()
                            ? " (" + Codings.describe(first) + ")" : "");
                }
            }
        }
        return null;
    }

    /** What an order's own elements say it is aimed at, before the record is consulted. */
    private record Aim(OrderTarget target, String evidence) {
    }

    /**
     * The aim from the order alone: palliative intent (mCODE {@code mcode-procedure-intent}) first; then a reason
     * code (a recurrence, a metastasis, the rectal cancer); then a body site (a metastatic organ, the rectum).
     */
    private static Aim aimOf(ServiceRequest sr) {
        for (Extension e : sr.hasExtension() ? sr.getExtensionsByUrl(CodeSystems.MCODE_PROCEDURE_INTENT)
                : List.<Extension>of()) {
            if (e.getValue() instanceof CodeableConcept intent) {
                Coding palliative = Codings.firstIn(intent, CodeSets.PALLIATIVE_INTENT);
                if (palliative != null) {
                    return new Aim(OrderTarget.PALLIATIVE, "its intent is palliative, " + Codings.describe(palliative));
                }
            }
        }
        for (CodeableConcept reason : sr.getReasonCode()) {
            for (Coding c : reason.getCoding()) {
                OrderTarget target = targetOfDiagnosisCode(c);
                if (target != null) {
                    return new Aim(target, "its reasonCode is " + Codings.describe(c));
                }
            }
        }
        for (CodeableConcept site : sr.getBodySite()) {
            Coding metastatic = Codings.firstIn(site, CodeSets.METASTATIC_ORGAN_STRUCTURE);
            if (metastatic != null) {
                return new Aim(OrderTarget.METASTASIS, "its bodySite is " + Codings.describe(metastatic));
            }
            Coding rectum = Codings.firstIn(site, CodeSets.RECTUM_STRUCTURE);
            if (rectum == null) {
                rectum = Codings.firstIn(site, CodeSets.RECTOSIGMOID_STRUCTURE);
            }
            if (rectum != null) {
                return new Aim(OrderTarget.PRIMARY, "its bodySite is " + Codings.describe(rectum));
            }
        }
        return new Aim(OrderTarget.UNSPECIFIED, null);
    }

    /** What a diagnosis code names as an order's reason, or null when it names nothing of the three. */
    static OrderTarget targetOfDiagnosisCode(Coding c) {
        String system = c.getSystem();
        String code = c.getCode();
        if (CodeSets.RECTAL_CANCER_LOCAL_RECURRENCE.contains(system, code)) {
            return OrderTarget.RECURRENCE;
        }
        if (CodeSets.METASTASIS_CODES.contains(system, code) || CodeSets.isSecondaryCancerIcd10(system, code)) {
            return OrderTarget.METASTASIS;
        }
        if (CodeSets.RECTAL_CANCER.contains(system, code) || CodeSets.RECTOSIGMOID_CANCER.contains(system, code)) {
            return OrderTarget.PRIMARY;
        }
        return null;
    }

    /** The ids of the Conditions a reasonReference list names. */
    private static List<String> reasonConditions(List<Reference> references) {
        List<String> ids = new ArrayList<>(references.size());
        for (Reference r : references) {
            if (r.hasReference()) {
                var id = r.getReferenceElement();
                if ((id.getResourceType() == null || "Condition".equals(id.getResourceType())) && id.hasIdPart()) {
                    ids.add(id.getIdPart());
                }
            }
        }
        return ids;
    }
}
