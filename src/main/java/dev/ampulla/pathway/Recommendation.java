package dev.ampulla.pathway;

import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.Rule;
import dev.ampulla.knowledge.StageIvOption;
import java.util.List;

/**
 * One piece of advice for one primary.
 *
 * @param rule the rule that fired; its topic names the card
 * @param alsoApplied further rules folded into the same advice (R11 beside R10: both advise adjuvant chemotherapy)
 * @param warning whether the advice needs attention before acting (data conflicts that change the conclusions)
 * @param options for {@link Rule#STAGE_IV_RESECTABLE}: the founding-document options that apply, in order
 * @param optionsCaveat for {@link Rule#STAGE_IV_RESECTABLE}: option 3 is offered although the segment is unknown
 * @param problems for the data-quality rules: the problems the card lists
 * @param orders for the order checks: the draft orders the advice is about
 */
public record Recommendation(
        Rule rule,
        List<Rule> alsoApplied,
        boolean warning,
        List<StageIvOption> options,
        boolean optionsCaveat,
        List<DataProblem> problems,
        List<TreatmentOrder> orders) {

    public Recommendation {
        alsoApplied = List.copyOf(alsoApplied);
        options = List.copyOf(options);
        problems = List.copyOf(problems);
        orders = List.copyOf(orders);
    }

    static Recommendation of(Rule rule) {
        return new Recommendation(rule, List.of(), false, List.of(), false, List.of(), List.of());
    }

    static Recommendation orderCheck(Rule rule, boolean warning, List<TreatmentOrder> orders) {
        return new Recommendation(rule, List.of(), warning, List.of(), false, List.of(), orders);
    }

    /** Every rule behind this advice, the firing one first. */
    public List<Rule> rules() {
        if (alsoApplied.isEmpty()) {
            return List.of(rule);
        }
        List<Rule> all = new java.util.ArrayList<>(alsoApplied.size() + 1);
        all.add(rule);
        all.addAll(alsoApplied);
        return all;
    }
}
