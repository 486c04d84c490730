package dev.ampulla.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.ops.Metrics;
import dev.ampulla.security.Caller;
import dev.ampulla.service.CallTrace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * What each hook call leaves for the operator, whether its service answered it or it was refused before (401, 413,
 * 503 ...): its status and latency in the hook histogram, its phases and cards in the metrics, and one log line on
 * {@code ampulla.hooks}. The line names the client ({@code iss}, {@code tenant}) and, for an error, its issue code and
 * reason; it holds no patient data and no token. {@code hookInstance} is a random id of the call.
 */
final class HookCallLog {
    private static final Logger HOOK_LOG = LoggerFactory.getLogger("ampulla.hooks");
    private static final String NONE = "-";

    /** How a call ended: its status and, for an error, the OperationOutcome issue code and a short reason. */
    record Outcome(int status, String issueCode, String reason) {
        static final Outcome OK = new Outcome(200, null, null);
    }

    private final Metrics metrics;

    HookCallLog(Metrics metrics) {
        this.metrics = metrics;
    }

    /** A call that reached its service. */
    void answered(
            String service,
            Caller caller,
            JsonNode body,
            Outcome outcome,
            long nanos,
            CallTrace trace,
            List<Card> cards) {
        List<Metrics.CardLabel> labels = new ArrayList<>(cards.size());
        List<String> topics = new ArrayList<>(cards.size());
        for (Card card : cards) {
            String topic = card.source().topic().code();
            labels.add(new Metrics.CardLabel(topic, card.indicator().json()));
            topics.add(topic);
        }
        metrics.hookCall(service, outcome.status(), nanos, trace, labels);
        if (HOOK_LOG.isInfoEnabled()) {
            Map<String, String> prefetch = new LinkedHashMap<>();
            trace.keys()
                    .forEach((key, source) -> prefetch.put(key, source.name().toLowerCase(Locale.ROOT)));
            line(service, caller, body, outcome, nanos)
                    .addKeyValue("fetchMs", millis(trace.fetchNanos()))
                    .addKeyValue("engineMs", millis(trace.engineNanos()))
                    .addKeyValue("prefetch", prefetch)
                    .addKeyValue("cardTopics", topics)
                    .log();
        }
    }

    /** A call refused before it reached its service; {@code caller} is null when it was not authenticated. */
    void refused(String service, Caller caller, Outcome outcome, long nanos) {
        metrics.hookCall(service, outcome.status(), nanos, null, List.of());
        if (HOOK_LOG.isInfoEnabled()) {
            line(service, caller, null, outcome, nanos).log();
        }
    }

    private static LoggingEventBuilder line(String service, Caller caller, JsonNode body, Outcome outcome, long nanos) {
        LoggingEventBuilder line = HOOK_LOG.atInfo()
                .setMessage("hook call")
                .addKeyValue("service", service)
                .addKeyValue("hookInstance", safeHookInstance(body))
                .addKeyValue("status", outcome.status());
        if (outcome.issueCode() != null) {
            line = line.addKeyValue("issueCode", outcome.issueCode()).addKeyValue("reason", outcome.reason());
        }
        return line.addKeyValue("iss", caller == null || caller.isOpen() ? NONE : caller.issuer())
                .addKeyValue("tenant", caller == null || caller.tenant() == null ? NONE : caller.tenant())
                .addKeyValue("durationMs", millis(nanos));
    }

    /** Milliseconds with microsecond precision, as a JSON number. */
    private static java.math.BigDecimal millis(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1000, 3);
    }

    private static String safeHookInstance(JsonNode body) {
        String h = body == null ? null : body.path("hookInstance").asText(null);
        return h != null && h.length() <= 64 && h.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '-')
                ? h
                : NONE;
    }
}
