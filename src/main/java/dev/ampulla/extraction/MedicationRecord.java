package dev.ampulla.extraction;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * A MedicationAdministration, MedicationStatement or MedicationRequest read as one thing: a drug given or being
 * given, with its status, when, why, and how (dosages, for the route).
 */
record MedicationRecord(
        String status,
        Type medication,
        Type when,
        List<org.hl7.fhir.r4.model.Reference> reasons,
        List<Resource> contained,
        List<Dosage> dosages) {

    private static final Set<String> ADMINISTERED = Set.of("completed", "in-progress", "stopped");
    private static final Set<String> STATED = Set.of("completed", "active", "stopped");
    private static final Set<String> ORDERED = Set.of("completed", "active");

    /**
     * The record of a drug given or being given: a MedicationAdministration completed, in progress or stopped early;
     * a MedicationStatement completed, active or stopped; a MedicationRequest active or completed that orders the
     * drug (not a proposal, plan or option). Null for drafts, plans, refusals, entries in error and other resources.
     */
    static MedicationRecord given(Resource r) {
        if (r instanceof MedicationAdministration ma) {
            String status = ma.hasStatus() ? ma.getStatus().toCode() : "";
            if (!ADMINISTERED.contains(status)) {
                return null;
            }
            // an administration's dosage has a route but no dosage text of its own: its text is kept as the text
            Dosage dosage = new Dosage();
            if (ma.hasDosage()) {
                dosage.setText(ma.getDosage().getText()).setRoute(ma.getDosage().getRoute());
            }
            return new MedicationRecord(
                    status,
                    ma.getMedication(),
                    ma.getEffective(),
                    ma.getReasonReference(),
                    ma.getContained(),
                    List.of(dosage));
        }
        if (r instanceof MedicationStatement ms) {
            String status = ms.hasStatus() ? ms.getStatus().toCode() : "";
            return !STATED.contains(status)
                    ? null
                    : new MedicationRecord(
                            status,
                            ms.getMedication(),
                            ms.getEffective(),
                            ms.getReasonReference(),
                            ms.getContained(),
                            ms.getDosage());
        }
        if (r instanceof MedicationRequest mr) {
            String status = mr.hasStatus() ? mr.getStatus().toCode() : "";
            if (!ORDERED.contains(status) || !isOrder(mr)) {
                return null;
            }
            Type when = mr.hasDispenseRequest() && mr.getDispenseRequest().hasValidityPeriod()
                    ? mr.getDispenseRequest().getValidityPeriod()
                    : mr.getAuthoredOnElement();
            return new MedicationRecord(
                    status,
                    mr.getMedication(),
                    when,
                    mr.getReasonReference(),
                    mr.getContained(),
                    mr.getDosageInstruction());
        }
        return null;
    }

    /** In progress (an administration) or active (a statement or an order). */
    boolean ongoing() {
        return status.equals("in-progress") || status.equals("active");
    }

    /** A request that orders the drug: not a proposal, a plan or an option the team has not decided on. */
    private static boolean isOrder(MedicationRequest mr) {
        if (!mr.hasIntent()) {
            return true;
        }
        return switch (mr.getIntent()) {
            case PROPOSAL, PLAN, OPTION -> false;
            default -> true;
        };
    }
}
