package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer to a hook call: {@code cards} is always present, possibly empty. */
public record CdsResponse(@JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards) {

    public static final CdsResponse EMPTY = new CdsResponse(List.of());

    public CdsResponse {
        cards = List.copyOf(cards);
    }
}
