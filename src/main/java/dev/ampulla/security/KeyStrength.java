package dev.ampulla.security;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Set;

/**
 * The keys a client may sign with: RSA of at least 2048 bits, or EC on P-256, P-384 or P-521 (NIST SP 800-131A;
 * RFC 7518 §3.3 requires 2048 bits for RS*). Checked for trust-file keys at start-up and for fetched keys at use.
 */
final class KeyStrength {
    static final int MIN_RSA_BITS = 2048;
    private static final Set<Curve> CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);

    private KeyStrength() {}

    /** Why the key is too weak, or null when it is strong enough. */
    static String weakness(JWK key) {
        if (key instanceof RSAKey rsa) {
            return rsa.size() < MIN_RSA_BITS ? "RSA " + rsa.size() + " bits (at least " + MIN_RSA_BITS + ")" : null;
        }
        if (key instanceof ECKey ec) {
            return CURVES.contains(ec.getCurve()) ? null : "EC curve " + ec.getCurve() + " (P-256, P-384 or P-521)";
        }
        return "key type " + key.getKeyType() + " (RSA or EC)";
    }
}
