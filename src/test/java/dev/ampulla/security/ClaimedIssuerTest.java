package dev.ampulla.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.api.Test;

/** The iss a refused token claims is logged only when it looks like an issuer; otherwise "-". */
class ClaimedIssuerTest {

    private static String bearer(String iss) {
        return "Bearer "
                + new PlainJWT(
                                new PlainHeader(),
                                new JWTClaimsSet.Builder().issuer(iss).build())
                        .serialize();
    }

    @Test
    void aReadableIssIsShown() {
        assertEquals("https://ehr.example.test", ClaimedIssuer.of(bearer("https://ehr.example.test")));
    }

    @Test
    void anythingElseIsADash() {
        assertEquals("-", ClaimedIssuer.of(null));
        assertEquals("-", ClaimedIssuer.of("Basic YWxhZGRpbjpvcGVuc2VzYW1l"));
        assertEquals("-", ClaimedIssuer.of("Bearer not.a.jwt"));
        assertEquals("-", ClaimedIssuer.of(bearer("line\nbreak")));
        assertEquals("-", ClaimedIssuer.of(bearer("x".repeat(201))));
        assertEquals(
                "-",
                ClaimedIssuer.of("Bearer "
                        + new PlainJWT(
                                        new PlainHeader(),
                                        new JWTClaimsSet.Builder()
                                                .subject("no-iss")
                                                .build())
                                .serialize()));
    }
}
