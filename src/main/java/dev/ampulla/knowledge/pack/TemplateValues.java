package dev.ampulla.knowledge.pack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a template is filled with: texts (marked when they come from the record, so that details escape them), flags,
 * lists of items, and the choices tested by sections (findings and CHOICE placeholders).
 */
public final class TemplateValues {

    /** A printed value; {@code fromRecord} texts are Markdown-escaped in card details. */
    public record Text(String text, boolean fromRecord) {}

    private static final Findings NO_FINDINGS = Findings.start();

    private static final int PLACEHOLDERS = Placeholder.values().length;

    /** By placeholder ordinal: a card's values are looked up once per use, so an array rather than a map. */
    private final Object[] values;
    /** A sentence's arguments (data problems, evidence words), by name. */
    private final Map<String, Object> arguments;

    private final Findings findings;

    public TemplateValues(Findings findings) {
        this.findings = findings;
        this.values = new Object[PLACEHOLDERS];
        this.arguments = Map.of();
    }

    /** The values of a sentence's few arguments (data problems, evidence words): no findings. */
    static TemplateValues forArguments() {
        return new TemplateValues(NO_FINDINGS, new HashMap<>(8));
    }

    private TemplateValues(Findings findings, Map<String, Object> arguments) {
        this.findings = findings;
        this.values = new Object[PLACEHOLDERS];
        this.arguments = arguments;
    }

    /** A value of the pack or of Ampulla's own words (not escaped). */
    public TemplateValues text(Placeholder p, String text) {
        if (text != null) {
            values[p.ordinal()] = new Text(text, false);
        }
        return this;
    }

    /** A value taken from the patient's record (escaped in details). */
    public TemplateValues recordText(Placeholder p, String text) {
        if (text != null) {
            values[p.ordinal()] = new Text(text, true);
        }
        return this;
    }

    /** An argument of a data problem's sentence: taken from the record. */
    public TemplateValues argument(String name, String text) {
        if (text != null) {
            arguments.put(name, new Text(text, true));
        }
        return this;
    }

    public TemplateValues flag(Placeholder p, boolean on) {
        if (on) {
            values[p.ordinal()] = true;
        }
        return this;
    }

    public TemplateValues choice(Placeholder p, String value) {
        values[p.ordinal()] = value;
        return this;
    }

    public TemplateValues list(Placeholder p, List<Item> items) {
        if (!items.isEmpty()) {
            values[p.ordinal()] = List.copyOf(items);
        }
        return this;
    }

    /** One item of a LIST: its text fields and flags. */
    public static final class Item {
        private final Map<String, Object> fields = new HashMap<>();

        public Item text(String field, String text) {
            if (text != null) {
                fields.put(field, new Text(text, false));
            }
            return this;
        }

        public Item recordText(String field, String text) {
            if (text != null) {
                fields.put(field, new Text(text, true));
            }
            return this;
        }

        public Item flag(String field, boolean on) {
            if (on) {
                fields.put(field, true);
            }
            return this;
        }

        Object get(String field) {
            return fields.get(field);
        }
    }

    /** A placeholder's value, or (when {@code placeholder} is null) a sentence argument's. */
    Object get(Placeholder placeholder, String name) {
        return placeholder != null ? values[placeholder.ordinal()] : arguments.get(name);
    }

    String finding(Finding finding) {
        return findings.get(finding);
    }

    /** A CHOICE placeholder's value. */
    String choice(Placeholder placeholder) {
        return placeholder != null && values[placeholder.ordinal()] instanceof String s ? s : null;
    }
}
