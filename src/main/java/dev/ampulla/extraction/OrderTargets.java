package dev.ampulla.extraction;

import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.knowledge.CodeSystems;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * Decides what each treatment order is aimed at for one rectal primary, from the Conditions its
 * {@code reasonReference} names: the primary itself; a secondary cancer (a metastasis); a local recurrence (coded so, or
 * with clinical status recurrence or relapse). Palliative intent on the order wins over any reason: palliative
 * radiotherapy, even of the primary, is not the founding document's preoperative radiotherapy. Without a reason that
 * tells, what the order's own codes said stands.
 */
public final class OrderTargets {

    private OrderTargets() {
    }

    public static List<TreatmentOrder> resolve(List<TreatmentOrder> orders, PatientRecord record, RectalCancerCase c) {
        List<TreatmentOrder> out = new ArrayList<>(orders.size());
        for (TreatmentOrder o : orders) {
            out.add(o.target() == OrderTarget.PALLIATIVE || o.reasons().isEmpty() ? o : byReason(o, record, c));
        }
        return out;
    }

    private static TreatmentOrder byReason(TreatmentOrder o, PatientRecord record, RectalCancerCase c) {
        String primary = c.primary().reference();
        OrderTarget found = null;
        String evidence = null;
        for (String id : o.reasons()) {
            String reference = "Condition/" + id;
            OrderTarget target = reference.equals(primary) ? OrderTarget.PRIMARY : targetOf(find(record, id), c,
                    reference);
            if (target == OrderTarget.PRIMARY) {
                // an order for the primary is checked, whatever else it names
                return o.aimedAt(OrderTarget.PRIMARY, "its reasonReference " + reference + " is the rectal primary");
            }
            if (target != null && found == null) {
                found = target;
                evidence = "its reasonReference " + reference + " is " + (target == OrderTarget.RECURRENCE
                        ? "a recurrence" : "a secondary cancer");
            }
        }
        return found == null ? o : o.aimedAt(found, evidence);
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
