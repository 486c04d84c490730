package dev.ampulla.http;

import dev.ampulla.security.AuthenticationFailure;
import dev.ampulla.security.JwtAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read the analytics (or, with no authenticator, the metrics): with a trust file, a trusted client's JWT (as
 * for the hooks); with a token, a bearer of that token; with neither, anyone (open development mode, like the hooks).
 */
final class AnalyticsAccess {
    private final JwtAuthenticator authenticator;
    private final byte[] token;

    AnalyticsAccess(JwtAuthenticator authenticator, String token) {
        this.authenticator = authenticator;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    void check(String authorization, String urlCalled) throws AuthenticationFailure {
        if (authenticator == null && token == null) {
            return;
        }
        if (token != null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        if (authenticator == null) {
            throw authorization == null
                    ? new AuthenticationFailure(AuthenticationFailure.Reason.MISSING_TOKEN, "no Authorization header")
                    : new AuthenticationFailure(AuthenticationFailure.Reason.WRONG_TOKEN, "not the expected token");
        }
        authenticator.authenticate(authorization, urlCalled);
    }
}
