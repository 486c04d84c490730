package dev.ampulla.http;

import dev.ampulla.security.AuthenticationFailure;
import dev.ampulla.security.JwtAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read the analytics or the metrics: a bearer of their token; for the analytics, also a trusted client's JWT
 * (as for the hooks). With no token and no trust file, anyone (open development mode, like the hooks); with a trust
 * file and no token, the metrics are closed to all, since a scraper cannot sign a client's JWT.
 */
final class AnalyticsAccess {
    private final JwtAuthenticator authenticator;
    private final byte[] token;
    private final boolean openWithoutCredentials;

    private AnalyticsAccess(JwtAuthenticator authenticator, String token, boolean openWithoutCredentials) {
        this.authenticator = authenticator;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.openWithoutCredentials = openWithoutCredentials;
    }

    /** The report: trusted clients and the analytics token; open only in development mode without a token. */
    static AnalyticsAccess analytics(JwtAuthenticator authenticator, String token) {
        return new AnalyticsAccess(authenticator, token, authenticator == null && token == null);
    }

    /** {@code /metrics}: the metrics token; open only in development mode without a token. */
    static AnalyticsAccess metrics(boolean developmentMode, String token) {
        return new AnalyticsAccess(null, token, developmentMode && token == null);
    }

    void check(String authorization, String urlCalled) throws AuthenticationFailure {
        if (openWithoutCredentials) {
            return;
        }
        if (token != null
                && authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(
                        token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        if (authenticator == null) {
            throw authorization == null
                    ? new AuthenticationFailure(AuthenticationFailure.Reason.MISSING_TOKEN, "no Authorization header")
                    : new AuthenticationFailure(
                            AuthenticationFailure.Reason.WRONG_TOKEN,
                            token == null ? "no token is configured for this endpoint" : "not the expected token");
        }
        authenticator.authenticate(authorization, urlCalled);
    }
}
