package dev.ampulla.knowledge.pack;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the decision table over every combination of findings (they are finite), group by group and hook by hook,
 * on the cards the engine would issue — the applying rules less those another applying rule folds into its card: in a
 * group marked at-most-one no two cards are issued at once, and where the group's {@code required-when} holds one is.
 * Only the findings a group's rules and requirements name are varied. A failure names the rules' files and an
 * example situation.
 */
final class PackCoverage {
    private static final List<String> HOOKS = List.of("patient-view", "order-select", "order-sign");

    private PackCoverage() {}

    static void check(KnowledgePack pack) {
        for (RuleGroup group : pack.groups().values()) {
            List<List<RuleDefinition>> checked = new ArrayList<>(HOOKS.size());
            for (String hook : HOOKS) {
                List<RuleDefinition> rules = pack.rules().stream()
                        .filter(r -> r.group().equals(group) && r.answers(hook) && r.when() != null)
                        .toList();
                // most rules answer every hook: the same rules pass or fail alike, so they are enumerated once
                if (!rules.isEmpty() && !checked.contains(rules)) {
                    checkGroup(group, hook, rules);
                    checked.add(rules);
                }
            }
        }
    }

    private static void checkGroup(RuleGroup group, String hook, List<RuleDefinition> rules) {
        if (!group.atMostOne() && group.requiredWhen().isEmpty()) {
            return; // nothing to check: its rules may apply together, and none has to
        }
        Set<Finding> named = EnumSet.noneOf(Finding.class);
        rules.forEach(r -> named.addAll(r.when().allowed().keySet()));
        group.requiredWhen().forEach(c -> named.addAll(c.allowed().keySet()));
        Finding[] varied = named.toArray(new Finding[0]);
        long total = 1;
        for (Finding f : varied) {
            total *= f.domain().size();
        }
        int[] sizes = new int[varied.length];
        for (int i = 0; i < varied.length; i++) {
            sizes[i] = varied[i].domain().size();
        }
        Findings findings = Findings.start();
        List<RuleDefinition> applying = new ArrayList<>(4);
        List<RuleDefinition> issued = new ArrayList<>(4);
        // Tens of thousands of combinations at every start, mostly before the JIT has compiled anything: plain loops,
        // nothing allocated per combination.
        for (long n = 0; n < total; n++) {
            long rest = n;
            for (int i = 0; i < varied.length; i++) {
                findings.setIndex(varied[i], (int) (rest % sizes[i]));
                rest /= sizes[i];
            }
            applying.clear();
            for (RuleDefinition rule : rules) {
                if (rule.appliesTo(findings)) {
                    applying.add(rule);
                }
            }
            issued(applying, issued);
            if (group.atMostOne() && issued.size() > 1) {
                RuleDefinition first = issued.get(0);
                RuleDefinition other = issued.get(1);
                throw new PackException(
                        other.file(),
                        other.line(),
                        "rule " + other.id() + " and rule " + first.id()
                                + " (" + first.file() + " line " + first.line() + ") both apply in group "
                                + group.name()
                                + " at " + hook + " when " + describe(findings, varied)
                                + "; narrow one of them, or let one fold the other");
            }
            if (issued.isEmpty()) {
                for (Condition required : group.requiredWhen()) {
                    if (required.matches(findings)) {
                        throw new PackException(
                                "rule-groups.yaml",
                                0,
                                "no rule of group " + group.name() + " applies at " + hook + " when "
                                        + describe(findings, varied) + ", although one must");
                    }
                }
            }
        }
    }

    /** The applying rules less those another applying rule folds or replaces, in their order. */
    private static void issued(List<RuleDefinition> applying, List<RuleDefinition> issued) {
        issued.clear();
        for (RuleDefinition rule : applying) {
            boolean superseded = false;
            for (RuleDefinition other : applying) {
                if (rule.isSupersededBy(other)) {
                    superseded = true;
                    break;
                }
            }
            if (!superseded) {
                issued.add(rule);
            }
        }
    }

    private static String describe(Findings findings, Finding[] varied) {
        List<String> parts = new ArrayList<>(varied.length);
        for (Finding f : varied) {
            parts.add(f.key() + ": " + findings.get(f));
        }
        return String.join(", ", parts);
    }
}
