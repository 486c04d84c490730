package dev.ampulla.knowledge.pack;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the decision table over every combination of findings (they are finite): in a group marked at-most-one no
 * two rules of the same hook apply at once unless one folds the other, and where the group's {@code required-when}
 * holds one of its rules applies. A failure names both rules' files and an example situation.
 */
final class PackCoverage {

    private PackCoverage() {
    }

    static void check(KnowledgePack pack) {
        Finding[] findings = Finding.values();
        Findings current = Findings.start();
        int[] sizes = new int[findings.length];
        long total = 1;
        for (int i = 0; i < findings.length; i++) {
            sizes[i] = findings[i].domain().size();
            total *= sizes[i];
        }
        List<RuleGroup> groups = new ArrayList<>(pack.groups().values());
        for (long n = 0; n < total; n++) {
            long rest = n;
            for (int i = 0; i < findings.length; i++) {
                current.setIndex(findings[i], (int) (rest % sizes[i]));
                rest /= sizes[i];
            }
            for (RuleGroup group : groups) {
                for (String hook : List.of("patient-view", "order-select", "order-sign")) {
                    checkGroup(pack, group, hook, current);
                }
            }
        }
    }

    private static void checkGroup(KnowledgePack pack, RuleGroup group, String hook, Findings findings) {
        List<RuleDefinition> applying = new ArrayList<>(2);
        boolean groupAnswersHook = false;
        for (RuleDefinition rule : pack.rules()) {
            if (rule.group() == group && rule.answers(hook) && rule.when() != null) {
                groupAnswersHook = true;
                if (rule.appliesTo(findings)) {
                    applying.add(rule);
                }
            }
        }
        if (group.atMostOne() && applying.size() > 1) {
            RuleDefinition first = applying.get(0);
            for (RuleDefinition other : applying.subList(1, applying.size())) {
                if (!first.folds().contains(other.id()) && !other.folds().contains(first.id())) {
                    throw new PackException(other.file(), other.line(), "rule " + other.id() + " and rule "
                            + first.id() + " (" + first.file() + " line " + first.line() + ") both apply in group "
                            + group.name() + " at " + hook + " when " + findings
                            + "; narrow one of them, or let one fold the other");
                }
            }
        }
        if (groupAnswersHook && applying.isEmpty()) {
            for (Condition required : group.requiredWhen()) {
                if (required.matches(findings)) {
                    throw new PackException("rule-groups.yaml", 0, "no rule of group " + group.name()
                            + " applies at " + hook + " when " + findings + ", although one must");
                }
            }
        }
    }
}
