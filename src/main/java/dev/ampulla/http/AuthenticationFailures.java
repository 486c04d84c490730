package dev.ampulla.http;

import dev.ampulla.ops.Metrics;
import dev.ampulla.ops.Refusal;
import dev.ampulla.security.AuthenticationFailure;
import dev.ampulla.security.ClaimedIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call whose credentials were not accepted, told to the operator: counted as a refusal and as an authentication
 * failure by service and reason, and logged as one line with the reason code, the message and the {@code iss} the token
 * claims. The caller learns nothing of this (it gets 401 "Authentication failed."); the log never holds the token.
 */
final class AuthenticationFailures {
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFailures.class);

    private final Metrics metrics;

    AuthenticationFailures(Metrics metrics) {
        this.metrics = metrics;
    }

    void record(String service, String authorization, AuthenticationFailure failure) {
        metrics.refused(service, Refusal.UNAUTHENTICATED);
        metrics.authenticationFailed(service, failure.reason());
        LOG.atWarn()
                .setMessage("authentication failed")
                .addKeyValue("service", service)
                .addKeyValue("reason", failure.reason().code())
                .addKeyValue("detail", failure.getMessage())
                .addKeyValue("iss", ClaimedIssuer.of(authorization))
                .log();
    }
}
