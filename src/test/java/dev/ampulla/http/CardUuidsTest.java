package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A card's uuid is what feedback names, so one uuid must not tell the others. This test tries the attack that works
 * on a per-thread {@code java.util.concurrent.ThreadLocalRandom} (an invertible mix of a seed advanced by a gamma
 * that depends only on the thread): recover the generator state from one uuid's random bits and predict the next uuid
 * of the same answer.
 */
class CardUuidsTest {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    @Test
    void noUuidOfAnAnswerCanBePredictedFromTheOneBefore() throws Exception {
        // stage IV resectable: a stage card and a pathway card with three suggestions, so six uuids in a row
        String answer = given().port(TestServer.port())
                .contentType("application/json")
                .body(Examples.read(Examples.patientViewRequest("10-stage-iva-resectable-upper")))
                .post("/cds-services/rectal-cancer-pathways")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<UUID> uuids = new ArrayList<>();
        collect(new ObjectMapper().readTree(answer), uuids);
        assertTrue(uuids.size() >= 4, "uuids in the answer: " + uuids);
        int predicted = 0;
        for (int i = 0; i + 1 < uuids.size(); i++) {
            if (predicts(uuids.get(i), uuids.get(i + 1))) {
                predicted++;
            }
        }
        assertFalse(
                predicted > 0,
                predicted + " of " + (uuids.size() - 1) + " uuids were predicted from the one" + " before: " + uuids);
    }

    private static void collect(JsonNode node, List<UUID> out) {
        if (node.isObject() && node.path("uuid").isTextual()) {
            out.add(UUID.fromString(node.get("uuid").asText()));
        }
        node.forEach(child -> collect(child, out));
    }

    /**
     * Whether {@code next} follows from {@code uuid} as ThreadLocalRandom would make it: {@code uuid}'s 62 random low
     * bits are mix64(seed); the next uuid draws nextInt (mix32 of seed + gamma) and nextLong (mix64 of seed + 2 gamma),
     * where the gamma is a constant plus twice the thread's id (tried up to 65,535).
     */
    private static boolean predicts(UUID uuid, UUID next) {
        long low = uuid.getLeastSignificantBits() & 0x3fffffffffffffffL;
        long nextA = next.getMostSignificantBits() & 0x0fffL;
        long nextB = next.getLeastSignificantBits() & 0x3fffffffffffffffL;
        for (long top = 0; top < 4; top++) {
            long seed = unmix64(low | (top << 62));
            for (long threadId = 0; threadId < 65_536; threadId++) {
                long gamma = GOLDEN_GAMMA + (threadId << 1);
                if ((mix32(seed + gamma) & 0x0fffL) == nextA
                        && (mix64(seed + 2 * gamma) & 0x3fffffffffffffffL) == nextB) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return (int) (((z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L) >>> 32);
    }

    private static long unmix64(long z) {
        z = unshift33(z) * 0x9cb4b2f8129337dbL; // inverse of 0xc4ceb9fe1a85ec53
        z = unshift33(z) * 0x4f74430c22a54005L; // inverse of 0xff51afd7ed558ccd
        return unshift33(z);
    }

    /** The inverse of z ^ (z >>> 33). */
    private static long unshift33(long z) {
        return z ^ (z >>> 33);
    }
}
