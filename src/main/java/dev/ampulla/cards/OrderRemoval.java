package dev.ampulla.cards;

import dev.ampulla.cdshooks.Action;
import dev.ampulla.cdshooks.Suggestion;
import dev.ampulla.extraction.OrderTarget;
import dev.ampulla.extraction.TreatmentOrder;
import java.util.List;

/**
 * The one-click fix of an order check: delete the draft order(s) it is about; none when no order has an id to name,
 * and never an order that names a metastasis or recurrence besides the primary.
 */
final class OrderRemoval {

    private OrderRemoval() {}

    static List<Suggestion> of(List<TreatmentOrder> orders) {
        List<Action> deletes = orders.stream()
                .filter(o -> !o.reference().endsWith("/null") && o.target() != OrderTarget.MIXED)
                .map(o -> Action.delete("Remove the draft order " + o.reference(), o.reference()))
                .toList();
        if (deletes.isEmpty()) {
            return null;
        }
        boolean radiotherapy = orders.stream().allMatch(o -> o.kind().includesRadiotherapy());
        java.util.Set<String> drugs = new java.util.LinkedHashSet<>();
        orders.forEach(o -> drugs.addAll(o.drugs()));
        String what = radiotherapy ? "radiotherapy" : drugs.isEmpty() ? "draft" : String.join(" and ", drugs);
        String label = deletes.size() == 1
                ? "Remove the " + what + " order"
                : "Remove the " + deletes.size() + " " + what + " orders";
        return List.of(new Suggestion(label, Uuids.timeOrdered(), null, deletes));
    }
}
