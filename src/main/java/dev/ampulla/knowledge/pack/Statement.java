package dev.ampulla.knowledge.pack;

import java.util.List;

/** A statement of a source the pack implements (founding document, later guidelines), as quotable sentences. */
public record Statement(String id, String source, List<String> sentences) {

    public String text() {
        return String.join(" ", sentences);
    }
}
