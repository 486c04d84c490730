package dev.ampulla.cards;

import ca.uhn.fhir.parser.IParser;
import dev.ampulla.assessment.Assessment;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CardSource;
import dev.ampulla.cdshooks.Coding;
import dev.ampulla.cdshooks.Indicator;
import dev.ampulla.cdshooks.SelectionBehavior;
import dev.ampulla.cdshooks.Suggestion;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.Placeholder;
import dev.ampulla.knowledge.pack.Quote;
import dev.ampulla.knowledge.pack.RuleDefinition;
import dev.ampulla.knowledge.pack.TemplateValues;
import dev.ampulla.pathway.Advice;
import dev.ampulla.pathway.Recommendation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns recommendations into CDS Hooks cards with the pack's texts. Every card's detail says what was concluded, from
 * which data (resource, coding, date) and by which rule of which knowledge version, quoting the statements it rests
 * on; its source links to the rule's page.
 */
public final class CardWriter {
    public static final String SOURCE_LABEL = "Ampulla rectal cancer pathways";
    /** Card extension naming the decision-table rules a card applies, e.g. {@code ["R10", "R11"]}. */
    public static final String RULES_EXTENSION = "dev.ampulla.rules";
    /** Card extension naming the knowledge pack and version that produced the card. */
    public static final String KNOWLEDGE_EXTENSION = "dev.ampulla.knowledge";

    private final KnowledgePack pack;
    private final KnowledgeResources resources;
    private final Supplier<String> baseUrl;
    private final EvidenceTable evidence;
    private final StageIvSuggestions stageIv;
    private final MmrTestingSuggestion mmrTesting;
    private final Map<String, Coding> overrideReasons = new java.util.HashMap<>();
    private final Map<String, String> knowledgeExtension;
    private volatile RulePages rulePages;
    private final dev.ampulla.knowledge.pack.Template phaseFragment;
    private final dev.ampulla.knowledge.pack.Template staleSummary;
    private final dev.ampulla.knowledge.pack.Template guidelineBasis;
    /** Card extension of a guideline card: the guideline, its edition and the recommendation's grade. */
    public static final String GUIDELINE_EXTENSION = "dev.ampulla.guideline";

    /** @param baseUrl the public base URL of this service, for the rule pages the cards link to */
    public CardWriter(
            KnowledgePack pack, KnowledgeResources resources, Supplier<IParser> fhirParser, Supplier<String> baseUrl) {
        this.pack = pack;
        this.resources = resources;
        this.baseUrl = baseUrl;
        this.evidence = new EvidenceTable(pack);
        this.phaseFragment = pack.fragment(KnowledgePack.PHASE_FRAGMENT);
        this.staleSummary = pack.fragment(KnowledgePack.STALE_SUMMARY_FRAGMENT);
        this.guidelineBasis = pack.fragment(KnowledgePack.GUIDELINE_FRAGMENT);
        this.stageIv = new StageIvSuggestions(resources, fhirParser);
        this.mmrTesting = new MmrTestingSuggestion(resources, fhirParser);
        resources
                .overrideReasons()
                .forEach(c -> overrideReasons.put(c.code(), new Coding(c.system(), c.code(), c.display())));
        Map<String, String> knowledge = new LinkedHashMap<>(2);
        knowledge.put("pack", pack.manifest().id());
        knowledge.put("version", pack.version());
        this.knowledgeExtension = java.util.Collections.unmodifiableMap(knowledge);
    }

