package dev.ampulla.security;

import static dev.ampulla.security.AuthenticationFailure.Reason.*;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies the JWT a CDS client sends with every call (CDS Hooks 2.0 §Trusting CDS Clients, and its best
 * practices): asymmetric signatures only; {@code kid} required and matched; {@code iss} allowlisted; {@code jku},
 * when present, allowlisted (or pinned to local keys) for that {@code iss}; {@code aud} the exact URL called or an
 * {@code aud} the client is configured to send; {@code sub} the client id when configured; {@code exp} and
 * {@code iat} within a small clock skew and a bounded lifetime; {@code jti} never seen before; {@code tenant} when
 * configured.
 */
public final class JwtAuthenticator {
    /** RSA (PKCS#1 v1.5 and PSS) and ECDSA. Never {@code none}, never HMAC. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private static final int JWKS_CONNECT_TIMEOUT_MS = 1000;
    private static final int JWKS_READ_TIMEOUT_MS = 2000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;
    private static final long JWKS_CACHE_MS = 15 * 60 * 1000;
    private static final long JWKS_REFRESH_TIMEOUT_MS = 3000;
    /** An unknown kid refetches a jku at most this often. */
    private static final long JWKS_MIN_REFETCH_MS = 30_000;

    /**
     * Fetches a key set without following redirects: the allowlisted URL is the one trusted, not wherever it points.
     */
    private static final class NoRedirects extends DefaultResourceRetriever {
        NoRedirects() {
            super(JWKS_CONNECT_TIMEOUT_MS, JWKS_READ_TIMEOUT_MS, JWKS_SIZE_LIMIT);
        }

        @Override
        protected java.net.HttpURLConnection openHTTPConnection(java.net.URL url) throws java.io.IOException {
            java.net.HttpURLConnection connection = super.openHTTPConnection(url);
            connection.setInstanceFollowRedirects(false);
            return connection;
        }
    }

    private record Client(
            TrustConfig.TrustedClient trust,
            JWKSource<SecurityContext> localKeys,
            Map<URI, JWKSource<SecurityContext>> jkuKeys) {}

    private final Map<String, Client> clients = new HashMap<>();
    private final TrustConfig config;
    private final ReplayCache replays;
    private final ReplayLedger ledger;

    public JwtAuthenticator(TrustConfig config) {
        this(config, (issuer, jti, expiresAtMillis) -> ReplayLedger.Answer.UNAVAILABLE);
    }

    /**
     * @param ledger where token ids are recorded for every replica and across restarts; this process's memory is
     *     checked first, and decides alone while the ledger cannot be reached
     */
    public JwtAuthenticator(TrustConfig config, ReplayLedger ledger) {
        this.config = config;
        this.ledger = ledger;
        this.replays = new ReplayCache(config.replayCacheSize());
        for (TrustConfig.TrustedClient c : config.clients()) {
            Map<URI, JWKSource<SecurityContext>> remote = new HashMap<>();
            for (URI jku : c.jkuAllowlist()) {
                try {
                    remote.put(
                            jku,
                            JWKSourceBuilder.<SecurityContext>create(jku.toURL(), new NoRedirects())
                                    .cache(JWKS_CACHE_MS, JWKS_REFRESH_TIMEOUT_MS)
                                    // refreshed in the background a minute before it expires, not by a waiting call
                                    .refreshAheadCache(60_000, true)
                                    .rateLimited(JWKS_MIN_REFETCH_MS)
                                    .retrying(false)
                                    .build());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("jku " + jku + " is not a URL", e);
                }
            }
            clients.put(
                    c.issuer(),
                    new Client(
                            c,
                            c.localKeys() == null ? null : new ImmutableJWKSet<>(c.localKeys()),
                            Map.copyOf(remote)));
        }
    }

