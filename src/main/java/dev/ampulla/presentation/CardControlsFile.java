package dev.ampulla.presentation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.cdshooks.Indicator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a card controls file (JSON; docs/operations.md, "Card controls and snooze"):
 * <pre>
 * {"topics": {"hide": ["stage-summary"]},
 *  "minimumIndicator": {"order-select": "warning"},
 *  "silent": {"everywhere": false, "services": [], "topics": [], "clients": ["https://ehr.example.org"]}}
 * </pre>
 * A mistake — an unknown member, topic, hook, service or indicator — stops start-up with one line naming it: a
 * control that silently matched nothing would show cards the committee meant to hide.
 */
public final class CardControlsFile {
    private static final Set<String> MEMBERS = Set.of("topics", "minimumIndicator", "silent");
    private static final Set<String> SILENT_MEMBERS = Set.of("everywhere", "services", "topics", "clients");

    private CardControlsFile() {}

    /**
     * @throws IllegalArgumentException naming the file and the first mistake
     */
    public static CardControls read(
            Path file, Set<String> knownTopics, Set<String> knownHooks, Set<String> knownServices) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("card-controls " + file + " cannot be read as JSON: "
                    + e.getClass().getSimpleName());
        }
        String where = "card-controls " + file + ": ";
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + "must be a JSON object");
        }
        onlyMembers(root, MEMBERS, where);
        return new CardControls(
                topics(root.path("topics"), knownTopics, where),
                minimumIndicator(root.path("minimumIndicator"), knownHooks, where),
                silent(root.path("silent"), knownTopics, knownServices, where));
    }

    private static TopicFilter topics(JsonNode node, Set<String> known, String where) {
        if (node.isMissingNode()) {
            return new TopicFilter.AllTopics();
        }
        if (!node.isObject() || node.size() != 1 || !(node.has("show") || node.has("hide"))) {
            throw new IllegalArgumentException(where + "topics must be {\"show\": [...]} or {\"hide\": [...]}");
        }
        boolean show = node.has("show");
        Set<String> codes = codes(
                node.get(show ? "show" : "hide"), known, "topics." + (show ? "show" : "hide"), "card topic", where);
        return show ? new TopicFilter.ShowOnly(codes) : new TopicFilter.HideThese(codes);
    }

    private static Map<String, Indicator> minimumIndicator(JsonNode node, Set<String> hooks, String where) {
        Map<String, Indicator> out = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + "minimumIndicator must map hooks to info, warning or critical");
        }
        for (var e : node.properties()) {
            if (!hooks.contains(e.getKey())) {
                throw new IllegalArgumentException(where + "minimumIndicator names an unknown hook '" + e.getKey()
                        + "' (hooks: " + String.join(", ", hooks) + ")");
            }
            String value = e.getValue().isTextual() ? e.getValue().asText() : "";
            try {
                out.put(e.getKey(), Indicator.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(
                        where + "minimumIndicator." + e.getKey() + " must be info, warning or critical");
            }
        }
        return out;
    }

    private static SilentMode silent(JsonNode node, Set<String> topics, Set<String> services, String where) {
        if (node.isMissingNode()) {
            return SilentMode.OFF;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + "silent must be an object");
        }
        onlyMembers(node, SILENT_MEMBERS, where + "silent: ");
        JsonNode everywhere = node.path("everywhere");
        if (!everywhere.isMissingNode() && !everywhere.isBoolean()) {
            throw new IllegalArgumentException(where + "silent.everywhere must be true or false");
        }
        return new SilentMode(
                everywhere.asBoolean(false),
                codes(node.path("services"), services, "silent.services", "service id", where),
                codes(node.path("topics"), topics, "silent.topics", "card topic", where),
                codes(node.path("clients"), null, "silent.clients", "client", where));
    }

    /** The strings of a list; each must be one of {@code known} unless that is null. */
    private static Set<String> codes(JsonNode node, Set<String> known, String path, String what, String where) {
        Set<String> out = new LinkedHashSet<>();
        if (node.isMissingNode()) {
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + path + " must be a list");
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new IllegalArgumentException(where + path + " must list strings");
            }
            if (known != null && !known.contains(item.asText())) {
                throw new IllegalArgumentException(
                        where + path + " names an unknown " + what + " '" + item.asText() + "'");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static void onlyMembers(JsonNode node, Set<String> allowed, String where) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(where + "unknown member '" + name + "' (members: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        });
    }
}
