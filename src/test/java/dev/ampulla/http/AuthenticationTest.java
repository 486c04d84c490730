package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ampulla.Application;
import dev.ampulla.support.Examples;
import dev.ampulla.support.FhirTestServer;
import dev.ampulla.support.LogCapture;
import dev.ampulla.support.PrometheusScrape;
import dev.ampulla.support.TestServer;
import dev.ampulla.support.TrustedClients;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CDS client authentication with a trust file (CDS Hooks 2.0 §6; checklist 6.2–6.8). */
class AuthenticationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";
    private static final String SERVICE = "rectal-cancer-pathways";

    private static FhirTestServer fhir;
    private static TrustedClients clients;
    private static Application ampulla;
    private static String base;
    /** With a trust file, /metrics answers only the bearer of the metrics token. */
    private static final String METRICS_TOKEN = "metrics-".repeat(5);

    @BeforeAll
    static void start() throws Exception {
        fhir = new FhirTestServer(1000).loadExamples();
        clients = new TrustedClients(fhir.base());
        ampulla = TestServer.startWith(Map.of(
                "trust-file",
                clients.trustFile.toString(),
                "fhir-deadline-ms",
                "5000",
                "request-deadline-ms",
                "15000",
                "public-base-url",
                "https://cds.example.test/ampulla/",
                "metrics-token",
                METRICS_TOKEN));
        base = "https://cds.example.test/ampulla";
    }

    @AfterAll
    static void stop() {
        ampulla.close();
        clients.close();
        fhir.close();
    }

    @BeforeEach
    void reset() {
        fhir.resetCounters();
    }

    private static String body(String slug) {
        return Examples.read(Examples.patientViewRequest(slug));
    }

    private static ValidatableResponse postHook(String token, String body) {
        var spec = given().port(ampulla.port()).contentType("application/json").body(body);
        if (token != null) {
            spec.header("Authorization", "Bearer " + token);
        }
        return spec.post(HOOK).then();
    }

    /**
     * 401 with nothing for the caller; for the operator, the failure counted under its reason code and the call in the
     * hook histogram with its status.
     */
    private static void assertRejected(String authorization, String reason) {
        Map<String, String> failures = Map.of("service", SERVICE, "reason", reason);
        Map<String, String> unauthorized = Map.of("service", SERVICE, "status", "401");
        PrometheusScrape before = scrape();
        var spec = given().port(ampulla.port()).contentType("application/json").body(body("01-stage-i-lower-rectum"));
        if (authorization != null) {
            spec.header("Authorization", authorization);
        }
        String response = spec.post(HOOK)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("issue[0].diagnostics", equalTo("Authentication failed."))
                .extract()
                .asString();
        assertFalse(
                response.contains("aud") || response.contains("kid") || response.contains("exp"),
                "no detail for the caller: " + response);
        PrometheusScrape after = scrape();
        assertEquals(
                1,
                after.valueOrZero("ampulla_authentication_failures_total", failures)
                        - before.valueOrZero("ampulla_authentication_failures_total", failures),
                "counted as " + reason);
        assertEquals(
                1,
                after.valueOrZero("ampulla_hook_requests_seconds_count", unauthorized)
                        - before.valueOrZero("ampulla_hook_requests_seconds_count", unauthorized),
                "401 in the histogram");
    }

    private static PrometheusScrape scrape() {
        return new PrometheusScrape(given().port(ampulla.port())
                .header("Authorization", "Bearer " + METRICS_TOKEN)
                .get("/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static String hookAudience() {
        return base + HOOK;
    }

    @Test
    void theConcordanceReportNeedsATrustedClientsJwtForItsOwnUrl() throws Exception {
        given().port(ampulla.port())
                .get("/analytics/concordance")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + clients.ehrToken(hookAudience()))
                .get("/analytics/concordance")
                .then()
                .statusCode(401);
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + clients.ehrToken(base + "/analytics/concordance"))
                .get("/analytics/concordance")
                .then()
                .statusCode(200)
                .body("totals.cardsShown", org.hamcrest.Matchers.notNullValue());
    }

    // ---- Valid tokens -------------------------------------------------------------------------------------------

    @Test
    void validTokensPassOnDiscoveryHooksAndFeedback() throws Exception {
        given().port(ampulla.port())
                .header("Authorization", "Bearer " + clients.ehrToken(base + "/cds-services"))
                .get("/cds-services")
                .then()
                .statusCode(200)
                .body("services.size()", equalTo(3));
        String card = postHook(clients.ehrToken(hookAudience()), body("03-stage-iia-middle-rectum"))
                .statusCode(200)
                .body("cards.size()", equalTo(5))
                .extract()
                .path("cards[0].uuid");
        postHook(clients.localToken(hookAudience()), body("03-stage-iia-middle-rectum"))
                .statusCode(200);
        String feedback = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\","
                + "\"outcomeTimestamp\":\"2026-11-26T10:05:31Z\"}]}";
        // feedback on a card is taken only from the client it was issued to
        given().port(ampulla.port())
                .contentType("application/json")
                .body(feedback)
                .header("Authorization", "Bearer " + clients.localToken(base + HOOK + "/feedback"))
                .post(HOOK + "/feedback")
                .then()
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("not a card this service issued to this client"));
        given().port(ampulla.port())
                .contentType("application/json")
                .body(feedback)
                .header("Authorization", "Bearer " + clients.ehrToken(base + HOOK + "/feedback"))
                .post(HOOK + "/feedback")
                .then()
                .statusCode(204);
    }

    @Test
    void audMayBeAnArrayHoldingTheUrl() throws Exception {
        String token = clients.ehrToken(
                hookAudience(), c -> c.audience(java.util.List.of("https://other.test", hookAudience())), h -> {});
        postHook(token, body("01-stage-i-lower-rectum")).statusCode(200);
    }

    @Test
    void preflightAndHealthNeedNoToken() {
        given().port(ampulla.port())
                .header("Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .options(HOOK)
                .then()
                .statusCode(204);
        given().port(ampulla.port())
                .get("/health/ready")
                .then()
                .statusCode(200)
                .body("authentication", equalTo("trusted clients only"));
    }

    /** The hook line names the client by iss and tenant; a failure's line has its reason and claimed iss only. */
    @Test
    void logLinesNameTheClientAndAFailuresReasonNeverTheToken() throws Exception {
        String token = clients.ehrToken(
                hookAudience(), c -> c.issuer(TrustedClients.TENANTED).claim("tenant", "oncology-north"), h -> {});
        var hookLines = LogCapture.lines(
                "ampulla.hooks",
                () -> postHook(token, body("01-stage-i-lower-rectum")).statusCode(200));
        assertEquals(1, hookLines.size());
        assertEquals(TrustedClients.TENANTED, hookLines.get(0).get("iss").asText());
        assertEquals("oncology-north", hookLines.get(0).get("tenant").asText());

        String forged = clients.ehrToken(hookAudience(), c -> c.issuer("https://evil.example.test"), h -> {});
        var failures = LogCapture.lines(
                "dev.ampulla.http.AuthenticationFailures",
                () -> postHook(forged, body("01-stage-i-lower-rectum")).statusCode(401));
        assertEquals(1, failures.size());
        var line = failures.get(0);
        assertEquals("WARN", line.get("level").asText());
        assertEquals(SERVICE, line.get("service").asText());
        assertEquals("untrusted-issuer", line.get("reason").asText());
        assertEquals("https://evil.example.test", line.get("iss").asText(), "the iss the token claims");
        assertFalse(line.get("detail").asText().isEmpty());
        assertFalse(
                line.toString().contains(forged.split("\\.")[2])
                        || line.toString().contains(forged.split("\\.")[1]),
                "no part of the token: " + line);
    }

    // ---- Each of these is rejected with 401 ----------------------------------------------------------------------

    @Test
    void missingOrMalformedHeader() {
        assertRejected(null, "missing-token");
        assertRejected("Basic YWxhZGRpbjpvcGVuc2VzYW1l", "malformed-token");
        assertRejected("Bearer not.a.jwt", "malformed-token");
        assertRejected("Bearer ", "malformed-token");
    }

    @Test
    void algNone() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TrustedClients.EHR)
                .audience(hookAudience())
                .issueTime(Date.from(Instant.now()))
                .expirationTime(Date.from(Instant.now().plusMillis(60_000)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        assertRejected("Bearer " + new PlainJWT(new PlainHeader(), claims).serialize(), "malformed-token");
    }

    @Test
    void hs256KeyedWithThePublicKey() throws Exception {
        byte[] publicKey = clients.rsaKey.toRSAPublicKey().getEncoded();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TrustedClients.LOCAL)
                .audience(hookAudience())
                .issueTime(Date.from(Instant.now()))
                .expirationTime(Date.from(Instant.now().plusMillis(60_000)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(clients.rsaKey.getKeyID())
                        .build(),
                claims);
        jwt.sign(new MACSigner(publicKey));
        assertRejected("Bearer " + jwt.serialize(), "algorithm-not-accepted");
    }

    @Test
    void wrongAudience() throws Exception {
        // discovery's URL, not the hook's
        assertRejected("Bearer " + clients.ehrToken(base + "/cds-services"), "wrong-audience");
        assertRejected("Bearer " + clients.ehrToken("http://127.0.0.1:" + ampulla.port() + HOOK), "wrong-audience");
    }

    @Test
    void expired() throws Exception {
        assertRejected(
                "Bearer "
                        + clients.ehrToken(
                                hookAudience(),
                                c -> c.issueTime(Date.from(Instant.now().minusMillis(600_000)))
                                        .expirationTime(Date.from(Instant.now().minusMillis(120_000))),
                                h -> {}),
                "expired");
    }

    @Test
    void issuedInTheFuture() throws Exception {
        assertRejected(
                "Bearer "
                        + clients.ehrToken(
                                hookAudience(),
                                c -> c.issueTime(Date.from(Instant.now().plusMillis(300_000)))
                                        .expirationTime(Date.from(Instant.now().plusMillis(600_000))),
                                h -> {}),
                "not-yet-valid");
    }

    @Test
    void aClientWithTenantsMustNameOneOfThem() throws Exception {
        postHook(
                        clients.ehrToken(
                                hookAudience(),
                                c -> c.issuer(TrustedClients.TENANTED).claim("tenant", "oncology-north"),
                                h -> {}),
                        body("01-stage-i-lower-rectum"))
                .statusCode(200);
        assertRejected(
                "Bearer " + clients.ehrToken(hookAudience(), c -> c.issuer(TrustedClients.TENANTED), h -> {}),
                "tenant-not-allowed");
        assertRejected(
                "Bearer "
                        + clients.ehrToken(
                                hookAudience(),
                                c -> c.issuer(TrustedClients.TENANTED).claim("tenant", "oncology-south"),
                                h -> {}),
                "tenant-not-allowed");
    }

    @Test
    void missingTypOrFutureNbf() throws Exception {
        assertRejected("Bearer " + clients.ehrToken(hookAudience(), c -> {}, h -> h.type(null)), "malformed-token");
        assertRejected(
                "Bearer "
                        + clients.ehrToken(
                                hookAudience(),
                                c -> c.notBeforeTime(Date.from(Instant.now().plusMillis(300_000))),
                                h -> {}),
                "not-yet-valid");
    }

    @Test
    void replayedJti() throws Exception {
        String token = clients.ehrToken(hookAudience());
        postHook(token, body("01-stage-i-lower-rectum")).statusCode(200);
        assertRejected("Bearer " + token, "replay");
    }

    @Test
    void unknownIssuer() throws Exception {
        assertRejected(
                "Bearer " + clients.ehrToken(hookAudience(), c -> c.issuer("https://evil.example.test"), h -> {}),
                "untrusted-issuer");
    }

    @Test
    void jkuNotAllowlisted() throws Exception {
        assertRejected(
                "Bearer " + clients.ehrToken(hookAudience(), c -> {}, h -> h.jwkURL(clients.otherJku())),
                "jku-not-allowed");
    }

    @Test
    void unknownKid() throws Exception {
        assertRejected(
                "Bearer " + clients.ehrToken(hookAudience(), c -> {}, h -> h.keyID("no-such-key")), "unknown-kid");
    }

    @Test
    void signedWithAKeyTheClientDoesNotOwn() throws Exception {
        String token = clients.sign(
                clients.strangerKey,
                JWSAlgorithm.ES384,
                new com.nimbusds.jose.crypto.ECDSASigner(clients.strangerKey),
                TrustedClients.EHR,
                hookAudience(),
                c -> {},
                h -> h.keyID(clients.ecKey.getKeyID()),
                true);
        assertRejected("Bearer " + token, "bad-signature");
    }

    @Test
    void tamperedPayload() throws Exception {
        String[] parts = clients.ehrToken(hookAudience()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(TrustedClients.EHR, TrustedClients.LOCAL);
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertRejected("Bearer " + forged, "jku-not-allowed"); // the other client does not use that jku
    }

    @Test
    void tokensLivingLongerThanAnHourAreRefused() throws Exception {
        assertRejected(
                "Bearer "
                        + clients.ehrToken(
                                hookAudience(),
                                c -> c.expirationTime(Date.from(Instant.now().plusMillis(3 * 3600_000L))),
                                h -> {}),
                "lifetime-too-long");
    }

    // ---- FHIR-server trust ---------------------------------------------------------------------------------------

    private static ObjectNode noPrefetch(String fhirServer) throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(body("03-stage-iia-middle-rectum"));
        request.remove("prefetch");
        request.put("fhirServer", fhirServer);
        request.putObject("fhirAuthorization")
                .put("access_token", FhirTestServer.TOKEN)
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "user/Observation.read")
                .put("subject", "ampulla");
        return request;
    }

    /**
     * A trusted client may hold at most half of the places: with two, the EHR's calls waiting on its slow FHIR server
     * leave the other client's call a place.
     */
    @Test
    void oneTrustedClientCannotTakeEveryPlace() throws Exception {
        try (FhirTestServer slow = new FhirTestServer(1000).loadExamples().delayEveryRequest(3000);
                TrustedClients two = new TrustedClients(slow.base());
                Application small = TestServer.startWith(Map.of(
                        "trust-file",
                        two.trustFile.toString(),
                        "max-concurrent-requests",
                        "2",
                        "fhir-deadline-ms",
                        "10000",
                        "request-deadline-ms",
                        "15000",
                        "public-base-url",
                        "https://cds.example.test/ampulla/"))) {
            String audience = "https://cds.example.test/ampulla" + HOOK;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.List<java.util.concurrent.Future<Integer>> ehr = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String token = two.ehrToken(audience);
                    ehr.add(pool.submit(() -> given().port(small.port())
                            .contentType("application/json")
                            .header("Authorization", "Bearer " + token)
                            .body(noPrefetch(slow.base()).toString())
                            .post(HOOK)
                            .then()
                            .extract()
                            .statusCode()));
                }
                // let them reach the slow server (if they did not, the call below would prove nothing)
                long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (slow.requestCount() < 3 && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                Thread.sleep(200);
                given().port(small.port())
                        .contentType("application/json")
                        .header("Authorization", "Bearer " + two.localToken(audience))
                        .body(body("03-stage-iia-middle-rectum"))
                        .post(HOOK)
                        .then()
                        .statusCode(200);
                for (var f : ehr) {
                    int status = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                    org.junit.jupiter.api.Assertions.assertTrue(status == 200 || status == 503, "status " + status);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aTrustedClientReadsItsOwnFhirServer() throws Exception {
        postHook(clients.ehrToken(hookAudience()), noPrefetch(fhir.base()).toString())
                .statusCode(200)
                .body("cards.size()", equalTo(5));
        assertEquals(
                9,
                fhir.requestCount(),
                "the Patient, conditions, observations, procedures, three kinds of"
                        + " medication record, biomarkers and patient status");
    }

    @Test
    void anyOtherFhirServerIsRefusedWithoutAnOutboundRequest() throws Exception {
        String elsewhere = fhir.base().replace("/fhir", "/other-fhir");
        postHook(clients.ehrToken(hookAudience()), noPrefetch(elsewhere).toString())
                .statusCode(403)
                .body("issue[0].diagnostics", containsString("not a FHIR server this client is trusted to use"));
        postHook(clients.localToken(hookAudience()), noPrefetch(fhir.base()).toString())
                .statusCode(403);
        assertEquals(0, fhir.requestCount(), "no outbound request");
    }

    @Test
    void linkLocalAndMetadataAddressesAreNeverContactedEvenInOpenMode() throws Exception {
        for (String target : new String[] {
            "http://169.254.169.254/latest",
            "http://[fd00:ec2::254]/fhir",
            "http://[fe80::1]/fhir",
            "http://0.0.0.0:8080/fhir"
        }) { // every refused form: NetworkPolicyTest
            given().port(TestServer.port())
                    .contentType("application/json")
                    .body(noPrefetch(target).toString())
                    .post(HOOK)
                    .then()
                    .statusCode(403)
                    .body("issue[0].diagnostics", containsString("forbidden"));
        }
    }
}
