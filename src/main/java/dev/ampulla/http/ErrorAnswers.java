package dev.ampulla.http;

import io.javalin.http.Context;

/** How a call is answered when it fails: a status and an OperationOutcome, marked as answered. */
final class ErrorAnswers {
    /** Set once a call has its answer, so that Javalin's 404 page does not replace it. */
    static final String ANSWERED = "ampulla.answered";

    static final String JSON = "application/json";

    private ErrorAnswers() {}

    static void fail(Context ctx, int status, String issueCode, String message) {
        ctx.attribute(ANSWERED, true);
        ctx.status(status).contentType(JSON).result(OperationOutcomes.error(issueCode, message));
    }

    /** An answer written in advance: an OperationOutcome as UTF-8 bytes. */
    static void answer(Context ctx, int status, byte[] operationOutcome) {
        ctx.attribute(ANSWERED, true);
        ctx.status(status).contentType(JSON).result(operationOutcome);
    }

    static boolean answered(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(ANSWERED));
    }
}
