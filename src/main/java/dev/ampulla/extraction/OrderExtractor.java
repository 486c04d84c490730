package dev.ampulla.extraction;

import dev.ampulla.knowledge.CodeSet;
import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.knowledge.CodeSystems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BodyStructure;
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

    private OrderExtractor() {}

    public static List<TreatmentOrder> treatmentOrders(List<? extends Resource> orders) {
        List<TreatmentOrder> out = new ArrayList<>();
        Map<String, Resource> beside = new HashMap<>();
        for (Resource r : orders) {
            if ((r instanceof Medication || r instanceof BodyStructure)
                    && r.getIdElement().getIdPart() != null) {
                beside.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
        }
        for (Resource r : orders) {
            TreatmentOrder t = null;
            if (r instanceof ServiceRequest sr
                    && isOpen(sr.getStatus() == null ? null : sr.getStatus().toCode())) {
                t = serviceRequest(sr, beside);
            } else if (r instanceof MedicationRequest mr
                    && isOpen(mr.getStatus() == null ? null : mr.getStatus().toCode())) {
                t = medicationRequest(mr, beside);
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
            Map.entry(CodeSets.RECTAL_LOCAL_EXCISION, OrderKind.RECTAL_SURGERY),
            Map.entry(CodeSets.METASTASECTOMY, OrderKind.METASTASECTOMY),
            Map.entry(CodeSets.CHEMOTHERAPY, OrderKind.SYSTEMIC_THERAPY));

    /** The code decides; the category only when the code says nothing (a surgery code under a radiotherapy category is surgery). */
    private static TreatmentOrder serviceRequest(ServiceRequest sr, Map<String, Resource> beside) {
        String reference = "ServiceRequest/" + sr.getIdElement().getIdPart();
        String text = sr.getCode().hasText() ? sr.getCode().getText() : null;
        for (List<CodeableConcept> concepts : List.of(List.of(sr.getCode()), sr.getCategory())) {
            for (Map.Entry<CodeSet, OrderKind> kind : SERVICE_REQUEST_KINDS) {
                Coding c = Codings.firstIn(concepts, kind.getKey());
                if (c != null) {
                    Aim aim = aimOf(sr, beside);
                    return new TreatmentOrder(
                            kind.getValue(),
                            reference,
                            Codings.describe(c),
                            text,
                            reasonConditions(sr.getReasonReference()),
                            aim.target(),
                            aim.evidence(),
                            aim.basis());
                }
            }
        }
        return null;
    }

    private static TreatmentOrder medicationRequest(MedicationRequest mr, Map<String, Resource> beside) {
        CodeableConcept medication;
        String via = "";
        if (mr.getMedication() instanceof CodeableConcept concept) {
            medication = concept;
        } else if (mr.getMedication() instanceof Reference reference) {
            Medication m = MedicationDrugs.resolve(
                    reference,
                    mr.getContained(),
                    id -> beside.get("Medication/" + id) instanceof Medication found ? found : null);
            if (m == null) {
                return null; // not had: the service names the order on the order-not-read card
            }
            medication = MedicationDrugs.drugOf(m);
            via = reference.getReference() + ": ";
        } else {
            return null;
        }
        if (MedicationDrugs.saysNotSystemic(medication, mr.getDosageInstruction())) {
            return null; // a cream, an eye drop, HIPEC: not the systemic therapy the pathway speaks of
        }
        String recognised = MedicationDrugs.recognise(medication);
        if (recognised == null) {
            return null;
        }
        recognised = via + recognised;
        return new TreatmentOrder(
                OrderKind.SYSTEMIC_THERAPY,
                "MedicationRequest/" + mr.getIdElement().getIdPart(),
                recognised,
                medication.hasText() ? medication.getText() : null,
                reasonConditions(mr.getReasonReference()),
                OrderTarget.UNSPECIFIED,
                null,
                AimBasis.NONE,
                MedicationDrugs.ingredients(medication));
    }

    /** What an order's own elements say it is aimed at, before the record is consulted. */
    private record Aim(OrderTarget target, String evidence, AimBasis basis) {}

    /**
     * The aim from the order alone. Palliative intent (mCODE {@code mcode-procedure-intent}) wins; then a metastatic
     * site, as body site or as the location of a volume the order doses (CodeX {@code
     * codexrt-radiotherapy-dose-prescribed-to-volume}): where the dose goes says more than a reason, which EHRs
     * usually set to the cancer on the problem list. Then every reason code: naming both the rectal cancer and a
     * metastasis or recurrence leaves the aim mixed. Then a rectal site.
     */
    private static Aim aimOf(ServiceRequest sr, Map<String, Resource> beside) {
        for (Extension e :
                sr.hasExtension() ? sr.getExtensionsByUrl(CodeSystems.MCODE_PROCEDURE_INTENT) : List.<Extension>of()) {
            if (e.getValue() instanceof CodeableConcept intent) {
                Coding palliative = Codings.firstIn(intent, CodeSets.PALLIATIVE_INTENT);
                if (palliative != null) {
                    return new Aim(
                            OrderTarget.PALLIATIVE,
                            "its intent is palliative, " + Codings.describe(palliative),
                            AimBasis.INTENT);
                }
            }
        }
        List<Aim> sites = new ArrayList<>();
        for (CodeableConcept site : sr.getBodySite()) {
            addIfNotNull(sites, aimOfSite(site, "its bodySite is "));
        }
        for (BodyStructure volume : volumes(sr, beside)) {
            addIfNotNull(sites, aimOfSite(volume.getLocation(), "it doses a volume located at "));
        }
        for (Aim site : sites) {
            if (site.target() == OrderTarget.METASTASIS) {
                return site;
            }
        }
        Aim primary = null;
        Aim other = null;
        for (CodeableConcept reason : sr.getReasonCode()) {
            for (Coding c : reason.getCoding()) {
                OrderTarget target = targetOfDiagnosisCode(c);
                if (target == null) {
                    continue;
                }
                Aim aim = new Aim(target, "its reasonCode is " + Codings.describe(c), AimBasis.REASON);
                if (target == OrderTarget.PRIMARY) {
                    primary = primary == null ? aim : primary;
                } else {
                    other = other == null ? aim : other;
                }
            }
        }
        if (primary != null && other != null) {
            return new Aim(OrderTarget.MIXED, primary.evidence() + " and " + other.evidence(), AimBasis.REASON);
        }
        if (other != null) {
            return other;
        }
        if (primary != null) {
            return primary;
        }
        return sites.isEmpty() ? new Aim(OrderTarget.UNSPECIFIED, null, AimBasis.NONE) : sites.get(0);
    }

    private static void addIfNotNull(List<Aim> aims, Aim aim) {
        if (aim != null) {
            aims.add(aim);
        }
    }

    /** A metastatic site, or the rectum or rectosigmoid, as an aim; null when the site names neither. */
    private static Aim aimOfSite(CodeableConcept site, String evidence) {
        Coding metastatic = Codings.firstIn(site, CodeSets.METASTATIC_SITE_STRUCTURE);
        if (metastatic != null) {
            return new Aim(OrderTarget.METASTASIS, evidence + named(metastatic), AimBasis.SITE);
        }
        Coding rectum = Codings.firstIn(site, CodeSets.RECTUM_STRUCTURE);
        if (rectum == null) {
            rectum = Codings.firstIn(site, CodeSets.RECTOSIGMOID_STRUCTURE);
        }
        return rectum == null ? null : new Aim(OrderTarget.PRIMARY, evidence + named(rectum), AimBasis.SITE);
    }

    /** A site's code with the order's own display of it, so the card reads "SNOMED CT 3572006 (T11 …)". */
    private static String named(Coding site) {
        return Codings.describe(site) + (site.hasDisplay() ? " (" + site.getDisplay() + ")" : "");
    }

    /** The volumes a CodeX course or phase prescription doses, contained in it or sent or read beside it. */
    private static List<BodyStructure> volumes(ServiceRequest sr, Map<String, Resource> beside) {
        List<BodyStructure> out = new ArrayList<>();
        for (Extension dose : sr.getExtensionsByUrl(CodeSystems.CODEXRT_DOSE_PRESCRIBED_TO_VOLUME)) {
            for (Extension part : dose.getExtensionsByUrl("volume")) {
                if (!(part.getValue() instanceof Reference reference)) {
                    continue;
                }
                if (reference.getResource() instanceof BodyStructure contained) {
                    out.add(contained);
                    continue;
                }
                String ref = reference.getReference();
                if (ref == null) {
                    continue;
                }
                if (ref.startsWith("#")) {
                    for (Resource r : sr.getContained()) {
                        if (r instanceof BodyStructure b
                                && ref.substring(1).equals(b.getIdElement().getIdPart())) {
                            out.add(b);
                        }
                    }
                } else if ("BodyStructure"
                                .equals(reference.getReferenceElement().getResourceType())
                        && beside.get("BodyStructure/"
                                        + reference.getReferenceElement().getIdPart())
                                instanceof BodyStructure b) {
                    out.add(b);
                }
            }
        }
        return out;
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
