package dev.ampulla.pathway;

import dev.ampulla.extraction.OrderKind;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.DrugClass;
import dev.ampulla.knowledge.pack.Finding;

/** Which draft orders each order finding is about: the finding is "yes" when one is, and its order check names them. */
final class OrderFindings {

    private OrderFindings() {}

    static boolean isAbout(Finding finding, TreatmentOrder o) {
        return switch (finding) {
            case RADIOTHERAPY_ORDERED_FOR_PRIMARY ->
                o.kind().includesRadiotherapy() && o.target().mayBePrimary();
            case RADIOTHERAPY_ORDERED_ELSEWHERE ->
                o.kind().includesRadiotherapy() && !o.target().mayBePrimary();
            case ANTI_EGFR_ORDERED -> DrugClass.ANTI_EGFR.includesAny(o.drugs());
            case RECTAL_SURGERY_ORDERED -> o.kind() == OrderKind.RECTAL_SURGERY;
            // any radiotherapy (a sacral metastasis is pelvic too) or systemic therapy
            case RADIOTHERAPY_OR_SYSTEMIC_THERAPY_ORDERED ->
                o.kind() == OrderKind.SYSTEMIC_THERAPY || o.kind().includesRadiotherapy();
            // systemic therapy that is not an immune checkpoint inhibitor (a chemoradiation order counts)
            case CHEMOTHERAPY_ORDERED ->
                (o.kind() == OrderKind.SYSTEMIC_THERAPY || o.kind() == OrderKind.CHEMORADIATION)
                        && !DrugClass.IMMUNE_CHECKPOINT_INHIBITOR.includesAny(o.drugs());
            default -> throw new IllegalArgumentException(finding.key() + " is not an order finding");
        };
    }
}
