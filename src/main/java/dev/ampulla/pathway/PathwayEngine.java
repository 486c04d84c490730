package dev.ampulla.pathway;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.StageIvOption;
import dev.ampulla.knowledge.TumourSegment;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.Findings;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.RuleDefinition;
import dev.ampulla.knowledge.pack.Suggests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the pack's decision table to one assessed primary: every rule of the hook whose findings hold, group by
 * group in the pack's order (order checks, stage, pathway, data quality). The pack's start-up check guarantees that
 * at most one rule of a group applies, except rules folded into another's card. Pure and free of I/O.
 */
public final class PathwayEngine {
    private final Map<String, List<RuleDefinition>> rulesByHook = new HashMap<>();
    private final KnowledgePack pack;

    public PathwayEngine(KnowledgePack pack) {
        this.pack = pack;
        for (RuleDefinition rule : pack.rules()) {
            if (rule.when() != null) {
                rule.hooks().forEach(hook -> rulesByHook.computeIfAbsent(hook, h -> new ArrayList<>()).add(rule));
            }
        }
    }

    /**
     * The advice for a hook. At order time {@code orders} are the draft treatment orders (non-treatment orders must
     * have been filtered out already: with none left there is nothing to say).
     */
    public Advice advise(Assessment a, String hook, List<TreatmentOrder> orders) {
        Findings findings = CaseFindings.of(a, orders);
        List<RuleDefinition> applying = new ArrayList<>(4);
        for (RuleDefinition rule : rulesByHook.getOrDefault(hook, List.of())) {
            if (rule.appliesTo(findings)) {
                applying.add(rule);
            }
        }
        List<Recommendation> out = new ArrayList<>(applying.size());
        for (RuleDefinition rule : applying) {
            if (!foldedByAnother(rule, applying)) {
                out.add(recommendation(rule, applying, a, orders));
            }
        }
        return new Advice(a, findings, out);
    }

    private Recommendation recommendation(RuleDefinition rule, List<RuleDefinition> applying, Assessment a,
            List<TreatmentOrder> orders) {
        switch (rule.group().cards()) {
            case ORDER_CHECK -> {
                // the pack's check: an order check names exactly one of these findings
                boolean elsewhere = rule.when().allowed().containsKey(Finding.RADIOTHERAPY_ORDERED_ELSEWHERE);
                return new Recommendation.OrderCheck(rule, radiotherapy(orders, !elsewhere));
            }
            case DATA_CONFLICTS -> {
                return new Recommendation.DataQuality(rule, problems(a, DataProblem.Kind.CONFLICT));
            }
            case DATA_ATTRIBUTION -> {
                return new Recommendation.DataQuality(rule, problems(a, DataProblem.Kind.ATTRIBUTION));
            }
            default -> {
                if (rule.suggests() == Suggests.STAGE_IV_OPTIONS) {
                    return stageIvOptions(rule, a.segment().segment(), orders);
                }
                List<RuleDefinition> folded = applying.stream().filter(r -> rule.folds().contains(r.id())).toList();
                return new Recommendation.PathwayAdvice(rule, folded, orders);
            }
        }
    }

    private static boolean foldedByAnother(RuleDefinition rule, List<RuleDefinition> applying) {
        for (RuleDefinition other : applying) {
            if (!other.folds().isEmpty() && other.folds().contains(rule.id())) {
                return true;
            }
        }
        return false;
    }

    /** Radiotherapy orders that treat (or may treat) the rectal tumour, or those aimed elsewhere. */
    private static List<TreatmentOrder> radiotherapy(List<TreatmentOrder> orders, boolean forPrimary) {
        return orders.stream()
                .filter(o -> o.kind().includesRadiotherapy() && o.target().mayBePrimary() == forPrimary)
                .toList();
    }

    /** A card's problems: warnings first, then in the order of their sentences. */
    private List<DataProblem> problems(Assessment a, DataProblem.Kind kind) {
        return a.problems().stream().filter(p -> p.kind() == kind)
                .sorted(Comparator.comparing((DataProblem p) -> !p.warning())
                        .thenComparing(p -> pack.problemText(p.code(), p.arguments())))
                .toList();
    }

    /**
     * R3: the three founding-document options; option 3 (preoperative chemoradiation) inherits FD-RT, so it is left
     * out for upper-rectum and rectosigmoid tumours and offered with a caveat when the segment is unknown.
     */
    private static Recommendation stageIvOptions(RuleDefinition rule, TumourSegment segment,
            List<TreatmentOrder> orders) {
        List<StageIvOption> options = new ArrayList<>(3);
        for (StageIvOption option : StageIvOption.values()) {
            if (!(option.includesRadiotherapy() && segment.radiotherapyExcluded())) {
                options.add(option);
            }
        }
        return new Recommendation.StageIvOptions(rule, options, segment == TumourSegment.UNKNOWN, orders);
    }
}
