package dev.ampulla.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
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
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Two CDS clients for tests, with freshly generated keys: one signs ES384 and publishes its JWKS on a real local
 * HTTP endpoint (jku), the other signs RS384 with keys given to Ampulla in a JWKS file. Writes the trust file.
 */
public final class TrustedClients implements AutoCloseable {
    public static final String EHR = "https://ehr.example.test";
    public static final String LOCAL = "https://local-keys.example.test";
    /** A client that must name one of its tenants; it shares the EHR's key set. */
    public static final String TENANTED = "https://tenanted.example.test";

    public final ECKey ecKey;
    public final RSAKey rsaKey;
    public final ECKey strangerKey;
    private final HttpServer jwksServer;
    public final Path trustFile;

    public TrustedClients(String fhirServerBase) throws Exception {
        ecKey = new ECKeyGenerator(Curve.P_384)
                .keyID("ehr-es384-" + UUID.randomUUID())
                .generate();
        rsaKey = new RSAKeyGenerator(2048)
                .keyID("local-rs384-" + UUID.randomUUID())
                .generate();
        strangerKey = new ECKeyGenerator(Curve.P_384)
                .keyID("stranger-" + UUID.randomUUID())
                .generate();
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/jwks.json", new JWKSet(ecKey.toPublicJWK()));
        serve("/other-jwks.json", new JWKSet(List.of(ecKey.toPublicJWK(), strangerKey.toPublicJWK())));
        jwksServer.start();

        Path dir = Files.createTempDirectory("ampulla-trust");
        Files.writeString(dir.resolve("local-jwks.json"), new JWKSet(rsaKey.toPublicJWK()).toString());
        trustFile = dir.resolve("trust.json");
        Files.writeString(trustFile, """
                {
                  "clockSkewSeconds": 30,
                  "clients": [
                    {"iss": "%s", "jku": ["%s"], "fhirServers": ["%s"]},
                    {"iss": "%s", "jwksFile": "local-jwks.json"},
                    {"iss": "%s", "jku": ["%s"], "tenants": ["oncology-north"]}
                  ]
                }
                """.formatted(EHR, jku(), fhirServerBase, LOCAL, TENANTED, jku()));
    }

    private void serve(String path, JWKSet keys) {
        byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
        jwksServer.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    public URI jku() {
        return URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json");
    }

    public URI otherJku() {
        return URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/other-jwks.json");
    }

    /** A valid ES384 token of the EHR client for this audience, which the adjusters may break. */
    public String ehrToken(String audience, Consumer<JWTClaimsSet.Builder> claims, Consumer<JWSHeader.Builder> header)
            throws Exception {
        return sign(ecKey, JWSAlgorithm.ES384, new ECDSASigner(ecKey), EHR, audience, claims, header, true);
    }

    public String ehrToken(String audience) throws Exception {
        return ehrToken(audience, c -> {}, h -> {});
    }

    /** A valid RS384 token of the client with local keys (no jku). */
    public String localToken(String audience) throws Exception {
        return sign(rsaKey, JWSAlgorithm.RS384, new RSASSASigner(rsaKey), LOCAL, audience, c -> {}, h -> {}, false);
    }

    public String sign(
            JWK key,
            JWSAlgorithm alg,
            JWSSigner signer,
            String iss,
            String audience,
            Consumer<JWTClaimsSet.Builder> claims,
            Consumer<JWSHeader.Builder> header,
            boolean withJku)
            throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .issuer(iss)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
        claims.accept(c);
        JWSHeader.Builder h =
                new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(key.getKeyID());
        if (withJku) {
            h.jwkURL(jku());
        }
        header.accept(h);
        SignedJWT jwt = new SignedJWT(h.build(), c.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Override
    public void close() {
        jwksServer.stop(0);
    }
}