    /**
     * Fetches every allowlisted key set once, so that the first calls do not wait for them (after start-up; a key set
     * that cannot be fetched now is fetched again when a token needs it).
     */
    public void prefetchKeySets() {
        JWKSelector any = new JWKSelector(new JWKMatcher.Builder().build());
        for (Client client : clients.values()) {
            for (JWKSource<SecurityContext> source : client.jkuKeys().values()) {
                try {
                    source.get(any, null);
                } catch (KeySourceException | RuntimeException e) {
                    // reported when a call needs these keys
                }
            }
        }
    }

    /**
     * Checks the {@code Authorization} header of a call to {@code audience} (the exact URL called), whose token must
     * name that URL in {@code aud} (the report and other endpoints that are not CDS Hooks calls).
     *
     * @throws AuthenticationFailure with a reason for the log; the caller gets only 401
     */
    public Caller authenticate(String authorization, String audience) throws AuthenticationFailure {
        return authenticate(authorization, audience, false);
    }

    /**
     * As {@link #authenticate(String, String)} for a CDS Hooks call (discovery, a service, feedback), whose token may
     * instead name an {@code aud} the trust file lists for its client: an EHR where {@code aud} is set by hand.
     */
    public Caller authenticateCdsCall(String authorization, String audience) throws AuthenticationFailure {
        return authenticate(authorization, audience, true);
    }

