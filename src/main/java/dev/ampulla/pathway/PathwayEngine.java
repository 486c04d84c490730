package dev.ampulla.pathway;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.StageIvOption;
import dev.ampulla.knowledge.TumourSegment;
import dev.ampulla.knowledge.pack.CardKind;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.Findings;
import dev.ampulla.knowledge.pack.GuidelineLayer;
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

    /** The engine with the guideline layer as the pack ships it. */
    public PathwayEngine(KnowledgePack pack) {
        this(pack, pack.guidelines().layer());
    }

    /** @param layer which guideline rules this deployment shows (the founding document's rules always apply) */
    public PathwayEngine(KnowledgePack pack, GuidelineLayer layer) {
        this.pack = pack;
        for (RuleDefinition rule : pack.rules()) {
            if (rule.when() != null && layer.shows(rule)) {
                rule.hooks()
                        .forEach(hook -> rulesByHook
                                .computeIfAbsent(hook, h -> new ArrayList<>())
                                .add(rule));
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
                Recommendation r = recommendation(rule, applying, a, orders);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return new Advice(a, findings, out);
    }

    private Recommendation recommendation(
            RuleDefinition rule, List<RuleDefinition> applying, Assessment a, List<TreatmentOrder> orders) {
        switch (rule.group().cards()) {
            case ORDER_CHECK -> {
                // the pack's check: an order check names exactly one order finding
                Finding about = rule.when().allowed().keySet().stream()
                        .filter(Finding::isOrderFinding)
                        .findFirst()
                        .orElseThrow();
                return new Recommendation.OrderCheck(
                        rule,
                        orders.stream()
                                .filter(o -> OrderFindings.isAbout(about, o))
                                .toList());
            }
            case GUIDELINE_COMPARISON -> {
                return comparison(rule, applying, orders);
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
                List<RuleDefinition> folded = applying.stream()
                        .filter(r -> rule.folds().contains(r.id()))
                        .toList();
                return new Recommendation.PathwayAdvice(rule, folded, orders);
            }
        }
    }

    private static boolean foldedByAnother(RuleDefinition rule, List<RuleDefinition> applying) {
        for (RuleDefinition other : applying) {
            if (rule.isSupersededBy(other)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The founding document's pathway card and the guideline cards that differ from it, side by side; null (no card)
     * unless both apply.
     */
    private static Recommendation comparison(
            RuleDefinition rule, List<RuleDefinition> applying, List<TreatmentOrder> orders) {
        RuleDefinition pathway = null;
        List<RuleDefinition> differing = new ArrayList<>(2);
        for (RuleDefinition r : applying) {
            if (r.source().equals("FD") && r.group().cards() == CardKind.ADVICE && !foldedByAnother(r, applying)) {
                pathway = r;
            }
            if (r.guideline() != null && r.guideline().differs() != null) {
                differing.add(r);
            }
        }
        return pathway == null || differing.isEmpty()
                ? null
                : new Recommendation.GuidelineComparison(rule, pathway, differing, orders);
    }

    /** A card's problems: warnings first, then in the order of their sentences. */
    private List<DataProblem> problems(Assessment a, DataProblem.Kind kind) {
        return a.problems().stream()
                .filter(p -> p.kind() == kind)
                .sorted(Comparator.comparing((DataProblem p) -> !p.warning())
                        .thenComparing(p -> pack.problemText(p.code(), p.arguments())))
                .toList();
    }

    /**
     * R3: the three founding-document options; option 3 (preoperative chemoradiation) inherits FD-RT, so it is left
     * out for upper-rectum and rectosigmoid tumours and offered with a caveat when the segment is unknown.
     */
    private static Recommendation stageIvOptions(
            RuleDefinition rule, TumourSegment segment, List<TreatmentOrder> orders) {
        List<StageIvOption> options = new ArrayList<>(3);
        for (StageIvOption option : StageIvOption.values()) {
            if (!(option.includesRadiotherapy() && segment.radiotherapyExcluded())) {
                options.add(option);
            }
        }
        return new Recommendation.StageIvOptions(rule, options, segment == TumourSegment.UNKNOWN, orders);
    }
}
