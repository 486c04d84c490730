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
    public record Text(String text, boolean fromRecord) {
    }

    private static final Findings NO_FINDINGS = Findings.start();

    private final Map<String, Object> values;
    private final Findings findings;

    public TemplateValues(Findings findings) {
        this.findings = findings;
        this.values = new HashMap<>(48);
    }

    /** The values of a sentence's few arguments (data problems, evidence words): no findings. */
    static TemplateValues forArguments() {
        return new TemplateValues(NO_FINDINGS, 8);
    }

    private TemplateValues(Findings findings, int capacity) {
        this.findings = findings;
        this.values = new HashMap<>(capacity);
    }

    /** A value of the pack or of Ampulla's own words (not escaped). */
    public TemplateValues text(Placeholder p, String text) {
        if (text != null) {
            values.put(p.key(), new Text(text, false));
        }
        return this;
    }

    /** A value taken from the patient's record (escaped in details). */
    public TemplateValues recordText(Placeholder p, String text) {
        if (text != null) {
            values.put(p.key(), new Text(text, true));
        }
        return this;
    }

    /** An argument of a data problem's sentence: taken from the record. */
    public TemplateValues argument(String name, String text) {
        if (text != null) {
            values.put(name, new Text(text, true));
        }
        return this;
    }

    public TemplateValues flag(Placeholder p, boolean on) {
        if (on) {
            values.put(p.key(), Boolean.TRUE);
        }
        return this;
    }

    public TemplateValues choice(Placeholder p, String value) {
        values.put(p.key(), value);
        return this;
    }

    public TemplateValues list(Placeholder p, List<Item> items) {
        if (!items.isEmpty()) {
            values.put(p.key(), List.copyOf(items));
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
                fields.put(field, Boolean.TRUE);
            }
            return this;
        }

        Object get(String field) {
            return fields.get(field);
        }
    }

    Object get(String name) {
        return values.get(name);
    }

    String finding(Finding finding) {
        return findings.get(finding);
    }

    /** A finding's value, or a CHOICE placeholder's. */
    String choice(String name) {
        Finding f = Finding.byKey(name);
        if (f != null) {
            return findings.get(f);
        }
        Object v = values.get(name);
        return v instanceof String s ? s : null;
    }
}
