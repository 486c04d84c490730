package dev.ampulla.pathway;

import dev.ampulla.extraction.OrderKind;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.DrugClass;
import dev.ampulla.knowledge.OrderCheckAgreement;
import dev.ampulla.knowledge.PathwayAgreement;
import dev.ampulla.knowledge.PathwayModalities;
import dev.ampulla.knowledge.TreatmentModality;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, from what the rules already concluded for one primary, whether each draft treatment order is on the
 * founding document's pathway, off it, or outside it. An order named by an order check of the founding document or
 * Ampulla's own (R12–R15, R29, R38) is off or outside as {@code order-check-agreement.csv} says for that check; the
 * guideline layer's checks do not decide it. A systemic-therapy order of a drug class (anti-EGFR, checkpoint
 * inhibitor, BRAF inhibitor) is outside: the founding document speaks of chemotherapy. Otherwise, with a pathway card
 * in force: on when the card's rule gives the order's modality in {@code pathway-modalities.csv}, off when it gives
 * other modalities, outside when it gives none (the pathway is not decided yet). With no pathway card, outside.
 */
public final class OrderAgreement {
    /** The class of a systemic-therapy order none of whose ingredients drug-classes.csv lists. */
    public static final String OTHER_DRUG_CLASS = "other";
    /** The source of the guideline layer's rules. */
    private static final String GUIDELINE_SOURCE = "GL";
    /** The pack's group of pathway cards (rule-groups.yaml). */
    private static final String PATHWAY_GROUP = "pathway";

    private OrderAgreement() {}

    /**
     * @param orders the draft treatment orders the rules were given
     * @param cardUuids the uuid of the card each recommendation was rendered as
     */
    public static List<OrderDecision> decide(
            Advice advice, List<TreatmentOrder> orders, Map<Recommendation, String> cardUuids) {
        Recommendation pathway = null;
        for (Recommendation r : advice.recommendations()) {
            if (pathway == null && r.rule().group().name().equals(PATHWAY_GROUP)) {
                pathway = r;
            }
        }
        String phase = advice.assessment().phase().phase().findingValue();
        String segment = advice.assessment().segment().segment().code();
        String stage = advice.assessment().stage().group() == null
                ? null
                : advice.assessment().stage().group().label();
        List<OrderDecision> out = new ArrayList<>();
        for (TreatmentOrder order : orders) {
            Recommendation warning = checkNaming(advice, order);
            TreatmentModality modality = TreatmentModality.of(order.kind());
            String drugClass = drugClass(order);
            PathwayAgreement agreement = warning != null
                    ? OrderCheckAgreement.of(warning.rule().id())
                    : drugClass != null && !drugClass.equals(OTHER_DRUG_CLASS)
                            ? PathwayAgreement.OUTSIDE
                            : agreement(pathway, modality);
            out.add(new OrderDecision(
                    order.reference(),
                    modality,
                    drugClass,
                    agreement,
                    pathway == null ? null : pathway.rule().topic(),
                    pathway == null ? null : pathway.rule().id(),
                    stage,
                    segment,
                    phase,
                    warning == null ? null : warning.rule().id(),
                    warning == null ? null : cardUuids.get(warning)));
        }
        return out;
    }

    private static PathwayAgreement agreement(Recommendation pathway, TreatmentModality modality) {
        if (pathway == null) {
            return PathwayAgreement.OUTSIDE;
        }
        Set<TreatmentModality> given = PathwayModalities.of(pathway.rule().id());
        if (given.isEmpty()) {
            return PathwayAgreement.OUTSIDE;
        }
        return given.contains(modality) ? PathwayAgreement.ON : PathwayAgreement.OFF;
    }

    /**
     * The founding document's or Ampulla's own order check naming the order: the first that puts it off the pathway,
     * else the first naming it. The guideline layer's checks do not decide agreement with the founding document.
     */
    private static Recommendation checkNaming(Advice advice, TreatmentOrder order) {
        Recommendation first = null;
        for (Recommendation r : advice.recommendations()) {
            if (r instanceof Recommendation.OrderCheck check
                    && !r.rule().source().equals(GUIDELINE_SOURCE)
                    && check.orders().stream().anyMatch(o -> o.reference().equals(order.reference()))) {
                if (OrderCheckAgreement.of(r.rule().id()) == PathwayAgreement.OFF) {
                    return r;
                }
                first = first == null ? r : first;
            }
        }
        return first;
    }

    private static String drugClass(TreatmentOrder order) {
        if (order.kind() != OrderKind.SYSTEMIC_THERAPY) {
            return null;
        }
        for (DrugClass c : DrugClass.values()) {
            if (c.includesAny(order.drugs())) {
                return c.key();
            }
        }
        return OTHER_DRUG_CLASS;
    }
}
