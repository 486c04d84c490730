package dev.ampulla.knowledge.pack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a pack's YAML file into {@link YamlNode}s that know their lines. Duplicate keys are refused. */
final class Yaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private Yaml() {}

    static YamlNode read(PackSource source, String file) {
        String text = source.text(file);
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new PackException(file, 1, "is empty");
            }
            YamlNode root = node(p, file, text.split("\n", -1));
            if (p.nextToken() != null) {
                throw new PackException(
                        file, p.currentTokenLocation().getLineNr(), "holds more than one YAML document");
            }
            return root;
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr()
                    : 0;
            throw new PackException(
                    file,
                    line,
                    "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static YamlNode node(JsonParser p, String file, String[] lines) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                if (entries.containsKey(key)) {
                    throw new PackException(file, keyLine, "'" + key + "' is given twice");
                }
                p.nextToken();
                entries.put(key, node(p, file, lines));
                keyLines.put(key, keyLine);
            }
            return new YamlNode.Mapping(file, line, entries, keyLines);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(p, file, lines));
            }
            return new YamlNode.Sequence(file, line, items);
        }
        if (t == JsonToken.VALUE_NULL) {
            return new YamlNode.Scalar(file, line, "");
        }
        return new YamlNode.Scalar(file, startOfText(lines, line), p.getText());
    }

    /** A block scalar ({@code |-}, {@code >-}) starts on the line after its indicator: errors name the text's lines. */
    private static int startOfText(String[] lines, int line) {
        if (line < 1 || line > lines.length) {
            return line;
        }
        String text = lines[line - 1].strip();
        return text.matches(".*[|>][-+]?") ? line + 1 : line;
    }
}
