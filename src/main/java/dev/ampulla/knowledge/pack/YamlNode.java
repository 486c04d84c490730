package dev.ampulla.knowledge.pack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value of a pack's YAML file with the file and line it stands on, so that every error can name them. */
sealed interface YamlNode {

    String file();

    int line();

    default PackException error(String message) {
        return new PackException(file(), line(), message);
    }

    /** A scalar, as written (numbers and words alike). */
    record Scalar(String file, int line, String text) implements YamlNode {}

    record Sequence(String file, int line, List<YamlNode> items) implements YamlNode {}

    /** A mapping; keys keep their order and their own lines. */
    record Mapping(String file, int line, LinkedHashMap<String, YamlNode> entries, Map<String, Integer> keyLines)
            implements YamlNode {

        YamlNode get(String key) {
            return entries.get(key);
        }

        YamlNode required(String key) {
            YamlNode value = entries.get(key);
            if (value == null) {
                throw error("has no '" + key + "'");
            }
            return value;
        }

        /** Refuses keys other than those named: a misspelt key would otherwise be silently ignored. */
        void onlyKeys(List<String> allowed) {
            for (String key : entries.keySet()) {
                if (!allowed.contains(key)) {
                    throw new PackException(
                            file,
                            keyLines.get(key),
                            "unknown key '" + key + "' (known: " + String.join(", ", allowed) + ")");
                }
            }
        }
    }

    default String text() {
        if (this instanceof Scalar s) {
            return s.text();
        }
        throw error("expected a single value");
    }

    default Mapping mapping() {
        if (this instanceof Mapping m) {
            return m;
        }
        throw error("expected a mapping (key: value lines)");
    }

    /** A list; a single scalar counts as a list of one, so {@code segment: unknown} reads like {@code [unknown]}. */
    default List<YamlNode> list() {
        if (this instanceof Sequence s) {
            return s.items();
        }
        if (this instanceof Scalar) {
            return List.of(this);
        }
        throw error("expected a list");
    }

    default List<String> texts() {
        return list().stream().map(YamlNode::text).toList();
    }
}
