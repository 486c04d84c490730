package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The answer to a hook call: {@code cards} is always present, possibly empty. {@code decisiveFacts} (card uuid to the
 * fingerprint of the facts the card was decided on, where the service gives one) stays on the server: it is what an
 * override snoozes.
 */
public record CdsResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards,
        @JsonIgnore Map<String, String> decisiveFacts) {

    public static final CdsResponse EMPTY = new CdsResponse(List.of());

    public CdsResponse(List<Card> cards) {
        this(cards, Map.of());
    }

    public CdsResponse {
        cards = List.copyOf(cards);
        decisiveFacts = Map.copyOf(decisiveFacts);
    }
}
