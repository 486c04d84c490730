package dev.ampulla.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.cdshooks.Feedback;
import dev.ampulla.cdshooks.Hooks;
import dev.ampulla.feedback.CardRecorder;
import dev.ampulla.feedback.FeedbackRejectedException;
import dev.ampulla.feedback.FeedbackStore;
import dev.ampulla.feedback.StoreUnavailableException;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.OverrideReasonCodes;
import dev.ampulla.ops.Metrics;
import dev.ampulla.presentation.Snoozes;
import dev.ampulla.security.Caller;
import dev.ampulla.service.CdsService;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CDS Hooks feedback (§5): at a rate per client, checked against the cards this service issued to that client, stored
 * durably before the 204; Ampulla's override-reason displays, never the caller's text.
 */
final class FeedbackEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackEndpoint.class);

    private final FeedbackStore store;
    private final CardRecorder recorder;
    private final Metrics metrics;
    /** Feedback calls per client (its iss; its address in open mode). */
    private final RateLimiter feedbackRate;

    private final Snoozes snoozes;

    FeedbackEndpoint(FeedbackStore store, CardRecorder recorder, Metrics metrics, int callsPerMinute, Snoozes snoozes) {
        this.store = store;
        this.snoozes = snoozes;
        this.recorder = recorder;
        this.metrics = metrics;
        this.feedbackRate = RateLimiter.perMinute(callsPerMinute);
    }

    /** {@code POST /cds-services/{id}/feedback} for {@code service}, from {@code caller}, with its parsed body. */
    void handle(Context ctx, CdsService service, Caller caller, JsonNode body) {
        if (!feedbackRate.tryTake(caller.isOpen() ? "address " + ctx.req().getRemoteAddr() : caller.issuer())) {
            metrics.refused(service.descriptor().id(), dev.ampulla.ops.Refusal.RATE_LIMITED);
            ctx.header("Retry-After", "1");
            throw new CdsProtocolException(429, "throttled", "Too much feedback from this client; retry shortly.");
        }
        List<Feedback> items = withAmpullasReasonDisplays(Feedback.parseAll(body));
        int stored;
        try {
            stored = recordChecked(service, caller, items);
        } catch (FeedbackRejectedException e) {
            throw CdsProtocolException.badRequest("business-rule", e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.warn("feedback not stored, answering 503: {}", FeedbackStore.describe(e));
            ctx.header("Retry-After", "5");
            throw new CdsProtocolException(
                    503, "transient", "The feedback could not be stored and was not recorded; retry shortly.");
        }
        if (service.descriptor().hook().equals(Hooks.PATIENT_VIEW)) {
            snoozes.overridden(
                    service.descriptor().id(),
                    items.stream()
                            .filter(f -> f.outcome() == Feedback.Outcome.OVERRIDDEN)
                            .map(Feedback::card)
                            .toList());
        }
        for (Feedback item : items) {
            metrics.feedback(service.descriptor().id(), item.outcome().name().toLowerCase(Locale.ROOT));
        }
        LOG.atInfo()
                .setMessage("feedback")
                .addKeyValue("service", service.descriptor().id())
                .addKeyValue("items", items.size())
                .addKeyValue("stored", stored)
                .log();
        ctx.status(204);
    }

    /**
     * Feedback is checked against the cards the store recorded; a card issued a moment ago may still be on its way
     * there, so once the check fails the recorder is given up to two seconds to catch up, and the check is repeated.
     */
    private int recordChecked(CdsService service, Caller caller, List<Feedback> items) {
        try {
            return store.recordCheckedFeedback(
                    service.descriptor().id(), caller.issuer(), items, java.time.Instant.now());
        } catch (FeedbackRejectedException e) {
            if (!recorder.flush(java.time.Duration.ofSeconds(2))) {
                throw e;
            }
            return store.recordCheckedFeedback(
                    service.descriptor().id(), caller.issuer(), items, java.time.Instant.now());
        }
    }

    /** An override reason must be one of Ampulla's codes; its display is Ampulla's, never the caller's free text. */
    private static List<Feedback> withAmpullasReasonDisplays(List<Feedback> items) {
        List<Feedback> out = new java.util.ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Feedback f = items.get(i);
            dev.ampulla.cdshooks.Coding reason = f.overrideReason();
            if (reason == null) {
                out.add(f);
                continue;
            }
            String display = CodeSystems.AMPULLA_OVERRIDE_REASON.equals(reason.system())
                    ? OverrideReasonCodes.display(reason.code())
                    : null;
            if (display == null) {
                throw CdsProtocolException.badRequest(
                        "code-invalid",
                        "feedback[" + i + "].overrideReason.reason must" + " be one of the card's override reasons ("
                                + CodeSystems.AMPULLA_OVERRIDE_REASON + ").");
            }
            out.add(new Feedback(
                    f.card(),
                    f.outcome(),
                    f.acceptedSuggestions(),
                    new dev.ampulla.cdshooks.Coding(reason.system(), reason.code(), display),
                    f.userComment(),
                    f.outcomeTimestamp()));
        }
        return out;
    }
}
