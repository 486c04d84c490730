package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ampulla.Application;
import dev.ampulla.security.TrustConfig;
import dev.ampulla.support.Examples;
import dev.ampulla.support.FhirTestServer;
import dev.ampulla.support.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trust file's per-client options that real clients need: keys pinned for the {@code jku} a client always sends
 * (the public CDS Hooks sandbox, trusted offline), the {@code aud} values an EHR is configured to send, the client id
 * in {@code sub}, a per-client token lifetime; and the secured server's other routes.
 */
class TrustFileOptionsTest {
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";
    private static final String BASE = "https://cds.example.test";
    private static final String SANDBOX = "https://sandbox.cds-hooks.example";
    private static final String EPIC = "https://epic.hospital.example";
    private static final String METRICS_TOKEN = "m".repeat(40);

    private static ECKey sandboxKey;
    private static ECKey epicKey;
    /** Stands at the pinned jku's address: counts connections, never answers. */
    private static ServerSocket pinnedJkuHost;

    private static final AtomicInteger pinnedJkuConnections = new AtomicInteger();
    private static URI pinnedJku;
    private static FhirTestServer fhir;
    private static Application ampulla;

    @BeforeAll
    static void start() throws Exception {
        sandboxKey = new ECKeyGenerator(Curve.P_384)
                .keyID("sandbox-" + UUID.randomUUID())
                .generate();
        epicKey = new ECKeyGenerator(Curve.P_256)
                .keyID("epic-" + UUID.randomUUID())
                .generate();
        pinnedJkuHost = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread counter = new Thread(
                () -> {
                    while (!pinnedJkuHost.isClosed()) {
                        try {
                            Socket connection = pinnedJkuHost.accept();
                            pinnedJkuConnections.incrementAndGet();
                            connection.close();
                        } catch (java.io.IOException e) {
                            return;
                        }
                    }
                },
                "pinned-jku-host");
        counter.setDaemon(true);
        counter.start();
        pinnedJku = URI.create("http://127.0.0.1:" + pinnedJkuHost.getLocalPort() + "/.well-known/jwks.json");
        fhir = new FhirTestServer(1000).loadExamples().requireToken(false);
        Path dir = Files.createTempDirectory("ampulla-trust-options");
        Files.writeString(dir.resolve("sandbox-jwks.json"), new JWKSet(sandboxKey.toPublicJWK()).toString());
        Files.writeString(dir.resolve("trust.json"), """
                {
                  "clients": [
                    {"iss": "%s", "jwksFile": "sandbox-jwks.json", "pinnedJku": ["%s"], "fhirServers": ["%s"]},
                    {"iss": "%s", "jwks": %s, "aud": ["urn:epic:configured-audience"], "clientId": "ampulla-7",
                     "maxTokenLifetimeSeconds": 86400}
                  ]
                }
                """.formatted(
                        SANDBOX, pinnedJku, fhir.base(), EPIC, new JWKSet(epicKey.toPublicJWK())));
        ampulla = TestServer.startWith(Map.of(
                "trust-file",
                dir.resolve("trust.json").toString(),
                "development-mode",
                "false",
                "public-base-url",
                BASE,
                "metrics-token",
                METRICS_TOKEN,
                "fhir-deadline-ms",
                "5000",
                "request-deadline-ms",
                "15000"));
    }

    @AfterAll
    static void stop() throws Exception {
        ampulla.close();
        fhir.close();
        pinnedJkuHost.close();
    }