    private Caller authenticate(String authorization, String audience, boolean configuredAudiences)
            throws AuthenticationFailure {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthenticationFailure(MISSING_TOKEN, "no Authorization header");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationFailure(MALFORMED_TOKEN, "Authorization is not a Bearer token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | IllegalArgumentException e) {
            throw new AuthenticationFailure(MALFORMED_TOKEN, "not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            // the caller's text goes to the log: only a name shaped like an algorithm's
            String alg =
                    header.getAlgorithm() == null ? "-" : header.getAlgorithm().getName();
            throw new AuthenticationFailure(
                    ALGORITHM_NOT_ACCEPTED,
                    "algorithm " + (alg.matches("[A-Za-z0-9]{1,16}") ? alg : "(not an algorithm name)")
                            + " is not accepted");
        }
        if (!JOSEObjectType.JWT.equals(header.getType())) {
            throw new AuthenticationFailure(MALFORMED_TOKEN, "typ is not JWT");
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw new AuthenticationFailure(MALFORMED_TOKEN, "no kid");
        }
        Client client = clients.get(claims.getIssuer());
        if (client == null) {
            throw new AuthenticationFailure(UNTRUSTED_ISSUER, "iss is not a trusted client");
        }
        verifySignature(jwt, header, keySource(client, header));
        return checkClaims(client, claims, audience, configuredAudiences);
    }

    private static JWKSource<SecurityContext> keySource(Client client, JWSHeader header) throws AuthenticationFailure {
        if (header.getJWKURL() != null) {
            if (client.trust().pinnedJku().contains(header.getJWKURL())) {
                return client.localKeys(); // pinned: the keys exchanged out of band, nothing fetched
            }
            JWKSource<SecurityContext> source = client.jkuKeys().get(header.getJWKURL());
            if (source == null) {
                throw new AuthenticationFailure(JKU_NOT_ALLOWED, "jku is not allowlisted for this iss");
            }
            return source;
        }
        if (client.localKeys() != null) {
            return client.localKeys();
        }
        if (client.jkuKeys().size() == 1) {
            return client.jkuKeys().values().iterator().next();
        }
        throw new AuthenticationFailure(JKU_NOT_ALLOWED, "no jku in the token, and no local keys for this iss");
    }

    private static void verifySignature(SignedJWT jwt, JWSHeader header, JWKSource<SecurityContext> source)
            throws AuthenticationFailure {
        List<JWK> keys;
        try {
            keys = source.get(
                    new JWKSelector(
                            new JWKMatcher.Builder().keyID(header.getKeyID()).build()),
                    null);
        } catch (KeySourceException e) {
            throw new AuthenticationFailure(KEYS_UNAVAILABLE, "the client's keys could not be obtained");
        }
        if (keys.isEmpty()) {
            throw new AuthenticationFailure(UNKNOWN_KID, "unknown kid");
        }
        JWSAlgorithm alg = header.getAlgorithm();
        JWK key = keys.get(0);
        String weak = KeyStrength.weakness(key);
        if (weak != null) {
            throw new AuthenticationFailure(UNUSABLE_KEY, "the key with this kid is too weak: " + weak);
        }
        try {
            JWSVerifier verifier;
            if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
                verifier = new RSASSAVerifier(rsa);
            } else if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
                verifier = new ECDSAVerifier(ec);
            } else {
                throw new AuthenticationFailure(UNUSABLE_KEY, "the key with this kid does not fit algorithm " + alg);
            }
            if (!jwt.verify(verifier)) {
                throw new AuthenticationFailure(BAD_SIGNATURE, "signature does not verify");
            }
        } catch (JOSEException e) {
            throw new AuthenticationFailure(BAD_SIGNATURE, "signature cannot be verified");
        }
    }

    private Caller checkClaims(Client client, JWTClaimsSet claims, String audience, boolean configuredAudiences)
            throws AuthenticationFailure {
        List<String> aud = claims.getAudience();
        if (aud == null
                || (!aud.contains(audience)
                        && !(configuredAudiences
                                && aud.stream().anyMatch(client.trust().audiences()::contains)))) {
            throw new AuthenticationFailure(
                    WRONG_AUDIENCE,
                    "aud is neither the URL called (" + audience + ") nor an" + " aud listed for this iss");
        }
        String clientId = client.trust().clientId();
        if (clientId != null && !clientId.equals(claims.getSubject())) {
            throw new AuthenticationFailure(
                    WRONG_SUBJECT, "sub is not the client id the trust file names for this" + " iss");
        }
        long now = System.currentTimeMillis();
        long skew = config.clockSkew().toMillis();
        Long exp = epochMillis(claims.getExpirationTime());
        Long iat = epochMillis(claims.getIssueTime());
        if (exp == null || iat == null) {
            throw new AuthenticationFailure(MISSING_CLAIM, "exp and iat are required");
        }
        if (exp + skew < now) {
            throw new AuthenticationFailure(EXPIRED, "expired");
        }
        if (iat - skew > now) {
            throw new AuthenticationFailure(NOT_YET_VALID, "iat is in the future");
        }
        Long nbf = epochMillis(claims.getNotBeforeTime());
        if (nbf != null && nbf - skew > now) {
            throw new AuthenticationFailure(NOT_YET_VALID, "nbf is in the future");
        }
        if (exp - now > config.maxTokenLifetime(client.trust()).toMillis() + skew) {
            throw new AuthenticationFailure(LIFETIME_TOO_LONG, "expires too far in the future");
        }
        String tenant;
        try {
            tenant = claims.getStringClaim("tenant");
        } catch (ParseException e) {
            throw new AuthenticationFailure(MALFORMED_TOKEN, "tenant is not a string");
        }
        List<String> tenants = client.trust().tenants();
        if (!tenants.isEmpty() && (tenant == null || !tenants.contains(tenant))) {
            throw new AuthenticationFailure(TENANT_NOT_ALLOWED, "tenant is not allowed for this iss");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new AuthenticationFailure(MISSING_CLAIM, "jti is required");
        }
        if (!replays.firstUse(claims.getIssuer(), jti, exp + skew, now)) {
            throw new AuthenticationFailure(REPLAY, "jti was already used (replay), or the replay cache is full");
        }
        if (ledger.record(claims.getIssuer(), jti, exp + skew) == ReplayLedger.Answer.SEEN) {
            throw new AuthenticationFailure(
                    REPLAY, "jti was already used at another replica or before a restart (replay)");
        }
        return new Caller(claims.getIssuer(), tenant, client.trust().fhirServers());
    }

    /** A claim's time as Nimbus gives it (a Date), in milliseconds since the epoch; null when absent. */
    private static Long epochMillis(Date time) {
        return time == null ? null : time.toInstant().toEpochMilli();
    }
}
