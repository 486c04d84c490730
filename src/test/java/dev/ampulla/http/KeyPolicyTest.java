package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.opts.AllowWeakRSAKey;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.ampulla.Application;
import dev.ampulla.security.TrustConfig;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which keys a client may sign with, and where they may come from: RSA of at least 2048 bits or EC on a NIST curve,
 * from the trust file or an allowlisted https {@code jku} (plain http only on loopback), fetched without following
 * redirects.
 */
class KeyPolicyTest {
    private static final String WEAK = "https://weak-keys.example.test";
    private static final String REDIRECTED = "https://redirected-keys.example.test";
    private static final String BASE = "https://cds.example.test/ampulla";
    private static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private static RSAKey weakKey;
    private static ECKey strongKey;
    private static HttpServer jwks;
    private static Application ampulla;

    @BeforeAll
    static void start() throws Exception {
        weakKey = new RSAKeyGenerator(1024, true)
                .keyID("weak-" + UUID.randomUUID())
                .generate();
        strongKey = new ECKeyGenerator(Curve.P_256)
                .keyID("strong-" + UUID.randomUUID())
                .generate();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/weak.json", new JWKSet(weakKey.toPublicJWK()).toString(), 200);
        serve("/strong.json", new JWKSet(strongKey.toPublicJWK()).toString(), 200);
        serve("/redirect.json", "", 302);
        jwks.start();
        Path trust = Files.createTempDirectory("ampulla-keys").resolve("trust.json");
        Files.writeString(trust, """
                {"clients": [
                  {"iss": "%s", "jku": ["%s"]},
                  {"iss": "%s", "jku": ["%s"]}
                ]}
                """.formatted(WEAK, url("/weak.json"), REDIRECTED, url("/redirect.json")));
        ampulla = TestServer.startWith(Map.of("trust-file", trust.toString(), "public-base-url", BASE + "/"));
    }

    @AfterAll
    static void stop() {
        ampulla.close();
        jwks.stop(0);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + path;
    }

    private static void serve(String path, String body, int status) {
        requests.put(path, new AtomicInteger());
        jwks.createContext(path, exchange -> {
            requests.get(path).incrementAndGet();
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", url("/strong.json"));
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
    }

    private static String token(JWK key, JWSAlgorithm alg, JWSSigner signer, String iss, String jku) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(iss)
                .audience(BASE + "/cds-services/" + "rectal-cancer-pathways")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg)
                        .type(JOSEObjectType.JWT)
                        .keyID(key.getKeyID())
                        .jwkURL(java.net.URI.create(jku))
                        .build(),
                claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static int call(String token) throws Exception {
        return given().port(ampulla.port())
                .header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")))
                .post("/cds-services/rectal-cancer-pathways")
                .then()
                .extract()
                .statusCode();
    }

    /**
     * Calls whose token makes Ampulla fetch a slow key set wait for it without a place: another client is still
     * answered (two places, three such calls in flight).
     */
    @Test
    void callsWaitingOnAKeySetHoldNoPlace() throws Exception {
        jwks.createContext("/slow.json", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = new JWKSet(strongKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        serve("/ok.json", new JWKSet(strongKey.toPublicJWK()).toString(), 200);
        Path trust = Files.createTempDirectory("ampulla-keys").resolve("trust.json");
        Files.writeString(trust, """
                {"clients": [{"iss": "https://slow-keys.example.test", "jku": ["%s"]},
                             {"iss": "%s", "jku": ["%s"]}]}
                """.formatted(url("/slow.json"), REDIRECTED + "-ok", url("/ok.json")));
        try (Application small = TestServer.startWith(Map.of(
                "trust-file", trust.toString(), "public-base-url", BASE + "/", "max-concurrent-requests", "2"))) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                java.util.List<java.util.concurrent.Future<Integer>> waiting = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    ECKey unknown = new ECKeyGenerator(Curve.P_256)
                            .keyID("rotated-" + UUID.randomUUID())
                            .generate();
                    String token = token(
                            unknown,
                            JWSAlgorithm.ES256,
                            new ECDSASigner(unknown),
                            "https://slow-keys.example.test",
                            url("/slow.json"));
                    waiting.add(pool.submit(() -> callOn(small, token)));
                }
                Thread.sleep(500);
                String other = token(
                        strongKey, JWSAlgorithm.ES256, new ECDSASigner(strongKey), REDIRECTED + "-ok", url("/ok.json"));
                assertEquals(200, callOn(small, other), "another client is answered");
                for (var w : waiting) {
                    w.get(30, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static int callOn(Application server, String token) throws Exception {
        return given().port(server.port())
                .header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body(Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum")))
                .post("/cds-services/rectal-cancer-pathways")
                .then()
                .extract()
                .statusCode();
    }

    /** Key sets are fetched after start-up, so the first calls do not wait for them. */
    @Test
    void keySetsAreFetchedAfterStartUpBeforeAnyCall() throws Exception {
        Path trust = Files.createTempDirectory("ampulla-keys").resolve("trust.json");
        serve("/prefetched.json", new JWKSet(strongKey.toPublicJWK()).toString(), 200);
        Files.writeString(trust, """
                {"clients": [{"iss": "https://prefetched.example.test", "jku": ["%s"]}]}
                """.formatted(url("/prefetched.json")));
        Application started =
                TestServer.startWith(Map.of("trust-file", trust.toString(), "public-base-url", BASE + "/"));
        try {
            assertTrue(requests.get("/prefetched.json").get() > 0, "fetched before any call");
        } finally {
            started.close();
        }
    }

    @Test
    void aFetchedRsaKeyOfFewerThan2048BitsIsRefused() throws Exception {
        String token = token(
                weakKey,
                JWSAlgorithm.RS256,
                new RSASSASigner(weakKey.toPrivateKey(), Set.of(AllowWeakRSAKey.getInstance())),
                WEAK,
                url("/weak.json"));
        assertEquals(401, call(token));
        assertTrue(requests.get("/weak.json").get() > 0, "the key set was fetched, and its key refused");
    }

    @Test
    void anAllowlistedKeySetUrlThatRedirectsIsNotFollowed() throws Exception {
        String token =
                token(strongKey, JWSAlgorithm.ES256, new ECDSASigner(strongKey), REDIRECTED, url("/redirect.json"));
        assertEquals(401, call(token));
        assertTrue(requests.get("/redirect.json").get() > 0);
        assertEquals(0, requests.get("/strong.json").get(), "the redirect was not followed");
    }

    @Test
    void aTrustFileWithAWeakKeyOrAPlainHttpKeySetElsewhereThanLoopbackDoesNotLoad() throws Exception {
        Path dir = Files.createTempDirectory("ampulla-keys");
        Path weak = dir.resolve("weak.json");
        Files.writeString(weak, """
                {"clients": [{"iss": "%s", "jwks": %s}]}
                """.formatted(WEAK, new JWKSet(weakKey.toPublicJWK())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustConfig.load(weak));
        assertTrue(e.getMessage().contains("too weak: RSA 1024 bits"), e.getMessage());
        Path http = dir.resolve("http.json");
        Files.writeString(http, """
                {"clients": [{"iss": "%s", "jku": ["http://keys.hospital.example.test/jwks.json"]}]}
                """.formatted(WEAK));
        e = assertThrows(IllegalArgumentException.class, () -> TrustConfig.load(http));
        assertTrue(e.getMessage().contains("must be an https URL"), e.getMessage());
    }
}
