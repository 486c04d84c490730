package dev.ampulla.knowledge.pack;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A card text of the pack, parsed once. The placeholder language is small and closed:
 * <ul>
 *   <li>{@code {name}} prints a TEXT placeholder;</li>
 *   <li>{@code {?name}…{/name}} keeps its content when the placeholder is present (a flag set, a text or list not
 *       empty), {@code {!name}…{/name}} when it is absent;</li>
 *   <li>{@code {?finding=value|value}…{/finding}} keeps its content when a finding (or a CHOICE) has one of the values;</li>
 *   <li>{@code {*list}…{/list}} repeats its content for every item of a LIST, whose fields it may print and test;</li>
 *   <li>{@code {>fragment}} includes a fragment of {@code texts.yaml};</li>
 *   <li><code>{{}</code> writes a literal brace.</li>
 * </ul>
 * Nothing else: no expressions, no arithmetic, no calls.
 */
public final class Template {

    private sealed interface Part {}

    private record Literal(String text) implements Part {}

    /** {@code placeholder}: the placeholder named, or null for a list item's field or a sentence's argument. */
    private record Value(String name, Placeholder placeholder) implements Part {}

    /** {@code present}: {?…}; else {!…}; {@code values}: {?finding=…}. */
    private record Section(
            String name,
            boolean present,
            Set<String> values,
            List<Part> parts,
            Finding finding,
            Placeholder placeholder)
            implements Part {}

    private record Repeat(String name, List<Part> parts, Placeholder placeholder) implements Part {}

    private final List<Part> parts;
    private final String source;
    private final Set<String> names;
    private final Set<Placeholder> placeholders;

    private Template(List<Part> parts, String source) {
        this.parts = parts;
        this.source = source;
        Set<String> used = new java.util.HashSet<>();
        collect(parts, used);
        this.names = Set.copyOf(used);
        Set<Placeholder> known = java.util.EnumSet.noneOf(Placeholder.class);
        for (String name : used) {
            Placeholder p = Placeholder.byKey(name);
            if (p != null) {
                known.add(p);
            }
        }
        this.placeholders = known;
    }

    /** The placeholders the template uses (a fast set for the per-card checks). */
    Set<Placeholder> placeholders() {
        return placeholders;
    }

    private static void collect(List<Part> parts, Set<String> used) {
        for (Part part : parts) {
            if (part instanceof Value v) {
                used.add(v.name());
            } else if (part instanceof Section s) {
                used.add(s.name());
                collect(s.parts(), used);
            } else if (part instanceof Repeat r) {
                used.add(r.name());
                collect(r.parts(), used);
            }
        }
    }

    /** Every placeholder, finding or argument the template prints or tests (fragments included). */
    public Set<String> names() {
        return names;
    }

    /** The template as written in the pack. */
    public String source() {
        return source;
    }

    /**
     * Parses and checks a template: every name must be a placeholder of the right kind, a finding with its values, or
     * a fragment; sections must close in order.
     */
    static Template parse(String text, String file, int line, Map<String, Template> fragments) {
        return parse(text, file, line, fragments, null);
    }

    /** A data problem's sentence: it may print and test only its code's arguments. */
    static Template parseSentence(String text, String file, int line, List<String> arguments) {
        return parse(text, file, line, Map.of(), arguments);
    }

    private static Template parse(
            String text, String file, int line, Map<String, Template> fragments, List<String> arguments) {
        List<Part> root = new ArrayList<>();
        Deque<List<Part>> open = new ArrayDeque<>();
        Deque<String> openNames = new ArrayDeque<>();
        Deque<Placeholder> lists = new ArrayDeque<>();
        Deque<Boolean> repeats = new ArrayDeque<>();
        open.push(root);
        int i = 0;
        while (i < text.length()) {
            int brace = text.indexOf('{', i);
            if (brace < 0) {
                open.peek().add(new Literal(text.substring(i)));
                break;
            }
            if (brace > i) {
                open.peek().add(new Literal(text.substring(i, brace)));
            }
            if (brace + 1 < text.length() && text.charAt(brace + 1) == '{') {
                open.peek().add(new Literal("{")); // {{ writes a brace
                i = brace + 2;
                continue;
            }
            int end = text.indexOf('}', brace);
            int at = line
                    + (int) text.substring(0, brace)
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            if (end < 0) {
                throw new PackException(file, at, "a '{' is not closed");
            }
            String tag = text.substring(brace + 1, end);
            if (tag.isEmpty()) {
                throw new PackException(file, at, "'{}' names nothing");
            }
            char kind = tag.charAt(0);
            String name = "?!*/>".indexOf(kind) >= 0 ? tag.substring(1) : tag;
            switch (kind) {
                case '?', '!' -> {
                    String key = name;
                    Set<String> values = null;
                    int eq = name.indexOf('=');
                    if (eq >= 0 && arguments != null) {
                        throw new PackException(file, at, "{?" + name + "}: a sentence tests only its arguments");
                    }
                    if (eq >= 0) {
                        if (kind == '!') {
                            throw new PackException(file, at, "{!" + name + "}: test a value with {?…=…}");
                        }
                        key = name.substring(0, eq);
                        values = Set.of(name.substring(eq + 1).split("\\|"));
                        checkChoice(key, values, file, at);
                    } else if (arguments != null) {
                        checkArgument(key, arguments, file, at);
                    } else {
                        checkTestable(key, lists.peek(), file, at);
                    }
                    List<Part> content = new ArrayList<>();
                    open.peek()
                            .add(new Section(
                                    key,
                                    kind == '?',
                                    values,
                                    content,
                                    values == null ? null : Finding.byKey(key),
                                    placeholderOf(key, arguments)));
                    open.push(content);
                    openNames.push(key);
                    repeats.push(false);
                }
                case '*' -> {
                    Placeholder p = arguments != null ? null : Placeholder.byKey(name);
                    if (p == null || p.kind() != Placeholder.Kind.LIST) {
                        throw new PackException(file, at, "{*" + name + "}: no list placeholder of that name");
                    }
                    List<Part> content = new ArrayList<>();
                    open.peek().add(new Repeat(name, content, p));
                    open.push(content);
                    openNames.push(name);
                    repeats.push(true);
                    lists.push(p);
                }
                case '/' -> {
                    if (openNames.isEmpty() || !openNames.peek().equals(name)) {
                        throw new PackException(
                                file,
                                at,
                                "{/" + name + "} closes nothing open"
                                        + (openNames.isEmpty() ? "" : " (open: {" + openNames.peek() + "})"));
                    }
                    open.pop();
                    openNames.pop();
                    if (repeats.pop()) {
                        lists.pop();
                    }
                }
                case '>' -> {
                    Template fragment = fragments.get(name);
                    if (fragment == null) {
                        throw new PackException(file, at, "{>" + name + "}: no such fragment in texts.yaml");
                    }
                    open.peek().addAll(fragment.parts);
                }
                default -> {
                    if (arguments != null) {
                        checkArgument(name, arguments, file, at);
                    } else {
                        checkPrintable(name, lists.peek(), file, at);
                    }
                    open.peek().add(new Value(name, placeholderOf(name, arguments)));
                }
            }
            i = end + 1;
        }
        if (!openNames.isEmpty()) {
            throw new PackException(
                    file, line, "{" + openNames.peek() + "} is never closed with {/" + openNames.peek() + "}");
        }
        return new Template(List.copyOf(root), text);
    }

    private static void checkArgument(String name, List<String> arguments, String file, int line) {
        if (!arguments.contains(name)) {
            throw new PackException(
                    file,
                    line,
                    "{" + name + "} is not an argument of this sentence (arguments: " + String.join(", ", arguments)
                            + ")");
        }
    }

    private static void checkChoice(String key, Set<String> values, String file, int line) {
        Finding f = Finding.byKey(key);
        List<String> known;
        if (f != null) {
            known = f.domain();
        } else {
            Placeholder p = Placeholder.byKey(key);
            if (p == null || p.kind() != Placeholder.Kind.CHOICE) {
                throw new PackException(file, line, "{?" + key + "=…}: no finding or choice of that name");
            }
            known = p.fields();
        }
        for (String v : values) {
            if (!known.contains(v)) {
                throw new PackException(
                        file, line, key + " has no value '" + v + "' (values: " + String.join(", ", known) + ")");
            }
        }
    }

    private static void checkTestable(String name, Placeholder list, String file, int line) {
        if (list != null && (list.fields().contains(name) || list.flagFields().contains(name))) {
            return;
        }
        Placeholder p = Placeholder.byKey(name);
        if (p == null || p.kind() == Placeholder.Kind.CHOICE) {
            throw new PackException(file, line, "{?" + name + "}: unknown placeholder '" + name + "'");
        }
    }

    private static void checkPrintable(String name, Placeholder list, String file, int line) {
        if (list != null && list.fields().contains(name)) {
            return;
        }
        Placeholder p = Placeholder.byKey(name);
        if (p == null) {
            throw new PackException(file, line, "unknown placeholder {" + name + "}");
        }
        if (p.kind() != Placeholder.Kind.TEXT) {
            throw new PackException(
                    file,
                    line,
                    "{" + name + "} is a " + p.kind().name().toLowerCase(Locale.ROOT)
                            + ", not a text: "
                            + (p.kind() == Placeholder.Kind.LIST
                                    ? "repeat it with {*" + name + "}"
                                    : "test it with {?" + name + "}"));
        }
    }

    /** Fills the template, passing values taken from the record through {@code escape} (Markdown in details). */
    public String render(TemplateValues values, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder(source.length() + 64);
        render(parts, values, null, escape, out);
        return out.toString();
    }

    /** Fills the template into {@code out}. */
    public void renderInto(StringBuilder out, TemplateValues values, UnaryOperator<String> escape) {
        render(parts, values, null, escape, out);
    }

    private static void render(
            List<Part> parts,
            TemplateValues values,
            TemplateValues.Item item,
            UnaryOperator<String> escape,
            StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof Value v) {
                if (lookup(v.name(), v.placeholder(), values, item) instanceof TemplateValues.Text t) {
                    out.append(t.fromRecord() ? escape.apply(t.text()) : t.text());
                }
            } else if (part instanceof Section s) {
                boolean holds;
                if (s.values() != null) {
                    String choice = s.finding() != null ? values.finding(s.finding()) : values.choice(s.placeholder());
                    holds = choice != null && s.values().contains(choice);
                } else {
                    Object value = lookup(s.name(), s.placeholder(), values, item);
                    boolean present = value != null
                            && !(value instanceof TemplateValues.Text t
                                    && t.text().isEmpty());
                    holds = present == s.present();
                }
                if (holds) {
                    render(s.parts(), values, item, escape, out);
                }
            } else if (part instanceof Repeat r && values.get(r.placeholder(), r.name()) instanceof List<?> list) {
                for (Object each : list) {
                    render(r.parts(), values, (TemplateValues.Item) each, escape, out);
                }
            }
        }
    }

    private static Object lookup(
            String name, Placeholder placeholder, TemplateValues values, TemplateValues.Item item) {
        if (item != null) {
            Object v = item.get(name);
            if (v != null) {
                return v;
            }
        }
        return values.get(placeholder, name);
    }

    /** The placeholder a name stands for, unless it is a sentence's argument. */
    private static Placeholder placeholderOf(String name, List<String> arguments) {
        return arguments != null ? null : Placeholder.byKey(name);
    }
}
