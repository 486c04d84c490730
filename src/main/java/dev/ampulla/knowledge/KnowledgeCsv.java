package dev.ampulla.knowledge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the knowledge's CSV files: a header line naming the columns, then one row per line; lines starting with
 * {@code #} and blank lines are comments; a field holding a comma or a quote is quoted ({@code "a, b"}, {@code ""}
 * for a quote). A malformed file fails with its name and line, so a broken knowledge file never starts the service.
 */
final class KnowledgeCsv {

    /** One data row: its values by column, and where it stands (for error messages). */
    record Row(String file, int line, Map<String, String> values) {
        String get(String column) {
            String v = values.get(column);
            if (v == null) {
                throw error("has no column '" + column + "'");
            }
            return v;
        }

        String required(String column) {
            String v = get(column);
            if (v.isBlank()) {
                throw error("has no value in column '" + column + "'");
            }
            return v;
        }

        IllegalStateException error(String what) {
            return new IllegalStateException(file + " line " + line + " " + what);
        }
    }

    private KnowledgeCsv() {}

    static List<Row> read(String resource, List<String> columns) {
        String file = "knowledge/" + resource;
        String text = new String(KnowledgeData.source().bytes(resource), StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line, file, i + 1);
            if (header == null) {
                header = fields;
                if (!header.equals(columns)) {
                    throw new IllegalStateException(
                            file + " line " + (i + 1) + " has the columns " + header + "; expected " + columns);
                }
                continue;
            }
            if (fields.size() != header.size()) {
                throw new IllegalStateException(file + " line " + (i + 1) + " has " + fields.size()
                        + " fields; the header names " + header.size());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), fields.get(c).strip());
            }
            rows.add(new Row(file, i + 1, values));
        }
        if (header == null) {
            throw new IllegalStateException(file + " has no header line");
        }
        return rows;
    }

    private static List<String> fields(String line, String file, int number) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalStateException(file + " line " + number + " has an unclosed quote");
        }
        fields.add(field.toString());
        return fields;
    }
}
