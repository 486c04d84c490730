package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A CDS Hooks 2.0 card. Optional members that are null or empty are left out of the JSON, as the specification
 * requires; a card with suggestions must say how many may be selected.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Card(
        String uuid,
        String summary,
        String detail,
        Indicator indicator,
        CardSource source,
        List<Suggestion> suggestions,
        SelectionBehavior selectionBehavior,
        List<Coding> overrideReasons,
        Map<String, Object> extension) {

    /** The specification's limit: a one-sentence summary of fewer than 140 characters. */
    public static final int SUMMARY_LIMIT = 140;

    public Card {
        if (summary == null || summary.isBlank() || summary.length() >= SUMMARY_LIMIT) {
            throw new IllegalArgumentException("card summary must be 1 to 139 characters: " + summary);
        }
        if (suggestions != null && !suggestions.isEmpty() && selectionBehavior == null) {
            throw new IllegalArgumentException("a card with suggestions needs a selectionBehavior");
        }
    }
}
