package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonValue;

/** How many of a card's suggestions the user may accept. */
public enum SelectionBehavior {
    AT_MOST_ONE("at-most-one"),
    ANY("any");

    private final String json;

    SelectionBehavior(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
