package dev.ampulla.pathway;

import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.StageIvOption;
import dev.ampulla.knowledge.pack.RuleDefinition;
import java.util.ArrayList;
import java.util.List;

/** One piece of advice for one primary: the rule that fired and what its card is about. */
public sealed interface Recommendation {

    RuleDefinition rule();

    /** The draft orders the advice is about or was given for (empty on chart open). */
    List<TreatmentOrder> orders();

    /** Every rule behind this advice, the firing one first. */
    default List<RuleDefinition> rules() {
        return List.of(rule());
    }

    /** The stage card, or a pathway card; {@code folded}: rules whose advice the card carries too (R11 in R10). */
    record PathwayAdvice(RuleDefinition rule, List<RuleDefinition> folded, List<TreatmentOrder> orders)
            implements Recommendation {

        public PathwayAdvice {
            folded = List.copyOf(folded);
            orders = List.copyOf(orders);
        }

        @Override
        public List<RuleDefinition> rules() {
            if (folded.isEmpty()) {
                return List.of(rule);
            }
            List<RuleDefinition> all = new ArrayList<>(folded.size() + 1);
            all.add(rule);
            all.addAll(folded);
            return all;
        }
    }

    /**
     * The founding document's stage IV options that apply, in order; {@code radiotherapyCaveat}: option 3 is offered
     * although the segment is unknown.
     */
    record StageIvOptions(
            RuleDefinition rule, List<StageIvOption> options, boolean radiotherapyCaveat, List<TreatmentOrder> orders)
            implements Recommendation {

        public StageIvOptions {
            options = List.copyOf(options);
            orders = List.copyOf(orders);
        }
    }

    /** A check of draft orders (R12–R15, R29): the orders it is about. */
    record OrderCheck(RuleDefinition rule, List<TreatmentOrder> orders) implements Recommendation {

        public OrderCheck {
            orders = List.copyOf(orders);
        }
    }

    /**
     * The founding document's pathway card ({@code pathway}) and the guideline cards that differ from it for this
     * patient ({@code guidelines}), shown side by side by {@code rule}'s card.
     */
    record GuidelineComparison(
            RuleDefinition rule, RuleDefinition pathway, List<RuleDefinition> guidelines, List<TreatmentOrder> orders)
            implements Recommendation {

        public GuidelineComparison {
            guidelines = List.copyOf(guidelines);
            orders = List.copyOf(orders);
        }
    }

    /** The data problems a data-quality card lists (R25, R26). */
    record DataQuality(RuleDefinition rule, List<DataProblem> problems) implements Recommendation {

        public DataQuality {
            problems = List.copyOf(problems);
        }

        @Override
        public List<TreatmentOrder> orders() {
            return List.of();
        }
    }
}
