package dev.ampulla.extraction;

import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.knowledge.CodeSystems;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * Decides what each treatment order is aimed at for one rectal primary, adding the Conditions its
 * {@code reasonReference} names to what the order itself said: the primary itself; a secondary cancer (a
 * metastasis); a local recurrence (coded so, or with clinical status recurrence or relapse). Palliative intent wins
 * over any reason (palliative radiotherapy, even of the primary, is not the founding document's preoperative
 * radiotherapy), and so does a metastatic site the order irradiates (EHRs set the reason to the cancer on the problem
 * list). An order whose reasons and rectal site name both the primary and a metastasis or recurrence is mixed: checked,
 * worded "if", never offered for deletion.
 */
public final class OrderTargets {

    private OrderTargets() {}

    public static List<TreatmentOrder> resolve(List<TreatmentOrder> orders, PatientRecord record, RectalCancerCase c) {
        List<TreatmentOrder> out = new ArrayList<>(orders.size());
        for (TreatmentOrder o : orders) {
            boolean settled = o.aimBasis() == AimBasis.INTENT
                    || (o.aimBasis() == AimBasis.SITE && o.target() == OrderTarget.METASTASIS);
            out.add(settled || o.reasons().isEmpty() ? o : byReason(o, record, c));
        }
        return out;
    }

    private static TreatmentOrder byReason(TreatmentOrder o, PatientRecord record, RectalCancerCase c) {
        String primary = c.primary().reference();
        String primaryEvidence = o.target() == OrderTarget.PRIMARY ? o.targetEvidence() : null;
        String otherEvidence = o.target() == OrderTarget.METASTASIS || o.target() == OrderTarget.RECURRENCE
                ? o.targetEvidence()
                : null;
        OrderTarget other = otherEvidence == null ? null : o.target();
        if (o.target() == OrderTarget.MIXED) {
            return o;
        }
        for (String id : o.reasons()) {
            String reference = "Condition/" + id;
            OrderTarget target =
                    reference.equals(primary) ? OrderTarget.PRIMARY : targetOf(find(record, id), c, reference);
            if (target == OrderTarget.PRIMARY && primaryEvidence == null) {
                primaryEvidence = "its reasonReference " + reference + " is the rectal primary";
            } else if (target != null && target != OrderTarget.PRIMARY && other == null) {
                other = target;
                otherEvidence = "its reasonReference " + reference + " is "
                        + (target == OrderTarget.RECURRENCE ? "a recurrence" : "a secondary cancer");
            }
        }
        if (primaryEvidence != null && other != null) {
            return o.aimedAt(OrderTarget.MIXED, primaryEvidence + " and " + otherEvidence);
        }
        if (other != null) {
            return o.aimedAt(other, otherEvidence);
        }
        return primaryEvidence == null ? o : o.aimedAt(OrderTarget.PRIMARY, primaryEvidence);
    }

    private static OrderTarget targetOf(Condition condition, RectalCancerCase c, String reference) {
        for (Metastasis m : c.metastases()) {
            if (m.source().reference().equals(reference)) {
                return OrderTarget.METASTASIS;
            }
        }
        if (condition == null) {
            return null;
        }
        for (Coding coding : condition.getClinicalStatus().getCoding()) {
            if (CodeSystems.CONDITION_CLINICAL.equals(coding.getSystem())
                    && ("recurrence".equals(coding.getCode()) || "relapse".equals(coding.getCode()))) {
                return OrderTarget.RECURRENCE;
            }
        }
        if (Codings.firstIn(condition.getCode(), CodeSets.RECTAL_CANCER_LOCAL_RECURRENCE) != null) {
            return OrderTarget.RECURRENCE;
        }
        return DiagnosisClassifier.isSecondaryCancer(condition) ? OrderTarget.METASTASIS : null;
    }

    private static Condition find(PatientRecord record, String id) {
        for (Condition condition : record.conditions()) {
            if (id.equals(condition.getIdElement().getIdPart())) {
                return condition;
            }
        }
        return null;
    }
}
