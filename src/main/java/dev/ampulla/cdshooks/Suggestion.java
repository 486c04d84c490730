package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A suggestion on a card; its actions are applied together. {@code isRecommended} is omitted when null. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {}
