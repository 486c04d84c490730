package dev.ampulla.knowledge.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.knowledge.SegmentThresholds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks a pack's YAML files; every refusal names the file and line. */
final class PackLoader {
    private static final List<String> HOOKS = List.of("patient-view", "order-select", "order-sign");
    private static final List<String> SOURCES = List.of("FD", "GL", "ENG");
    private static final List<String> INDICATORS = List.of("info", "warning", "critical");
    private static final List<String> RULE_KEYS = List.of(
            "id",
            "topic",
            "title",
            "source",
            "group",
            "hooks",
            "when",
            "indicator",
            "warning-when",
            "statements",
            "override-reasons",
            "override-reasons-if-target-unnamed",
            "suggests",
            "evidence",
            "folds",
            "summary",
            "detail",
            "guideline",
            "replaces");

    private final PackSource source;

    PackLoader(PackSource source) {
        this.source = source;
    }

    KnowledgePack load() {
        YamlNode.Mapping manifestNode = Yaml.read(source, "manifest.yaml").mapping();
        Manifest manifest = manifest(manifestNode);
        YamlNode.Mapping files = manifestNode.required("files").mapping();
        Map<Finding, Map<String, FindingWords>> words =
                findings(files.required("findings").text());
        Map<String, RuleGroup> groups = groups(files.required("rule-groups").text());
        PackParameters parameters = parameters(files.required("parameters").text());
        Map<String, Statement> statements =
                statements(files.required("statements").text());
        Map<String, Template> fragments = fragments(files.required("texts").text());
        Map<DataProblemCode, Template> problems =
                sentences(files.required("data-problems").text(), DataProblemCode.class, "data problem");
        Map<EvidenceText, Template> evidence =
                sentences(files.required("evidence").text(), EvidenceText.class, "evidence text");
        Guidelines guidelines = guidelines(files.required("guidelines").text());
        Set<String> topics = codes("CodeSystem-card-topic.json");
        Set<String> reasons = codes("CodeSystem-override-reason.json");
        Map<String, RuleDefinition> rules = new LinkedHashMap<>();
        for (YamlNode file : files.required("rules").list()) {
            RuleDefinition rule = rule(file.text(), groups, statements, fragments, topics, reasons, guidelines);
            if (rules.containsKey(rule.id())) {
                throw new PackException(rule.file(), rule.line(), "rule " + rule.id() + " is defined twice");
            }
            rules.put(rule.id(), rule);
        }
        for (RuleDefinition rule : rules.values()) {
            for (String folded : rule.folds()) {
                RuleDefinition other = rules.get(folded);
                if (other == null) {
                    throw new PackException(rule.file(), rule.line(), "folds unknown rule " + folded);
                }
                if (other.equals(rule)
                        || !other.group().equals(rule.group())
                        || !other.folds().isEmpty()
                        || rule.group().cards() != CardKind.ADVICE) {
                    throw new PackException(
                            rule.file(),
                            rule.line(),
                            "folds " + folded + ": a rule folds only other"
                                    + " advice rules of its own group that fold nothing themselves");
                }
            }
        }
        for (RuleDefinition rule : rules.values()) {
            for (String replaced : rule.replaces()) {
                RuleDefinition other = rules.get(replaced);
                if (other == null
                        || !other.group().equals(rule.group())
                        || other.guideline() != null
                        || rule.guideline() == null) {
                    throw new PackException(
                            rule.file(),
                            rule.line(),
                            "replaces " + replaced + ": a guideline rule"
                                    + " replaces only rules of its own group that are not guideline rules");
                }
            }
        }
        for (String required : List.of("R28", "R30")) {
            RuleDefinition rule = rules.get(required);
            if (rule == null || rule.group().cards() != CardKind.NOT_READ) {
                throw new PackException(
                        files.file(),
                        0,
                        "the pack needs rule " + required + " in a not-read group:"
                                + " Ampulla issues it when it cannot read a "
                                + (required.equals("R28") ? "diagnosis" : "draft order"));
            }
        }
        List<String> data =
                files.get("data") == null ? List.of() : files.get("data").texts();
        List<String> all = new ArrayList<>();
        all.add("manifest.yaml");
        for (String key : List.of(
                "findings",
                "rule-groups",
                "parameters",
                "statements",
                "texts",
                "data-problems",
                "evidence",
                "guidelines")) {
            all.add(files.required(key).text());
        }
        files.required("rules").texts().forEach(r -> all.add("rules/" + r));
        all.addAll(data);
        KnowledgePack pack = new KnowledgePack(
                source,
                manifest,
                words,
                groups,
                parameters,
                statements,
                fragments,
                problems,
                evidence,
                List.copyOf(rules.values()),
                List.copyOf(all),
                guidelines);
        try {
            // the layer as the pack ships it names only sources and topics its rules have, as a deployment's must
            GuidelineLayer layer = guidelines.layer();
            pack.guidelineLayer(layer.enabled(), layer.sources(), layer.topics());
        } catch (IllegalArgumentException e) {
            throw new PackException(files.required("guidelines").text(), 0, e.getMessage());
        }
        PackCoverage.check(pack);
        return pack;
    }

