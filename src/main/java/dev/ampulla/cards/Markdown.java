package dev.ampulla.cards;

/**
 * Escaping of data-derived text placed in card Markdown, so no value from the EHR can add markup, raw HTML or a link.
 * Besides CommonMark's syntax, renderers with GitHub-flavoured autolinks turn {@code www.}, {@code http://},
 * {@code https://} and e-mail addresses in plain text into links: a zero-width space breaks the first three without
 * changing what the clinician reads, and the {@code @} of an address is put in a code span.
 */
final class Markdown {
    private Markdown() {}

    /** Zero-width space: invisible, and not a character any autolink pattern continues through. */
    private static final char BREAK = '\u200B';

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' && text.startsWith("//", i + 1)) {
                out.append(BREAK); // scheme://
            } else if (c == '.' && i >= 3 && text.regionMatches(true, i - 3, "www", 0, 3)) {
                out.append(BREAK); // www.
            } else if (c == '@') {
                out.append("`@`"); // user@host: autolinkers read any non-ASCII letter as part of an address, so
                continue; // the @ goes in a code span, which no autolinker looks into
            }
            switch (c) {
                // With [ and ] escaped no link or image can form, so ( ) and ! stay readable.
                case '\\', '`', '*', '_', '[', ']', '#', '|', '~' ->
                    out.append('\\').append(c);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
