package dev.ampulla.cards;

/** The cards' Markdown escaping, for tests of other packages that fill card texts. */
public final class MarkdownForTests {

    private MarkdownForTests() {}

    public static String escape(String text) {
        return Markdown.escape(text);
    }
}
