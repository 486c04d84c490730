package dev.ampulla.knowledge.check;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A CDS Hooks answer in the form kept as a golden output: the values that change on every call (card and suggestion
 * uuids) are replaced by {@code <uuid-1>}, {@code <uuid-2>}… in order of first appearance, so that a reference from
 * one place to another stays visible; a text of several lines (a card's Markdown detail) is kept as the array of its
 * lines under the key {@code "<key> (lines)"}, so that a changed table row shows as one changed line in a diff;
 * everything else is kept as the service wrote it, pretty-printed.
 */
public final class GoldenJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The service's own address in links (rule pages), which differs between runs on port 0. */
    private static final Pattern LOCAL_BASE = Pattern.compile("http://localhost:\\d+");

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private GoldenJson() {}

    public static String normalise(String response) {
        try {
            JsonNode tree = JSON.readTree(response);
            JsonNode masked = mask(tree, new HashMap<>());
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return JSON.writer(printer).writeValueAsString(masked) + "\n";
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode mask(JsonNode node, Map<String, String> seen) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                JsonNode value = mask(e.getValue(), seen);
                if (value.isTextual() && value.asText().contains("\n")) {
                    ArrayNode lines = JSON.createArrayNode();
                    for (String line : value.asText().split("\n", -1)) {
                        lines.add(line);
                    }
                    out.set(e.getKey() + " (lines)", lines);
                } else {
                    out.set(e.getKey(), value);
                }
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JSON.createArrayNode();
            array.forEach(element -> out.add(mask(element, seen)));
            return out;
        }
        if (node.isTextual()) {
            String text = LOCAL_BASE.matcher(node.asText()).replaceAll("<base-url>");
            var m = UUID.matcher(text);
            if (!text.equals(node.asText()) || m.find()) {
                StringBuilder sb = new StringBuilder();
                m.reset();
                while (m.find()) {
                    String label = seen.computeIfAbsent(
                            m.group().toLowerCase(java.util.Locale.ROOT), u -> "<uuid-" + (seen.size() + 1) + ">");
                    m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(label));
                }
                m.appendTail(sb);
                return TextNode.valueOf(sb.toString());
            }
        }
        return node;
    }

    /** A line diff of two texts (longest common subsequence), with "-" for expected and "+" for actual lines. */
    public static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                i++;
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("- " + a[i++]);
            } else {
                out.add("+ " + b[j++]);
            }
        }
        return String.join("\n", out);
    }
}
