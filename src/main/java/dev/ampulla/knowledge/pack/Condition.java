package dev.ampulla.knowledge.pack;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's {@code when}: for some findings, the values it applies to; findings it does not name do not matter.
 * Compiled to one bit mask per finding.
 */
public final class Condition {
    private final Map<Finding, List<String>> allowed;
    private final long[] masks = new long[Finding.values().length];
    /** The findings the condition names (their ordinals) and, in the same order, the values it accepts. */
    private final int[] named;

    private final long[] namedMasks;

    private Condition(Map<Finding, List<String>> allowed) {
        this.allowed = allowed;
        for (Finding f : Finding.values()) {
            List<String> values = allowed.get(f);
            long mask = values == null ? -1L : 0L;
            if (values != null) {
                for (String v : values) {
                    mask |= 1L << f.indexOf(v);
                }
            }
            masks[f.ordinal()] = mask;
        }
        this.named = allowed.keySet().stream().mapToInt(Enum::ordinal).toArray();
        this.namedMasks = new long[named.length];
        for (int i = 0; i < named.length; i++) {
            namedMasks[i] = masks[named[i]];
        }
    }

    static Condition read(YamlNode node) {
        YamlNode.Mapping m = node.mapping();
        Map<Finding, List<String>> allowed = new EnumMap<>(Finding.class);
        for (var e : m.entries().entrySet()) {
            Finding f = Finding.byKey(e.getKey());
            int line = m.keyLines().get(e.getKey());
            if (f == null) {
                throw new PackException(
                        m.file(),
                        line,
                        "unknown finding '" + e.getKey() + "' (known: "
                                + String.join(
                                        ", ",
                                        java.util.Arrays.stream(Finding.values())
                                                .map(Finding::key)
                                                .toList())
                                + ")");
            }
            List<String> values = new ArrayList<>();
            for (YamlNode v : e.getValue().list()) {
                if (f.indexOf(v.text()) < 0) {
                    throw new PackException(
                            m.file(),
                            v.line(),
                            e.getKey() + " has no value '" + v.text() + "' (values: " + String.join(", ", f.domain())
                                    + ")");
                }
                values.add(v.text());
            }
            if (values.isEmpty()) {
                throw new PackException(m.file(), line, e.getKey() + " lists no value");
            }
            allowed.put(f, List.copyOf(values));
        }
        return new Condition(allowed);
    }

    public boolean matches(Findings findings) {
        for (int i = 0; i < named.length; i++) {
            if ((namedMasks[i] & (1L << findings.index(named[i]))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The findings named, with the values the condition accepts. */
    public Map<Finding, List<String>> allowed() {
        return allowed;
    }

    boolean names(Finding finding) {
        return allowed.containsKey(finding);
    }
}