    public Card render(Advice advice, Recommendation r, String patientId) {
        Assessment a = advice.assessment();
        RuleDefinition rule = r.rule();
        TemplateValues values = CardValues.of(pack, resources, a, advice.findings(), r);
        if (r instanceof Recommendation.GuidelineComparison c) {
            comparison(values, advice, c);
        }
        StringBuilder d = new StringBuilder(2048);
        rule.detail().renderInto(d, values, Markdown::escape);
        trimEnd(d);
        d.append("\n\n");
        if (rule.guideline() != null) {
            String basis = guidelineBasis.render(values, Markdown::escape).strip();
            if (!basis.isEmpty()) {
                d.append(basis).append("\n\n");
            }
        }
        String phase = phaseFragment.render(values, Markdown::escape).strip();
        if (!phase.isEmpty()) {
            d.append(phase).append("\n\n");
        }
        evidence.append(d, a, rule.evidence(), r.orders());
        if (!(r instanceof Recommendation.OrderCheck) && !r.orders().isEmpty()) {
            d.append(pack.fragment("given-for-orders").render(values, Markdown::escape))
                    .append("\n\n");
            evidence.orderRows(d, r.orders());
        }
        footer(d, r.rules());
        List<Suggestion> suggestions = switch (rule.suggests()) {
            case STAGE_IV_OPTIONS -> r instanceof Recommendation.StageIvOptions o ? stageIv.of(a, o, patientId) : null;
            case REMOVE_ORDERS -> OrderRemoval.of(r.orders());
            case MMR_TESTING -> mmrTesting.of(a, patientId);
            case NOTHING -> null;
        };
        List<String> reasonCodes = new ArrayList<>(rule.overrideReasons());
        if (r instanceof Recommendation.OrderCheck
                && r.orders().stream().anyMatch(o -> o.target().isHedged())) {
            reasonCodes.addAll(rule.overrideReasonsIfTargetUnnamed());
        }
        Map<String, Object> extensions = new LinkedHashMap<>(4);
        extensions.put(StageExtension.KEY, StageExtension.of(a));
        extensions.put(
                RULES_EXTENSION, r.rules().stream().map(RuleDefinition::id).toList());
        extensions.put(KNOWLEDGE_EXTENSION, knowledgeExtension);
        if (rule.guideline() != null) {
            extensions.put(GUIDELINE_EXTENSION, guidelineExtension(rule));
        } else if (r instanceof Recommendation.GuidelineComparison c) {
            List<String> compared = new ArrayList<>();
            compared.add(c.pathway().id());
            c.guidelines().forEach(g -> compared.add(g.id()));
            extensions.put(GUIDELINE_EXTENSION, Map.of("compares", compared));
        }
        String summary = rule.summary().render(values, s -> s);
        if (a.dataAge().stale() && !rule.uses(Placeholder.NEWEST_DATA_DATE)) {
            // the summary is all some EHRs show: it says how old the data behind it are
            summary = staleSummary.render(values, s -> s) + summary;
        }
        return card(
                rule,
                summary,
                d.toString(),
                indicator(rule, advice.findings()),
                suggestions,
                reasonCodes.stream().map(overrideReasons::get).toList(),
                extensions);
    }

    /** A card of a rule decided while reading the record (R28, R30): its texts filled with {@code values}. */
    Card render(RuleDefinition rule, TemplateValues values) {
        StringBuilder d = new StringBuilder(512);
        rule.detail().renderInto(d, values, Markdown::escape);
        trimEnd(d);
        d.append("\n\n");
        footer(d, List.of(rule));
        Map<String, Object> extensions = new LinkedHashMap<>(2);
        extensions.put(RULES_EXTENSION, List.of(rule.id()));
        extensions.put(KNOWLEDGE_EXTENSION, knowledgeExtension);
        return card(
                rule,
                rule.summary().render(values, s -> s),
                d.toString(),
                indicator(rule, null),
                null,
                List.of(),
                extensions);
    }

    private Card card(
            RuleDefinition rule,
            String summary,
            String detail,
            Indicator indicator,
            List<Suggestion> suggestions,
            List<Coding> reasons,
            Map<String, Object> extensions) {
        if (summary.length() > 139) {
            summary = summary.substring(0, 136) + "...";
        }
        CardSource source = new CardSource(
                rule.guideline() == null ? SOURCE_LABEL : rule.guideline().sourceLabel() + ", via Ampulla",
                rulePage(rule),
                new Coding(CodeSystems.AMPULLA_CARD_TOPIC, rule.topic(), resources.topicDisplay(rule.topic())));
        return new Card(
                Uuids.timeOrdered(),
                summary,
                detail,
                indicator,
                source,
                suggestions,
                suggestions == null ? null : SelectionBehavior.AT_MOST_ONE,
                reasons,
                extensions);
    }