    private static String token(
            ECKey key, String iss, Consumer<JWTClaimsSet.Builder> claims, Consumer<JWSHeader.Builder> header)
            throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .issuer(iss)
                .audience(BASE + HOOK)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
        claims.accept(c);
        JWSHeader.Builder h = new JWSHeader.Builder(
                        key.getCurve().equals(Curve.P_384) ? JWSAlgorithm.ES384 : JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID());
        header.accept(h);
        SignedJWT jwt = new SignedJWT(h.build(), c.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static int hook(String token) {
        return given().port(ampulla.port())
                .contentType("application/json")
                .header("Authorization", "Bearer " + token)
                .body(Examples.read(Examples.patientViewRequest("01-stage-i-lower-rectum")))
                .post(HOOK)
                .statusCode();
    }

    @Test
    void aPinnedJkuIsVerifiedWithTheLocalKeysWithoutAnyConnection() throws Exception {
        assertEquals(200, hook(token(sandboxKey, SANDBOX, c -> {}, h -> h.jwkURL(pinnedJku))));
        assertEquals(200, hook(token(sandboxKey, SANDBOX, c -> {}, h -> {})), "no jku: the local keys");
        // another jku is neither pinned nor allowlisted
        assertEquals(401, hook(token(sandboxKey, SANDBOX, c -> {}, h -> h.jwkURL(URI.create(pinnedJku + "?other")))));
        assertEquals(0, pinnedJkuConnections.get(), "the pinned jku was contacted");
    }

    @Test
    void anEmptyFhirAccessTokenMeansNoToken() throws Exception {
        String body = Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum"));
        var request = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        request.remove("prefetch");
        request.put("fhirServer", fhir.base());
        request.putObject("fhirAuthorization")
                .put("access_token", "")
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "")
                .put("subject", "");
        fhir.resetCounters();
        given().port(ampulla.port())
                .contentType("application/json")
                .header("Authorization", "Bearer " + token(sandboxKey, SANDBOX, c -> {}, h -> h.jwkURL(pinnedJku)))
                .body(request.toString())
                .post(HOOK)
                .then()
                .statusCode(200)
                .body("cards[0].source.topic.code", equalTo("stage-summary"));
        assertTrue(
                !fhir.authorizations().isEmpty()
                        && fhir.authorizations().stream().allMatch("-"::equals),
                "fetched without an Authorization header: " + fhir.authorizations());
    }

