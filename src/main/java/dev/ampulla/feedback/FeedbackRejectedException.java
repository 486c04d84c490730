package dev.ampulla.feedback;

/** Feedback that names a card, suggestion or reason Ampulla did not issue to the caller: nothing of it was stored. */
public final class FeedbackRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FeedbackRejectedException(String message) {
        super(message);
    }
}