    /** The rule page's address; the base is known only once the server listens, then it stays the same. */
    private String rulePage(RuleDefinition rule) {
        RulePages pages = rulePages;
        String base = baseUrl.get();
        if (pages == null || !pages.base().equals(base)) {
            Map<String, String> urls = new java.util.HashMap<>();
            pack.rules().forEach(r -> urls.put(r.id(), base + "/knowledge/rules/" + r.id()));
            pages = new RulePages(base, urls);
            rulePages = pages;
        }
        return pages.urls().get(rule.id());
    }

    private record RulePages(String base, Map<String, String> urls) {}

    private static Indicator indicator(RuleDefinition rule, dev.ampulla.knowledge.pack.Findings findings) {
        if (rule.indicator().equals("critical")) {
            return Indicator.CRITICAL;
        }
        return rule.indicator().equals("warning") || (findings != null && rule.isWarning(findings))
                ? Indicator.WARNING
                : Indicator.INFO;
    }

    private void footer(StringBuilder d, List<RuleDefinition> rules) {
        List<String> ids = new ArrayList<>(2);
        Map<String, Quote> quotes = new LinkedHashMap<>();
        for (RuleDefinition rule : rules) {
            ids.add(rule.id());
            rule.quotes().forEach(q -> quotes.putIfAbsent(q.id(), q));
        }
        RuleDefinition first = rules.get(0);
        d.append("Rule ")
                .append(String.join(" + ", ids))
                .append(" (")
                .append(
                        first.guideline() == null
                                ? first.source()
                                : "GL, " + first.guideline().sourceLabel());
        if (!quotes.isEmpty()) {
            d.append(": ").append(String.join(", ", quotes.keySet()));
        }
        d.append(").");
        for (Quote q : quotes.values()) {
            d.append("\n\n> **").append(q.id()).append("** ").append(q.text());
        }
    }

    /** The guideline, edition and grade of a guideline card, for systems that file or count cards by source. */
    private static Map<String, String> guidelineExtension(RuleDefinition rule) {
        Map<String, String> g = new LinkedHashMap<>(4);
        g.put("source", rule.guideline().guideline().id());
        g.put("edition", rule.guideline().guideline().edition());
        g.put("grade", rule.guideline().grade());
        return g;
    }

    /** The founding document's pathway card and each differing guideline card, in their own words, side by side. */
    private void comparison(TemplateValues values, Advice advice, Recommendation.GuidelineComparison c) {
        Recommendation fd = new Recommendation.PathwayAdvice(c.pathway(), List.of(), c.orders());
        values.text(
                        Placeholder.FOUNDING_DOCUMENT_SAYS,
                        c.pathway()
                                .summary()
                                .render(
                                        CardValues.of(pack, resources, advice.assessment(), advice.findings(), fd),
                                        s -> s))
                .text(Placeholder.FOUNDING_DOCUMENT_RULE, c.pathway().id());
        List<TemplateValues.Item> items = new ArrayList<>();
        for (RuleDefinition gl : c.guidelines()) {
            TemplateValues glValues = CardValues.of(
                    pack,
                    resources,
                    advice.assessment(),
                    advice.findings(),
                    new Recommendation.PathwayAdvice(gl, List.of(), c.orders()));
            items.add(new TemplateValues.Item()
                    .text("topic", gl.topic())
                    .text("guideline", gl.summary().render(glValues, s -> s))
                    .text("source", gl.guideline().sourceLabel() + ", rule " + gl.id())
                    .text("grade", gl.guideline().grade())
                    .text("differs", gl.guideline().differs()));
        }
        values.list(Placeholder.COMPARISON, items);
    }

    private static void trimEnd(StringBuilder s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        s.setLength(end);
    }
}
