package dev.ampulla.knowledge.pack;

/** What a rule quotes: a whole statement, or one of its sentences ({@code FD-RT.2}). */
public record Quote(Statement statement, int sentence) {

    /** The id as cited, e.g. {@code FD-RT} or {@code FD-RT.2}. */
    public String id() {
        return sentence == 0 ? statement.id() : statement.id() + "." + sentence;
    }

    public String text() {
        return sentence == 0 ? statement.text() : statement.sentences().get(sentence - 1);
    }
}
