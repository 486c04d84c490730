package dev.ampulla.feedback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of identifiers with the patient hash key, so that the store can count and match without keeping them. */
final class KeyedHash {
    private final byte[] key;

    /** @param key the patient hash key, or null when none is configured */
    KeyedHash(byte[] key) {
        this.key = key == null ? null : key.clone();
    }

    boolean keyed() {
        return key != null;
    }

    /** The keyed hash, or the plain SHA-256 when no key is configured (hex). */
    String of(String value) {
        try {
            if (key == null) {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 or HmacSHA256 is not available", e);
        }
    }
}
