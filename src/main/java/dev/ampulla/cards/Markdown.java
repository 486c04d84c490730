package dev.ampulla.cards;

/** Escaping of data-derived text placed in card Markdown, so no value from the EHR can add markup or raw HTML. */
final class Markdown {
    private Markdown() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                // With [ and ] escaped no link or image can form, so ( ) and ! stay readable.
                case '\\', '`', '*', '_', '[', ']', '#', '|', '~' -> out.append('\\').append(c);
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