    private static Manifest manifest(YamlNode.Mapping m) {
        m.onlyKeys(List.of(
                "id",
                "title",
                "version",
                "date",
                "status",
                "publisher",
                "developer",
                "funding",
                "editors",
                "approvers",
                "sources",
                "files"));
        m.required("files")
                .mapping()
                .onlyKeys(List.of(
                        "findings",
                        "rule-groups",
                        "parameters",
                        "statements",
                        "texts",
                        "data-problems",
                        "evidence",
                        "guidelines",
                        "rules",
                        "data"));
        String version = m.required("version").text();
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw m.required("version").error("version must be semantic (major.minor.patch), got '" + version + "'");
        }
        String date = m.required("date").text();
        if (!date.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw m.required("date").error("date must be YYYY-MM-DD, got '" + date + "'");
        }
        List<Manifest.Source> sources = new ArrayList<>();
        for (YamlNode s : m.required("sources").list()) {
            YamlNode.Mapping sm = s.mapping();
            sources.add(new Manifest.Source(
                    sm.required("id").text(),
                    sm.required("title").text(),
                    sm.required("edition").text(),
                    sm.required("use").text()));
        }
        return new Manifest(
                m.required("id").text(),
                m.required("title").text(),
                version,
                date,
                m.required("status").text(),
                m.required("publisher").text(),
                m.required("developer").text(),
                m.required("funding").text(),
                m.required("editors").texts(),
                m.required("approvers").texts(),
                List.copyOf(sources));
    }

    /** findings.yaml must describe exactly the findings and values the program works out. */
    private Map<Finding, Map<String, FindingWords>> findings(String file) {
        YamlNode.Mapping m = Yaml.read(source, file).mapping();
        Map<Finding, Map<String, FindingWords>> words = new EnumMap<>(Finding.class);
        for (var e : m.entries().entrySet()) {
            Finding f = Finding.byKey(e.getKey());
            if (f == null) {
                throw new PackException(
                        file,
                        m.keyLines().get(e.getKey()),
                        "unknown finding '" + e.getKey() + "': Ampulla does not work it out");
            }
            YamlNode.Mapping fm = e.getValue().mapping();
            fm.onlyKeys(List.of("about", "values"));
            fm.required("about").text();
            YamlNode.Mapping values = fm.required("values").mapping();
            Map<String, FindingWords> byValue = new LinkedHashMap<>();
            for (var v : values.entries().entrySet()) {
                if (f.indexOf(v.getKey()) < 0) {
                    throw new PackException(
                            file,
                            values.keyLines().get(v.getKey()),
                            e.getKey() + " has no value '" + v.getKey() + "' (values: " + String.join(", ", f.domain())
                                    + ")");
                }
                YamlNode.Mapping vm = v.getValue().mapping();
                vm.onlyKeys(List.of("words", "description"));
                String w = vm.required("words").text();
                String d = vm.get("description") == null
                        ? w
                        : vm.get("description").text();
                byValue.put(v.getKey(), new FindingWords(w, d));
            }
            for (String value : f.domain()) {
                if (!byValue.containsKey(value)) {
                    throw new PackException(
                            file, fm.line(), e.getKey() + " does not describe its value '" + value + "'");
                }
            }
            words.put(f, byValue);
        }
        for (Finding f : Finding.values()) {
            if (!words.containsKey(f)) {
                throw new PackException(file, 0, "does not describe the finding '" + f.key() + "'");
            }
        }
        return words;
    }

    private Map<String, RuleGroup> groups(String file) {
        YamlNode.Mapping m = Yaml.read(source, file).mapping();
        Map<String, RuleGroup> groups = new LinkedHashMap<>();
        int order = 0;
        for (var e : m.entries().entrySet()) {
            YamlNode.Mapping g = e.getValue().mapping();
            g.onlyKeys(List.of("about", "cards", "at-most-one", "required-when", "warnings-first"));
            CardKind cards = CardKind.byKey(g.required("cards").text());
            if (cards == null) {
                throw g.required("cards")
                        .error("cards must be one of order-check, advice, guideline-comparison,"
                                + " data-conflicts, data-attribution, not-read");
            }
            List<Condition> required = new ArrayList<>();
            if (g.get("required-when") != null) {
                for (YamlNode c : g.get("required-when").list()) {
                    required.add(Condition.read(c));
                }
            }
            boolean warningsFirst = g.get("warnings-first") != null && bool(g.get("warnings-first"));
            groups.put(
                    e.getKey(),
                    new RuleGroup(
                            e.getKey(),
                            g.required("about").text(),
                            cards,
                            bool(g.required("at-most-one")),
                            List.copyOf(required),
                            order++,
                            warningsFirst));
        }
        return groups;
    }

    private PackParameters parameters(String file) {
        YamlNode.Mapping m = Yaml.read(source, file).mapping();
        m.onlyKeys(List.of(
                "segment-thresholds",
                "borderline-margin-cm",
                "stale-data-after-days",
                "fitness-check",
                "pregnancy-status-current-days"));
        YamlNode.Mapping t = m.required("segment-thresholds").mapping();
        t.onlyKeys(List.of("lower-max-cm", "middle-max-cm", "upper-max-cm"));
        try {
            SegmentThresholds thresholds = new SegmentThresholds(
                    number(t.required("lower-max-cm")),
                    number(t.required("middle-max-cm")),
                    number(t.required("upper-max-cm")));
            double margin = number(m.required("borderline-margin-cm"));
            if (margin < 0 || margin > 5) {
                throw m.required("borderline-margin-cm").error("borderline-margin-cm must be between 0 and 5 cm");
            }
            YamlNode.Mapping ages = m.required("stale-data-after-days").mapping();
            ages.onlyKeys(Finding.TREATMENT_PHASE.domain());
            Map<String, Integer> stale = new java.util.LinkedHashMap<>();
            for (String phase : Finding.TREATMENT_PHASE.domain()) {
                YamlNode age = ages.required(phase);
                double days = number(age);
                if (days != Math.rint(days) || days < 7 || days > 3660) {
                    throw age.error("a stale-data age must be a whole number of days between 7 and 3660");
                }
                stale.put(phase, (int) days);
            }
            YamlNode.Mapping f = m.required("fitness-check").mapping();
            f.onlyKeys(List.of("ecog-at-least", "karnofsky-at-most", "age-at-least"));
            PackParameters.Fitness fitness = new PackParameters.Fitness(
                    whole(f.required("ecog-at-least"), 0, 5),
                    whole(f.required("karnofsky-at-most"), 0, 100),
                    whole(f.required("age-at-least"), 18, 120));
            int pregnancy = whole(m.required("pregnancy-status-current-days"), 7, 400);
            return new PackParameters(thresholds, margin, stale, fitness, pregnancy);
        } catch (IllegalArgumentException e) {
            throw t.error(e.getMessage());
        }
    }

    private static int whole(YamlNode node, int min, int max) {
        double value = number(node);
        if (value != Math.rint(value) || value < min || value > max) {
            throw node.error("expected a whole number from " + min + " to " + max + ", got '" + node.text() + "'");
        }
        return (int) value;
    }

    private static double number(YamlNode node) {
        double value;
        try {
            value = Double.parseDouble(node.text());
        } catch (NumberFormatException e) {
            throw node.error("expected a number, got '" + node.text() + "'");
        }
        if (!Double.isFinite(value)) {
            throw node.error("expected a finite number, got '" + node.text() + "'");
        }
        return value;
    }

    private static boolean bool(YamlNode node) {
        String text = node.text();
        if (!text.equals("true") && !text.equals("false")) {
            throw node.error("expected true or false, got '" + text + "'");
        }
        return text.equals("true");
    }

    private Map<String, Statement> statements(String file) {
        YamlNode.Mapping m = Yaml.read(source, file).mapping();
        Map<String, Statement> out = new LinkedHashMap<>();
        for (var e : m.entries().entrySet()) {
            YamlNode.Mapping s = e.getValue().mapping();
            s.onlyKeys(List.of("source", "sentences"));
            String src = s.required("source").text();
            if (!SOURCES.contains(src)) {
                throw s.required("source").error("source must be one of " + SOURCES);
            }
            out.put(
                    e.getKey(),
                    new Statement(e.getKey(), src, s.required("sentences").texts()));
        }
        return out;
    }

    /** Fragments the cards' layout needs by name; they are shown on every kind of card, so they take no values. */
    private static final List<String> LAYOUT_FRAGMENTS = List.of("given-for-orders");

    private Map<String, Template> fragments(String file) {
        YamlNode.Mapping m = Yaml.read(source, file).mapping();
        Map<String, Template> out = new Fragments(m, file);
        for (String name : m.entries().keySet()) {
            out.get(name);
        }
        Set<CardKind> caseCards = java.util.EnumSet.complementOf(java.util.EnumSet.of(CardKind.NOT_READ));
        for (String name : KnowledgePack.CASE_FRAGMENTS) {
            Template fragment = out.get(name);
            if (fragment == null) {
                throw new PackException(
                        file, 0, "has no fragment '" + name + "', which every card about a primary" + " may show");
            }
            for (Placeholder p : fragment.placeholders()) {
                if (!p.filledOn().containsAll(caseCards)) {
                    throw new PackException(
                            file,
                            m.keyLines().get(name),
                            "the fragment '" + name + "' is shown on"
                                    + " every card about a primary and cannot use '" + p.key()
                                    + "', which only some cards"
                                    + " have");
                }
            }
        }
        if (out.get(KnowledgePack.GUIDELINE_FRAGMENT) == null) {
            throw new PackException(
                    file,
                    0,
                    "has no fragment '" + KnowledgePack.GUIDELINE_FRAGMENT + "', shown under"
                            + " every guideline card");
        }
        for (String name : LAYOUT_FRAGMENTS) {
            Template t = out.get(name);
            if (t == null) {
                throw new PackException(file, 0, "has no fragment '" + name + "', which every card's layout uses");
            }
            if (!t.names().isEmpty()) {
                throw new PackException(
                        file,
                        m.keyLines().get(name),
                        "the fragment '" + name + "' is shown on" + " every kind of card and can use no placeholder");
            }
        }
        return out;
    }

    /**
     * The fragments, each parsed when first included, so that a fragment may include one written below it; a
     * fragment that includes itself, directly or not, is refused.
     */
    private static final class Fragments extends java.util.AbstractMap<String, Template> {
        private final YamlNode.Mapping raw;
        private final String file;
        private final Map<String, Template> parsed = new HashMap<>();
        private final Set<String> parsing = new java.util.LinkedHashSet<>();

        Fragments(YamlNode.Mapping raw, String file) {
            this.raw = raw;
            this.file = file;
        }

        @Override
        public Template get(Object key) {
            String name = (String) key;
            Template done = parsed.get(name);
            if (done != null || raw.get(name) == null) {
                return done;
            }
            if (!parsing.add(name)) {
                throw new PackException(
                        file,
                        raw.keyLines().get(name),
                        "the fragment '" + name + "' includes" + " itself (" + String.join(" > ", parsing) + " > "
                                + name + ")");
            }
            YamlNode node = raw.get(name);
            Template template = Template.parse(node.text(), file, node.line(), this);
            parsing.remove(name);
            parsed.put(name, template);
            return template;
        }

        @Override
        public Set<Entry<String, Template>> entrySet() {
            return parsed.entrySet();
        }
    }

    /**
     * Every text of {@code all} the program asks for has its entry in the file, which prints only that text's
     * arguments; an entry the program never asks for is refused ({@code what} names them in messages).
     */
    private <S extends Enum<S> & Sentence> Map<S, Template> sentences(String file, Class<S> type, String what) {
        YamlNode.Mapping m = Yaml.read(source, file).mapping();
        Map<S, Template> out = new EnumMap<>(type);
        for (var e : m.entries().entrySet()) {
            S text = Keyed.byKey(type.getEnumConstants(), e.getKey());
            if (text == null) {
                throw new PackException(
                        file,
                        m.keyLines().get(e.getKey()),
                        "unknown " + what + " '" + e.getKey() + "': Ampulla never asks for it");
            }
            out.put(
                    text,
                    Template.parseSentence(
                            e.getValue().text(), file, e.getValue().line(), text.arguments()));
        }
        for (S text : type.getEnumConstants()) {
            if (!out.containsKey(text)) {
                throw new PackException(file, 0, "has no sentence for the " + what + " '" + text.key() + "'");
            }
        }
        return out;
    }

    private Guidelines guidelines(String file) {
        YamlNode.Mapping m = Yaml.read(source, file).mapping();
        m.onlyKeys(List.of("layer", "inputs", "references"));
        GuidelineLayer layer = layer(m.required("layer").mapping());
        YamlNode.Mapping inputs = m.required("inputs").mapping();
        Map<GuidelineInput, String> words = new EnumMap<>(GuidelineInput.class);
        for (var e : inputs.entries().entrySet()) {
            GuidelineInput input = Keyed.byKey(GuidelineInput.values(), e.getKey());
            if (input == null) {
                throw new PackException(
                        file,
                        inputs.keyLines().get(e.getKey()),
                        "unknown input '" + e.getKey() + "': Ampulla does not read it");
            }
            words.put(input, e.getValue().text());
        }
        for (GuidelineInput input : GuidelineInput.values()) {
            if (!words.containsKey(input)) {
                throw inputs.error("has no words for the input '" + input.key() + "'");
            }
        }
        Map<String, GuidelineReference> references = new LinkedHashMap<>();
        YamlNode.Mapping refs = m.required("references").mapping();
        for (var e : refs.entries().entrySet()) {
            YamlNode.Mapping r = e.getValue().mapping();
            r.onlyKeys(List.of("kind", "label", "citation", "edition", "url", "reviewed", "mark"));
            GuidelineReference.Kind kind = Keyed.byKey(
                    GuidelineReference.Kind.values(), r.required("kind").text());
            if (kind == null) {
                throw r.required("kind").error("kind must be guideline, trial or regulatory");
            }
            String reviewed =
                    r.get("reviewed") == null ? null : r.get("reviewed").text();
            if (kind == GuidelineReference.Kind.GUIDELINE
                    && (reviewed == null || !reviewed.matches("\\d{4}-\\d{2}-\\d{2}"))) {
                throw r.error(
                        "a guideline names the date the pack was last reviewed against it: reviewed:" + " YYYY-MM-DD");
            }
            String mark = oneOf(r.required("mark"), List.of("verified", "secondary", "unverified"));
            references.put(
                    e.getKey(),
                    new GuidelineReference(
                            e.getKey(),
                            kind,
                            r.required("label").text(),
                            r.required("citation").text(),
                            r.required("edition").text(),
                            r.required("url").text(),
                            reviewed,
                            mark));
        }
        return new Guidelines(layer, references, words);
    }

    /** The layer as a deployment narrows it: enabled, and optionally only some sources or topics ("all" or a list). */
    private static GuidelineLayer layer(YamlNode.Mapping l) {
        l.onlyKeys(List.of("enabled", "sources", "topics"));
        YamlNode sources = l.get("sources");
        YamlNode topics = l.get("topics");
        return new GuidelineLayer(bool(l.required("enabled")), allOrSome(sources), allOrSome(topics));
    }

    /** "all" (or nothing) is null; a list (or one name) is those names. */
    private static Set<String> allOrSome(YamlNode node) {
        return node == null || (node instanceof YamlNode.Scalar s && s.text().equals("all"))
                ? null
                : Set.copyOf(node.texts());
    }

    private static GuidelineBasis guidelineBasis(YamlNode.Mapping g, Guidelines guidelines) {
        g.onlyKeys(List.of("references", "grade", "inputs", "differs-from-founding-document"));
        List<GuidelineReference> refs = new ArrayList<>();
        for (YamlNode r : g.required("references").list()) {
            GuidelineReference ref = guidelines.references().get(r.text());
            if (ref == null) {
                throw r.error("unknown reference '" + r.text() + "' (guidelines.yaml)");
            }
            refs.add(ref);
        }
        if (refs.isEmpty() || refs.get(0).kind() != GuidelineReference.Kind.GUIDELINE) {
            throw g.required("references").error("a GL rule's first reference is the guideline it applies");
        }
        List<GuidelineInput> inputs = new ArrayList<>();
        if (g.get("inputs") != null) {
            for (YamlNode i : g.get("inputs").list()) {
                GuidelineInput input = Keyed.byKey(GuidelineInput.values(), i.text());
                if (input == null) {
                    throw i.error("unknown input '" + i.text() + "' (guidelines.yaml inputs)");
                }
                inputs.add(input);
            }
        }
        YamlNode differs = g.get("differs-from-founding-document");
        return new GuidelineBasis(refs, g.required("grade").text(), inputs, differs == null ? null : differs.text());
    }

    /** The codes of one of the pack's CodeSystems (a topic or override reason must be published there). */
    private Set<String> codes(String file) {
        try {
            JsonNode cs = new ObjectMapper().readTree(source.bytes(file));
            Set<String> codes = new HashSet<>();
            cs.path("concept").forEach(c -> codes.add(c.path("code").asText()));
            return codes;
        } catch (IOException e) {
            throw new PackException(file, 0, "is not valid JSON: " + e.getMessage());
        }
    }

    private RuleDefinition rule(
            String file,
            Map<String, RuleGroup> groups,
            Map<String, Statement> statements,
            Map<String, Template> fragments,
            Set<String> topics,
            Set<String> reasonCodes,
            Guidelines guidelines) {
        String path = "rules/" + file;
        YamlNode.Mapping m = Yaml.read(source, path).mapping();
        m.onlyKeys(RULE_KEYS);
        String id = m.required("id").text();
        if (!file.equals(id + ".yaml")) {
            throw m.required("id").error("rule " + id + " must be in the file " + id + ".yaml");
        }
        String topic = m.required("topic").text();
        if (!topics.contains(topic)) {
            throw m.required("topic").error("topic '" + topic + "' is not in CodeSystem-card-topic.json");
        }
        String src = oneOf(m.required("source"), SOURCES);
        YamlNode groupNode = m.required("group");
        RuleGroup group = groups.get(groupNode.text());
        if (group == null) {
            throw groupNode.error("unknown group '" + groupNode.text() + "' (rule-groups.yaml: "
                    + String.join(", ", groups.keySet()) + ")");
        }
        Set<String> hooks = new LinkedHashSet<>();
        for (YamlNode h : m.required("hooks").list()) {
            hooks.add(oneOf(h, HOOKS));
        }
        YamlNode whenNode = m.required("when");
        Condition when = whenNode instanceof YamlNode.Scalar s && s.text().equals("decided while reading the record")
                ? null
                : Condition.read(whenNode);
        List<Condition> warningWhen = new ArrayList<>();
        if (m.get("warning-when") != null) {
            YamlNode w = m.get("warning-when");
            for (YamlNode c : w instanceof YamlNode.Sequence ? w.list() : List.of(w)) {
                warningWhen.add(Condition.read(c));
            }
        }
        List<Quote> quotes = new ArrayList<>();
        for (YamlNode q : m.required("statements").list()) {
            quotes.add(quote(q, statements));
        }
        List<String> reasons = reasons(m.required("override-reasons"), reasonCodes);
        List<String> hedged = m.get("override-reasons-if-target-unnamed") == null
                ? List.of()
                : reasons(m.get("override-reasons-if-target-unnamed"), reasonCodes);
        if (!src.equals("ENG") && quotes.isEmpty()) {
            throw m.required("statements").error("a " + src + " rule must quote the statements it applies");
        }
        if (!src.equals("ENG") && reasons.isEmpty()) {
            throw m.required("override-reasons").error("a " + src + " rule must offer override reasons");
        }
        Suggests suggests = Suggests.byKey(m.required("suggests").text());
        if (suggests == null) {
            throw m.required("suggests")
                    .error("suggests must be one of nothing, stage-iv-options, remove-orders," + " mmr-testing");
        }
        List<EvidenceRows> evidence = new ArrayList<>();
        for (YamlNode e : m.required("evidence").list()) {
            EvidenceRows rows = EvidenceRows.byKey(e.text());
            if (rows == null) {
                throw e.error("unknown evidence rows '" + e.text() + "' (orders, stage, segment, resectability,"
                        + " treatments)");
            }
            evidence.add(rows);
        }
        YamlNode summaryNode = m.required("summary");
        YamlNode detailNode = m.required("detail");
        if (summaryNode.text().isBlank() || detailNode.text().isBlank()) {
            throw (summaryNode.text().isBlank() ? summaryNode : detailNode).error("rule " + id + " has no text");
        }
        Template summary = Template.parse(summaryNode.text(), path, summaryNode.line(), fragments);
        Template detail = Template.parse(detailNode.text(), path, detailNode.line(), fragments);
        List<String> folds = m.get("folds") == null ? List.of() : m.get("folds").texts();
        checkKind(m, id, group.cards(), when, suggests, List.of(summary, detail));
        GuidelineBasis guideline = null;
        if (src.equals("GL") != (m.get("guideline") != null)) {
            throw m.required("source")
                    .error(
                            src.equals("GL")
                                    ? "a GL rule names its guideline: guideline: {references," + " grade, inputs}"
                                    : "only a GL rule has a guideline block");
        }
        if (m.get("guideline") != null) {
            guideline = guidelineBasis(m.get("guideline").mapping(), guidelines);
        }
        if (group.cards() == CardKind.GUIDELINE_COMPARISON && !src.equals("ENG")) {
            throw m.required("source")
                    .error("a guideline-comparison card is Ampulla's own (ENG): it shows the founding"
                            + " document and the guideline side by side and advises nothing itself");
        }
        List<String> replaces =
                m.get("replaces") == null ? List.of() : m.get("replaces").texts();
        return new RuleDefinition(
                id,
                path,
                m.line(),
                topic,
                m.required("title").text(),
                src,
                group,
                Set.copyOf(hooks),
                when,
                oneOf(m.required("indicator"), INDICATORS),
                List.copyOf(warningWhen),
                List.copyOf(quotes),
                reasons,
                hedged,
                suggests,
                List.copyOf(evidence),
                folds,
                summary,
                detail,
                guideline,
                replaces);
    }

    /** What the rule's kind of card can say and do: its orders, its problems, its placeholders, its suggestion. */
    private static void checkKind(
            YamlNode.Mapping m, String id, CardKind kind, Condition when, Suggests suggests, List<Template> texts) {
        YamlNode whenNode = m.required("when");
        if ((kind == CardKind.NOT_READ) != (when == null)) {
            throw whenNode.error(
                    kind == CardKind.NOT_READ
                            ? "a rule of a not-read group is decided while reading the record: when: decided while reading the"
                                    + " record"
                            : "only rules of a not-read group are decided while reading the record");
        }
        if (kind == CardKind.ORDER_CHECK) {
            List<Finding> orders = when.allowed().keySet().stream()
                    .filter(Finding::isOrderFinding)
                    .toList();
            if (orders.size() != 1 || !List.of("yes").equals(when.allowed().get(orders.get(0)))) {
                throw whenNode.error("an order check names the orders it is about: exactly one order finding ("
                        + String.join(
                                ", ",
                                java.util.Arrays.stream(Finding.values())
                                        .filter(Finding::isOrderFinding)
                                        .map(Finding::key)
                                        .toList())
                        + "), with \"yes\"");
            }
        }
        if (suggests == Suggests.MMR_TESTING && kind != CardKind.ADVICE) {
            throw m.required("suggests").error("only advice can suggest ordering mismatch-repair testing");
        }
        if (suggests == Suggests.REMOVE_ORDERS && kind != CardKind.ORDER_CHECK) {
            throw m.required("suggests").error("only an order check can suggest removing its orders");
        }
        if (suggests == Suggests.STAGE_IV_OPTIONS
                && (kind != CardKind.ADVICE
                        || !List.of("present").equals(when.allowed().get(Finding.DISTANT_METASTASES)))) {
            throw m.required("suggests")
                    .error("only advice for distant metastases (distant-metastases: present) can"
                            + " suggest the stage IV options");
        }
        for (Template text : texts) {
            for (String name : text.names()) {
                Placeholder p = Placeholder.byKey(name);
                if (p != null && !p.filledOn().contains(kind)) {
                    throw m.required("detail")
                            .error("{" + name + "} is not filled on a " + kind.key() + " card (rule " + id + ")");
                }
                if ((p == Placeholder.STAGE_IV_OPTIONS || p == Placeholder.OPTION_COUNT)
                        && suggests != Suggests.STAGE_IV_OPTIONS) {
                    throw m.required("detail")
                            .error("{" + name + "} is filled only when the rule suggests the stage" + " IV options");
                }
                if (kind == CardKind.NOT_READ && Finding.byKey(name) != null && p == null) {
                    throw m.required("detail").error("a not-read card has no findings to test ({?" + name + "=…})");
                }
            }
        }
    }

    private static String oneOf(YamlNode node, List<String> allowed) {
        if (!allowed.contains(node.text())) {
            throw node.error("'" + node.text() + "' is not one of " + String.join(", ", allowed));
        }
        return node.text();
    }

    private static Quote quote(YamlNode node, Map<String, Statement> statements) {
        String id = node.text();
        int sentence = 0;
        int dot = id.lastIndexOf('.');
        if (dot > 0 && id.substring(dot + 1).matches("\\d+")) {
            sentence = Integer.parseInt(id.substring(dot + 1));
            id = id.substring(0, dot);
        }
        Statement s = statements.get(id);
        if (s == null) {
            throw node.error("unknown statement '" + node.text() + "' (statements.yaml)");
        }
        if (sentence > s.sentences().size() || (dot > 0 && sentence == 0 && !statements.containsKey(node.text()))) {
            throw node.error(id + " has no sentence " + sentence);
        }
        return new Quote(s, sentence);
    }

    private static List<String> reasons(YamlNode node, Set<String> known) {
        List<String> out = new ArrayList<>();
        for (YamlNode r : node.list()) {
            if (!known.contains(r.text())) {
                throw r.error("override reason '" + r.text() + "' is not in CodeSystem-override-reason.json");
            }
            out.add(r.text());
        }
        return List.copyOf(out);
    }
}
