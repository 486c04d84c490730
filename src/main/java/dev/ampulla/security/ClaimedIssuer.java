package dev.ampulla.security;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;

/**
 * The {@code iss} a refused token claims, for the operator's log line: read without verifying anything, so it is only
 * what the caller says. Shown only when it looks like an issuer (printable, short); never any other part of the token.
 */
public final class ClaimedIssuer {
    private static final String NONE = "-";
    private static final int MAX_LENGTH = 200;

    private ClaimedIssuer() {}

    public static String of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return NONE;
        }
        String iss;
        try {
            iss = JWTParser.parse(authorization.substring(7).trim())
                    .getJWTClaimsSet()
                    .getIssuer();
        } catch (ParseException | RuntimeException e) {
            return NONE;
        }
        if (iss == null
                || iss.isEmpty()
                || iss.length() > MAX_LENGTH
                || !iss.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return NONE;
        }
        return iss;
    }
}
