package dev.ampulla.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A card's Markdown as plain text for a terminal: emphasis and code marks and escapes removed, tables as aligned
 * columns without their separator row, and no control characters (a value from the record must not drive the
 * terminal).
 */
final class PlainText {
    private PlainText() {}

    static List<String> lines(String markdown) {
        List<String> out = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        for (String line : markdown.split("\r?\n", -1)) {
            if (line.startsWith("|")) {
                List<String> cells = cells(line);
                if (!cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                    table.add(cells);
                }
                continue;
            }
            flush(table, out);
            out.add(inline(line));
        }
        flush(table, out);
        return out;
    }

    /** One line of text: a summary, a label, a line of a card's detail. */
    static String inline(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length());
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == '\\' && i + 1 < markdown.length() && isPunctuation(markdown.charAt(i + 1))) {
                out.append(markdown.charAt(++i));
            } else if (c == '*' || c == '`') {
                // emphasis and code spans: the marks go, the words stay
            } else if (c == '&') {
                String entity = entity(markdown, i);
                out.append(entity == null ? "&" : decoded(entity));
                i += entity == null ? 0 : entity.length() - 1;
            } else {
                out.append(c);
            }
        }
        return printable(out.toString());
    }

    /** Without control characters and the zero-width spaces that break autolinks in a rendered card. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .filter(cp -> !Character.isISOControl(cp)
                        && cp != 0x200B
                        && cp != 0x200E
                        && cp != 0x200F
                        && !(cp >= 0x202A && cp <= 0x202E)
                        && !(cp >= 0x2066 && cp <= 0x2069))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length()) {
                cell.append(c).append(row.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (!cell.toString().isBlank()) {
            cells.add(cell.toString().strip());
        }
        return cells;
    }

    private static void flush(List<List<String>> table, List<String> out) {
        if (table.isEmpty()) {
            return;
        }
        List<List<String>> rows = table.stream()
                .map(r -> r.stream().map(PlainText::inline).toList())
                .toList();
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            out.add(line.toString());
        }
        table.clear();
    }

    private static boolean isPunctuation(char c) {
        return c < 128 && !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
    }

    private static String entity(String text, int at) {
        for (String e : List.of("&lt;", "&gt;", "&amp;", "&quot;", "&#39;")) {
            if (text.startsWith(e, at)) {
                return e;
            }
        }
        return null;
    }

    private static String decoded(String entity) {
        return switch (entity) {
            case "&lt;" -> "<";
            case "&gt;" -> ">";
            case "&quot;" -> "\"";
            case "&#39;" -> "'";
            default -> "&";
        };
    }
}
