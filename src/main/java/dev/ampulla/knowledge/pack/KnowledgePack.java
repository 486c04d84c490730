package dev.ampulla.knowledge.pack;

import java.util.List;
import java.util.Map;

/**
 * Ampulla's clinical knowledge as one versioned pack: manifest, findings vocabulary, rule groups, parameters,
 * statements, text fragments and rules (YAML), beside the code sets, tables and FHIR resources it lists as data.
 * Loaded and checked once at start-up; immutable afterwards. A pack that fails a check never starts.
 */
public final class KnowledgePack {
    private final PackSource source;
    private final Manifest manifest;
    private final Map<Finding, Map<String, FindingWords>> words;
    private final Map<String, RuleGroup> groups;
    private final PackParameters parameters;
    private final Map<String, Statement> statements;
    private final Map<String, Template> fragments;
    private final Map<DataProblemCode, Template> problems;
    private final Map<EvidenceText, Template> evidence;
    private final Map<EvidenceText, String> fixedEvidence = new java.util.EnumMap<>(EvidenceText.class);
    private final List<RuleDefinition> rules;
    private final Map<String, RuleDefinition> byId;
    private final List<String> files;
    private final Guidelines guidelines;
    /** What the fragments shown on every card about a primary use: those values are filled on every such card. */
    private final java.util.Set<Placeholder> caseFragmentPlaceholders = java.util.EnumSet.noneOf(Placeholder.class);

    KnowledgePack(
            PackSource source,
            Manifest manifest,
            Map<Finding, Map<String, FindingWords>> words,
            Map<String, RuleGroup> groups,
            PackParameters parameters,
            Map<String, Statement> statements,
            Map<String, Template> fragments,
            Map<DataProblemCode, Template> problems,
            Map<EvidenceText, Template> evidence,
            List<RuleDefinition> rules,
            List<String> files,
            Guidelines guidelines) {
        this.guidelines = guidelines;
        this.source = source;
        this.manifest = manifest;
        this.words = words;
        this.groups = groups;
        this.parameters = parameters;
        this.statements = statements;
        this.fragments = fragments;
        for (String name : CASE_FRAGMENTS) {
            Template fragment = fragments.get(name);
            if (fragment != null) {
                caseFragmentPlaceholders.addAll(fragment.placeholders());
            }
        }
        this.problems = problems;
        this.evidence = evidence;
        // texts without arguments are the same on every card: rendered once
        evidence.forEach((text, template) -> {
            if (text.arguments().isEmpty()) {
                fixedEvidence.put(text, template.render(TemplateValues.forArguments(), s -> s));
            }
        });
        this.rules = rules.stream()
                .sorted(java.util.Comparator.comparingInt(
                        (RuleDefinition r) -> r.group().order()))
                .toList();
        this.byId = new java.util.HashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        this.files = files;
    }

    /** Loads and checks a pack; throws {@link PackException} naming the file and line of the first problem. */
    public static KnowledgePack load(PackSource source) {
        return new PackLoader(source).load();
    }

    /** The pack shipped with Ampulla, loaded once. */
    public static KnowledgePack shipped() {
        return Shipped.PACK;
    }

    private static final class Shipped {
        static final KnowledgePack PACK = load(PackSource.shipped());
    }

