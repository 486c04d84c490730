package dev.ampulla.knowledge.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of the documentation that are the pack itself, written from it so that they cannot drift: the decision
 * table, the findings vocabulary, the placeholders and the parameters (docs/clinical-logic.md, docs/knowledge-pack.md).
 */
public final class PackDocs {

    private PackDocs() {}

    /** The decision table: one row per rule, its conditions in the findings' words. */
    public static String rules(KnowledgePack pack) {
        StringBuilder b = new StringBuilder();
        b.append("Knowledge pack `")
                .append(pack.manifest().id())
                .append("` version ")
                .append(pack.version())
                .append(" (")
                .append(pack.manifest().date())
                .append(").\n\n");
        b.append(
                "| Rule | When | Card (topic) | Hooks | Indicator | Applies | Source |\n|---|---|---|---|---|---|---|\n");
        List<RuleDefinition> byId = new ArrayList<>(pack.rules());
        byId.sort(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.id().substring(1))));
        for (RuleDefinition r : byId) {
            b.append("| ")
                    .append(r.id())
                    .append(" | ")
                    .append(when(pack, r))
                    .append(" | `")
                    .append(r.topic())
                    .append("`: ")
                    .append(r.title());
            if (!r.folds().isEmpty()) {
                b.append(" (with ").append(String.join(", ", r.folds())).append(" in one card when both apply)");
            }
            if (!r.replaces().isEmpty()) {
                b.append(" (instead of ")
                        .append(String.join(", ", r.replaces()))
                        .append(" when both apply and the" + " guideline layer is on)");
            }
            b.append(" | ")
                    .append(hooks(r))
                    .append(" | ")
                    .append(indicator(pack, r))
                    .append(" | ")
                    .append(
                            r.quotes().isEmpty()
                                    ? "—"
                                    : String.join(
                                            ", ",
                                            r.quotes().stream().map(Quote::id).toList()))
                    .append(" | ")
                    .append(r.source())
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String when(KnowledgePack pack, RuleDefinition r) {
        if (r.when() == null) {
            return "decided while reading the record";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Finding, List<String>> e : r.when().allowed().entrySet()) {
            List<String> words = e.getValue().stream()
                    .map(v -> pack.words(e.getKey(), v).words())
                    .toList();
            parts.add(e.getKey().key() + ": " + String.join(" or ", words));
        }
        return String.join("; ", parts);
    }

    private static String hooks(RuleDefinition r) {
        List<String> hooks = new ArrayList<>();
        for (String h : List.of("patient-view", "order-select", "order-sign")) {
            if (r.answers(h)) {
                hooks.add(h);
            }
        }
        return String.join(", ", hooks);
    }

    private static String indicator(KnowledgePack pack, RuleDefinition r) {
        if (r.warningWhen().isEmpty()) {
            return r.indicator().equals("warning") ? "**warning**" : r.indicator();
        }
        List<String> alternatives = new ArrayList<>();
        for (Condition c : r.warningWhen()) {
            List<String> when = new ArrayList<>();
            c.allowed()
                    .forEach((f, values) -> when.add(f.key() + " "
                            + String.join(
                                    " or ",
                                    values.stream()
                                            .map(v -> pack.words(f, v).words())
                                            .toList())));
            alternatives.add(String.join(", ", when));
        }
        return r.indicator() + "; **warning** when " + String.join("; or when ", alternatives);
    }

    /**
     * The guideline layer's rules: for each, its topic, the guideline and edition it applies with the grade, the
     * trials and decisions it cites, the data it reads (and their codes' certainty is in code-sets.csv), and how it
     * differs from the founding document when it does.
     */
    public static String guidelineRules(KnowledgePack pack) {
        StringBuilder b = new StringBuilder("| Rule | Card (topic) | Guideline (edition), grade | Also cites | Reads |"
                + " Differs from the founding document |\n|---|---|---|---|---|---|\n");
        for (RuleDefinition r : byId(pack)) {
            GuidelineBasis g = r.guideline();
            if (g == null) {
                continue;
            }
            List<String> cites = new ArrayList<>();
            for (GuidelineReference ref :
                    g.references().subList(1, g.references().size())) {
                cites.add(ref.label() + (ref.mark().equals("verified") ? "" : " (" + ref.mark() + ")"));
            }
            List<String> reads = new ArrayList<>();
            g.inputs().forEach(i -> reads.add(pack.guidelines().inputWords().get(i)));
            b.append("| ")
                    .append(r.id())
                    .append(" | `")
                    .append(r.topic())
                    .append("`: ")
                    .append(r.title())
                    .append(" | ")
                    .append(g.sourceLabel())
                    .append(", reviewed ")
                    .append(g.guideline().reviewed())
                    .append("; grade: ")
                    .append(g.grade())
                    .append(" | ")
                    .append(cites.isEmpty() ? "—" : String.join("; ", cites))
                    .append(" | ")
                    .append(reads.isEmpty() ? "stage, orders" : String.join(", ", reads))
                    .append(" | ")
                    .append(g.differs() == null ? "—" : g.differs())
                    .append(" |\n");
        }
        return b.toString();
    }

    /** What each input of the guideline layer is read from: its code sets, codes and how far each was verified. */
    public static String guidelineInputs(KnowledgePack pack) {
        StringBuilder b = new StringBuilder("| Input | Code set | Codes (how verified) |\n|---|---|---|\n");
        for (GuidelineInput input : GuidelineInput.values()) {
            String words = pack.guidelines().inputWords().get(input);
            if (input.codeSets().isEmpty()) {
                b.append("| ").append(words).append(" | — | the Patient's birthDate (prefetch key `patient`) |\n");
                continue;
            }
            for (String set : input.codeSets()) {
                List<String> codes = new ArrayList<>();
                for (dev.ampulla.knowledge.CodeSetListing.Row row :
                        dev.ampulla.knowledge.CodeSetListing.of(List.of(set))) {
                    codes.add(row.system() + " " + row.code() + " " + row.display() + " (" + row.verified() + ")");
                }
                b.append("| ")
                        .append(words)
                        .append(" | `")
                        .append(set)
                        .append("` | ")
                        .append(String.join("; ", codes))
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    /** Every reference the guideline layer cites, with how far the citation was checked. */
    public static String guidelineReferences(KnowledgePack pack) {
        StringBuilder b = new StringBuilder("| Id | Kind | Citation | Checked |\n|---|---|---|---|\n");
        for (GuidelineReference ref : pack.guidelines().references().values().stream()
                .sorted(java.util.Comparator.comparing(GuidelineReference::id))
                .toList()) {
            b.append("| ")
                    .append(ref.id())
                    .append(" | ")
                    .append(ref.kind().key())
                    .append(" | ")
                    .append(ref.citation())
                    .append(" <")
                    .append(ref.url())
                    .append("> | ")
                    .append(ref.mark())
                    .append(" |\n");
        }
        return b.toString();
    }

    private static List<RuleDefinition> byId(KnowledgePack pack) {
        List<RuleDefinition> byId = new ArrayList<>(pack.rules());
        byId.sort(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.id().substring(1))));
        return byId;
    }

    /** The findings rules decide on, with their values in words. */
    public static String findings(KnowledgePack pack) {
        StringBuilder b = new StringBuilder("| Finding | Values |\n|---|---|\n");
        for (Finding f : Finding.values()) {
            b.append("| `").append(f.key()).append("` | ");
            List<String> values = new ArrayList<>();
            for (String v : f.domain()) {
                values.add("`" + v + "` (" + pack.words(f, v).words() + ")");
            }
            b.append(String.join(", ", values)).append(" |\n");
        }
        return b.toString();
    }

    /** The placeholders card texts may use. */
    public static String placeholders() {
        StringBuilder b = new StringBuilder("| Placeholder | Kind | Meaning |\n|---|---|---|\n");
        for (Placeholder p : Placeholder.values()) {
            b.append("| `")
                    .append(p.key())
                    .append("` | ")
                    .append(p.kind().name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(p.meaning());
            if (p.kind() == Placeholder.Kind.LIST) {
                List<String> fields = new ArrayList<>(p.fields());
                p.flagFields().forEach(f -> fields.add(f + " (flag)"));
                b.append("; item fields: ").append(String.join(", ", fields));
            } else if (p.kind() == Placeholder.Kind.CHOICE) {
                b.append("; values: ").append(String.join(", ", p.fields()));
            }
            b.append(" |\n");
        }
        return b.toString();
    }

    /** The treatment phases, in the order they are decided, with how each is derived (findings.yaml). */
    public static String phases(KnowledgePack pack) {
        StringBuilder b = new StringBuilder("| Phase | Words on the cards | How it is derived |\n|---|---|---|\n");
        for (String v : Finding.TREATMENT_PHASE.domain()) {
            FindingWords w = pack.words(Finding.TREATMENT_PHASE, v);
            b.append("| `")
                    .append(v)
                    .append("` | ")
                    .append(w.words())
                    .append(" | ")
                    .append(w.description())
                    .append(" |\n");
        }
        return b.toString();
    }

    /** The parameters, as the segment paragraph states them. */
    public static String parameters(KnowledgePack pack) {
        var t = pack.parameters().segmentThresholds();
        return "Segment thresholds (distance of the lower tumour edge from the anal verge): ≤ " + num(t.lowerMaxCm())
                + " cm lower rectum, ≤ " + num(t.middleMaxCm()) + " cm middle, ≤ " + num(t.upperMaxCm())
                + " cm upper, beyond that rectosigmoid; within "
                + num(pack.parameters().borderlineMarginCm())
                + " cm of a boundary every card that shows the location asks to confirm it on MRI"
                + " (`parameters.yaml`).\n\nStale data: when even the newest fact of a case is older than its"
                + " treatment phase's age, every card says so and the stale-data card (R37) names the dates"
                + " (`parameters.yaml`, `stale-data-after-days`): "
                + String.join(
                        ", ",
                        Finding.TREATMENT_PHASE.domain().stream()
                                .map(p -> p + " " + pack.parameters().staleDataAfterDays(p) + " days")
                                .toList())
                + ".\n";
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
