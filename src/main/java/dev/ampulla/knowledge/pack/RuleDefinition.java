package dev.ampulla.knowledge.pack;

import java.util.List;
import java.util.Set;

/**
 * One rule of the decision table, as the pack gives it.
 *
 * @param when the findings it applies to; null for rules decided while reading the record (R28, R30)
 * @param warningWhen where its card is a warning although its indicator is info (any of them); empty when never
 * @param folds rules whose advice this rule's card carries when they apply too (R10 carries R11)
 * @param overrideReasonsIfTargetUnnamed further override reasons when an order names no target
 * @param guideline what a guideline (GL) rule rests on; null for the founding document's and Ampulla's own rules
 * @param replaces founding-document rules of its group whose card this guideline rule's card is shown instead of,
 *     where both apply (with the guideline layer off, theirs is shown)
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
        List<Condition> warningWhen,
        List<Quote> quotes,
        List<String> overrideReasons,
        List<String> overrideReasonsIfTargetUnnamed,
        Suggests suggests,
        List<EvidenceRows> evidence,
        List<String> folds,
        Template summary,
        Template detail,
        GuidelineBasis guideline,
        List<String> replaces) {

    /** Whether this rule's card is not issued because {@code other}, which applies too, folds or replaces it. */
    public boolean isSupersededBy(RuleDefinition other) {
        return other.folds.contains(id) || other.replaces.contains(id);
    }

    public boolean appliesTo(Findings findings) {
        return when != null && when.matches(findings);
    }

    public boolean isWarning(Findings findings) {
        if ("warning".equals(indicator)) {
            return true;
        }
        for (Condition c : warningWhen) {
            if (c.matches(findings)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the rule's texts use the placeholder: values they do not use are never worked out. */
    public boolean uses(Placeholder placeholder) {
        return summary.placeholders().contains(placeholder)
                || detail.placeholders().contains(placeholder);
    }

    public boolean answers(String hook) {
        return hooks.contains(hook);
    }
}