    public PackSource source() {
        return source;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** {@code id|version}, as cards carry it. */
    public String version() {
        return manifest.version();
    }

    /** The guideline layer: as shipped, its references, the words for its inputs. */
    public Guidelines guidelines() {
        return guidelines;
    }

    /**
     * The guideline layer as a deployment narrows it: {@code enabled} null keeps the pack's setting, {@code sources}
     * and {@code topics} null keep the pack's. Throws {@link IllegalArgumentException} naming a source or topic no
     * guideline rule has.
     */
    public GuidelineLayer guidelineLayer(Boolean enabled, java.util.Set<String> sources, java.util.Set<String> topics) {
        GuidelineLayer base = guidelines.layer();
        java.util.Set<String> knownSources = new java.util.TreeSet<>();
        java.util.Set<String> knownTopics = new java.util.TreeSet<>();
        for (RuleDefinition r : rules) {
            if (r.guideline() != null) {
                knownSources.add(r.guideline().guideline().id());
                knownTopics.add(r.topic());
            }
        }
        for (var check : List.of(
                java.util.Map.entry("source", sources == null ? java.util.Set.<String>of() : sources),
                java.util.Map.entry("topic", topics == null ? java.util.Set.<String>of() : topics))) {
            java.util.Set<String> known = check.getKey().equals("source") ? knownSources : knownTopics;
            for (String named : check.getValue()) {
                if (!known.contains(named)) {
                    throw new IllegalArgumentException("the guideline layer has no " + check.getKey() + " '" + named
                            + "' (known: " + String.join(", ", known) + ")");
                }
            }
        }
        return new GuidelineLayer(
                enabled != null ? enabled : base.enabled(),
                sources != null ? sources : base.sources(),
                topics != null ? topics : base.topics());
    }

    public PackParameters parameters() {
        return parameters;
    }

    public Map<String, RuleGroup> groups() {
        return groups;
    }

    /** Every rule, in the order their groups issue cards. */
    public List<RuleDefinition> rules() {
        return rules;
    }

    public RuleDefinition rule(String id) {
        RuleDefinition rule = byId.get(id);
        if (rule == null) {
            throw new IllegalStateException("the knowledge pack has no rule " + id);
        }
        return rule;
    }

    public Map<String, Statement> statements() {
        return statements;
    }

    /** A text fragment of texts.yaml (e.g. the note shown when the EHR sent no Procedures). */
    /** The fragment every card about a primary shows: where the patient is in treatment, and the data's age. */
    public static final String PHASE_FRAGMENT = "treatment-phase";
    /** The fragment put before the summary of a card about a primary whose data are stale (unless it names them). */
    public static final String STALE_SUMMARY_FRAGMENT = "stale-summary";
    /** The fragment under every guideline card's text: its source, edition and grade, and the data it read. */
    public static final String GUIDELINE_FRAGMENT = "guideline-basis";
    /** The fragments every card about a primary may show: they use only what every such card has. */
    static final List<String> CASE_FRAGMENTS = List.of(PHASE_FRAGMENT, STALE_SUMMARY_FRAGMENT);

    /** Whether a fragment every card about a primary may show uses the placeholder. */
    public boolean phaseFragmentUses(Placeholder placeholder) {
        return caseFragmentPlaceholders.contains(placeholder);
    }

    public Template fragment(String name) {
        Template t = fragments.get(name);
        if (t == null) {
            throw new IllegalStateException("texts.yaml has no fragment " + name);
        }
        return t;
    }

    /** A data problem's sentence, filled with its arguments (plain text). */
    public String problemText(DataProblemCode code, Map<String, String> arguments) {
        TemplateValues values = TemplateValues.forArguments();
        arguments.forEach((name, value) -> values.argument(
                name,
                DataProblemCode.isSegment(name) ? words(Finding.SEGMENT, value).description() : value));
        return problems.get(code).render(values, text -> text);
    }

    /** An evidence text, its arguments given as name, value, name, value… (a null value leaves it absent). */
    public String evidence(EvidenceText text, String... arguments) {
        String fixed = fixedEvidence.get(text);
        if (fixed != null) {
            return fixed;
        }
        TemplateValues values = TemplateValues.forArguments();
        for (int i = 0; i + 1 < arguments.length; i += 2) {
            values.argument(arguments[i], arguments[i + 1]);
        }
        return evidence.get(text).render(values, s -> s);
    }

    public FindingWords words(Finding finding, String value) {
        return words.get(finding).get(value);
    }

    /** Every file of the pack, relative to its folder: the YAML, the code sets, tables and FHIR resources. */
    public List<String> files() {
        return files;
    }
}
