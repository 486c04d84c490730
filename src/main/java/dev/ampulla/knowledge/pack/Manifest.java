package dev.ampulla.knowledge.pack;

import java.util.List;

/** Who made the pack, which version it is, and what it implements. */
public record Manifest(
        String id,
        String title,
        String version,
        String date,
        String status,
        String publisher,
        String developer,
        String funding,
        List<String> editors,
        List<String> approvers,
        List<Source> sources) {

    /** A source the pack implements, with its edition. */
    public record Source(String id, String title, String edition, String use) {}
}