    @Test
    void anAudienceTheClientIsConfiguredToSendIsAccepted() throws Exception {
        Consumer<JWTClaimsSet.Builder> epicClaims =
                c -> c.audience("urn:epic:configured-audience").subject("ampulla-7");
        assertEquals(200, hook(token(epicKey, EPIC, epicClaims, h -> {})));
        // the URL called stays valid too
        assertEquals(200, hook(token(epicKey, EPIC, c -> c.subject("ampulla-7"), h -> {})));
        // ... but another client's configured aud is not this one's
        assertEquals(401, hook(token(sandboxKey, SANDBOX, c -> c.audience("urn:epic:configured-audience"), h -> {})));
        assertEquals(
                401, hook(token(epicKey, EPIC, c -> c.audience("urn:epic:other").subject("ampulla-7"), h -> {})));
        // the report is not a CDS Hooks call: only its own URL
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + token(epicKey, EPIC, epicClaims, h -> {}))
                .get("/analytics/concordance")
                .then()
                .statusCode(401);
        given().port(ampulla.port())
                .header(
                        "Authorization",
                        "Bearer "
                                + token(
                                        epicKey,
                                        EPIC,
                                        c -> c.audience(BASE + "/analytics/concordance")
                                                .subject("ampulla-7"),
                                        h -> {}))
                .get("/analytics/concordance")
                .then()
                .statusCode(200);
    }

    @Test
    void subMustBeTheClientIdWhereTheTrustFileNamesIt() throws Exception {
        assertEquals(401, hook(token(epicKey, EPIC, c -> c.subject("someone-else"), h -> {})));
        assertEquals(401, hook(token(epicKey, EPIC, c -> {}, h -> {})), "no sub");
        assertEquals(
                200,
                hook(token(sandboxKey, SANDBOX, c -> c.subject("anything"), h -> {})),
                "no clientId configured: sub is not checked");
    }

    @Test
    void aClientMayHaveItsOwnTokenLifetime() throws Exception {
        Instant now = Instant.now();
        Consumer<JWTClaimsSet.Builder> dayLong =
                c -> c.subject("ampulla-7").expirationTime(Date.from(now.plus(Duration.ofHours(20))));
        assertEquals(200, hook(token(epicKey, EPIC, dayLong, h -> {})));
        assertEquals(401, hook(token(sandboxKey, SANDBOX, dayLong, h -> {})), "the file's lifetime: an hour");
    }

    @Test
    void theSecuredServerServesNeitherTheViewerNorTheExamplesAndClosesTheMetrics() {
        for (String path : new String[] {"/", "/examples", "/viewer/viewer.js"}) {
            given().port(ampulla.port()).get(path).then().statusCode(404);
        }
        given().port(ampulla.port()).get("/metrics").then().statusCode(401);
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + METRICS_TOKEN)
                .get("/metrics")
                .then()
                .statusCode(200);
        // documentation of the rules, which cards link to, stays readable
        given().port(ampulla.port())
                .get("/health/ready")
                .then()
                .statusCode(200)
                .body("authentication", equalTo("trusted clients only"));
    }

    @Test
    void aTrustFileWithAnUnknownMemberIsRefusedNamingIt() throws Exception {
        Path dir = Files.createTempDirectory("ampulla-trust-typo");
        Files.writeString(
                dir.resolve("trust.json"),
                "{\"clients\":[{\"iss\":\"https://a.example\",\"jwksfile\":\"keys.json\"}]}");
        IllegalArgumentException client =
                assertThrows(IllegalArgumentException.class, () -> TrustConfig.load(dir.resolve("trust.json")));
        assertTrue(
                client.getMessage().contains("client https://a.example: unknown member \"jwksfile\""),
                client.getMessage());
        Files.writeString(
                dir.resolve("trust.json"),
                "{\"clients\":[{\"iss\":\"https://a.example\",\"jwks\":" + new JWKSet(sandboxKey.toPublicJWK())
                        + ",\"tenants\":\"acme\"}]}");
        IllegalArgumentException tenants =
                assertThrows(IllegalArgumentException.class, () -> TrustConfig.load(dir.resolve("trust.json")));
        assertTrue(
                tenants.getMessage().contains("\"tenants\" of https://a.example must be a list"),
                "a single string would read as no tenant check: " + tenants.getMessage());
        Files.writeString(dir.resolve("trust.json"), "{\"clockSkew\":30,\"clients\":[]}");
        IllegalArgumentException file =
                assertThrows(IllegalArgumentException.class, () -> TrustConfig.load(dir.resolve("trust.json")));
        assertTrue(file.getMessage().contains("unknown member \"clockSkew\""), file.getMessage());
    }

    @Test
    void aPinnedJkuNeedsLocalKeysAndCannotAlsoBeFetched() throws Exception {
        Path dir = Files.createTempDirectory("ampulla-trust-pinned");
        Files.writeString(
                dir.resolve("trust.json"),
                "{\"clients\":[{\"iss\":\"https://a.example\",\"jku\":"
                        + "[\"https://a.example/jwks.json\"],\"pinnedJku\":[\"https://a.example/jwks.json\"]}]}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustConfig.load(dir.resolve("trust.json")))
                .getMessage()
                .contains("needs \"jwksFile\" or \"jwks\""));
        Files.writeString(
                dir.resolve("trust.json"),
                "{\"clients\":[{\"iss\":\"https://a.example\",\"jku\":"
                        + "[\"https://a.example/jwks.json\"],\"pinnedJku\":[\"https://a.example/jwks.json\"],\"jwks\":"
                        + new JWKSet(sandboxKey.toPublicJWK()) + "}]}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustConfig.load(dir.resolve("trust.json")))
                .getMessage()
                .contains("both in \"jku\" (fetched) and in \"pinnedJku\""));
        Files.writeString(
                dir.resolve("trust.json"),
                "{\"clients\":[{\"iss\":\"https://a.example\",\"jwks\":" + new JWKSet(sandboxKey.toPublicJWK())
                        + ",\"maxTokenLifetimeSeconds\":604800}]}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustConfig.load(dir.resolve("trust.json")))
                .getMessage()
                .contains("\"maxTokenLifetimeSeconds of https://a.example\" must be a whole number"
                        + " from 1 to 86400"));
    }
}
