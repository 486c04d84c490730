package dev.ampulla.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** One validated feedback item (CDS Hooks 2.0 §5). */
public record Feedback(
        String card,
        Outcome outcome,
        List<String> acceptedSuggestions,
        Coding overrideReason,
        String userComment,
        OffsetDateTime outcomeTimestamp) {

    public enum Outcome {
        ACCEPTED,
        OVERRIDDEN
    }

    /** Longest identifier, code or system accepted: card and suggestion ids are UUIDs, codes are short. */
    static final int MAX_TEXT = 128;
    /** Most items in one feedback body. */
    static final int MAX_ITEMS = 100;
    /** Most accepted suggestions in one item: Ampulla's cards offer at most three. */
    static final int MAX_SUGGESTIONS = 10;

    /**
     * Validates a feedback body {@code {"feedback": [...]}}.
     *
     * @throws CdsProtocolException 400 naming the first problem found
     */
    public static List<Feedback> parseAll(JsonNode body) {
        JsonNode items = body == null ? null : body.get("feedback");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw CdsProtocolException.badRequest("required", "feedback must be a non-empty array.");
        }
        if (items.size() > MAX_ITEMS) {
            throw CdsProtocolException.badRequest("too-costly", "At most " + MAX_ITEMS + " feedback items per call.");
        }
        List<Feedback> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(parse(items.get(i), "feedback[" + i + "]"));
        }
        return out;
    }

    private static Feedback parse(JsonNode item, String path) {
        if (!item.isObject()) {
            throw CdsProtocolException.badRequest("structure", path + " must be a JSON object.");
        }
        String card = text(item, "card", path);
        String outcomeText = text(item, "outcome", path);
        Outcome outcome = switch (outcomeText) {
            case "accepted" -> Outcome.ACCEPTED;
            case "overridden" -> Outcome.OVERRIDDEN;
            default ->
                throw CdsProtocolException.badRequest(
                        "code-invalid", path + ".outcome must be 'accepted' or 'overridden'.");
        };
        List<String> accepted = new ArrayList<>();
        JsonNode suggestions = item.get("acceptedSuggestions");
        if (suggestions != null && !suggestions.isNull()) {
            if (!suggestions.isArray()) {
                throw CdsProtocolException.badRequest("structure", path + ".acceptedSuggestions must be an array.");
            }
            if (suggestions.size() > MAX_SUGGESTIONS) {
                throw CdsProtocolException.badRequest(
                        "too-costly",
                        path + ".acceptedSuggestions names more than " + MAX_SUGGESTIONS + " suggestions.");
            }
            for (int i = 0; i < suggestions.size(); i++) {
                accepted.add(text(suggestions.get(i), "id", path + ".acceptedSuggestions[" + i + "]"));
            }
        }
        if (outcome == Outcome.ACCEPTED && accepted.isEmpty()) {
            throw CdsProtocolException.badRequest(
                    "required", path + ".acceptedSuggestions is required when the outcome is 'accepted'.");
        }
        Coding reason = null;
        String comment = null;
        JsonNode override = item.get("overrideReason");
        if (override != null && !override.isNull()) {
            if (!override.isObject()) {
                throw CdsProtocolException.badRequest("structure", path + ".overrideReason must be an object.");
            }
            JsonNode r = override.get("reason");
            if (r != null && !r.isNull()) {
                String rp = path + ".overrideReason.reason";
                reason = new Coding(
                        text(r, "system", rp),
                        text(r, "code", rp),
                        r.path("display").isTextual()
                                ? withoutNul(r.get("display").asText(), rp + ".display")
                                : null);
            }
            JsonNode c = override.get("userComment");
            if (c != null && !c.isNull()) {
                if (!c.isTextual()) {
                    throw CdsProtocolException.badRequest(
                            "invalid", path + ".overrideReason.userComment must be a string.");
                }
                comment = withoutNul(c.asText(), path + ".overrideReason.userComment");
            }
        }
        String timestamp = text(item, "outcomeTimestamp", path);
        OffsetDateTime when;
        try {
            when = OffsetDateTime.parse(timestamp);
            if (when.getYear() < 1900 || when.getYear() > 9999) {
                throw CdsProtocolException.badRequest(
                        "invalid", path + ".outcomeTimestamp must be a date between the" + " years 1900 and 9999.");
            }
        } catch (DateTimeParseException e) {
            throw CdsProtocolException.badRequest(
                    "invalid", path + ".outcomeTimestamp must be an RFC 3339 date-time, e.g. 2021-12-11T10:05:31Z.");
        }
        return new Feedback(card, outcome, List.copyOf(accepted), reason, comment, when);
    }

    private static String withoutNul(String value, String path) {
        if (value.indexOf('\u0000') >= 0) {
            throw CdsProtocolException.badRequest("invalid", path + " must not contain NUL characters.");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String path) {
        if (node == null || !node.isObject()) {
            throw CdsProtocolException.badRequest("structure", path + " must be a JSON object.");
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw CdsProtocolException.badRequest("required", path + "." + field + " is required.");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw CdsProtocolException.badRequest("invalid", path + "." + field + " must be a non-empty string.");
        }
        if (v.asText().indexOf('\u0000') >= 0) {
            throw CdsProtocolException.badRequest("invalid", path + "." + field + " must not contain NUL characters.");
        }
        if (v.asText().length() > MAX_TEXT) {
            throw CdsProtocolException.badRequest(
                    "too-long", path + "." + field + " must be at most " + MAX_TEXT + " characters.");
        }
        return v.asText();
    }
}
