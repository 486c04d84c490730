package dev.ampulla.knowledge.pack;

import java.util.List;
import java.util.Set;

/**
 * One rule of the decision table, as the pack gives it.
 *
 * @param when the findings it applies to; null for rules decided while reading the record (R28, R30)
 * @param warningWhen where its card is a warning although its indicator is info; null when never
 * @param folds rules whose advice this rule's card carries when they apply too (R10 carries R11)
 * @param overrideReasonsIfTargetUnnamed further override reasons when an order names no target
 */
public record RuleDefinition(
        String id,
        String file,
        int line,
        String topic,
        String title,
        String source,
        RuleGroup group,
        Set<String> hooks,
        Condition when,
        String indicator,
        Condition warningWhen,
        List<Quote> quotes,
        List<String> overrideReasons,
        List<String> overrideReasonsIfTargetUnnamed,
        Suggests suggests,
        List<EvidenceRows> evidence,
        List<String> folds,
        Template summary,
        Template detail) {

    public boolean appliesTo(Findings findings) {
        return when != null && when.matches(findings);
    }

    public boolean isWarning(Findings findings) {
        return "warning".equals(indicator) || (warningWhen != null && warningWhen.matches(findings));
    }

    /** Whether the rule's texts use the placeholder: values they do not use are never worked out. */
    public boolean uses(Placeholder placeholder) {
        return summary.placeholders().contains(placeholder) || detail.placeholders().contains(placeholder);
    }

    public boolean answers(String hook) {
        return hooks.contains(hook);
    }
}
