package dev.ampulla.security;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The trusted CDS clients, from the trust file (JSON; reference in docs/security.md). Each client is identified by
 * its JWT {@code iss} and has keys — from allowlisted {@code jku} URLs, a local JWKS file, or inline — and the FHIR
 * server bases it may send as {@code fhirServer}, and optionally the {@code tenant}s it may claim.
 */
public record TrustConfig(List<TrustedClient> clients, Duration clockSkew, Duration maxTokenLifetime,
        int replayCacheSize) {

    /** One trusted client. {@code localKeys} is null when keys come only from {@code jku}. */
    public record TrustedClient(String issuer, List<URI> jkuAllowlist, JWKSet localKeys, List<String> fhirServers,
            List<String> tenants) {
    }

    /**
     * Reads and checks a trust file.
     *
     * @throws IllegalArgumentException saying what is wrong, for the start-up message
     */
    public static TrustConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(unreadable(file, e), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            // the location only: the parser's message can quote the file's content
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("trust file " + file + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        }
        if (root == null || !root.path("clients").isArray() || root.get("clients").isEmpty()) {
            throw new IllegalArgumentException("trust file " + file + " must list at least one client in \"clients\"");
        }
        List<TrustedClient> clients = new ArrayList<>();
        Set<String> issuers = new HashSet<>();
        for (JsonNode c : root.get("clients")) {
            String iss = c.path("iss").asText("");
            if (iss.isBlank() || !issuers.add(iss)) {
                throw new IllegalArgumentException("trust file: every client needs a distinct \"iss\"");
            }
            List<URI> jku = new ArrayList<>();
            for (JsonNode u : c.path("jku")) {
                URI uri = URI.create(u.asText());
                boolean loopbackHttp = "http".equals(uri.getScheme()) && isLoopback(uri.getHost());
                if (!"https".equals(uri.getScheme()) && !loopbackHttp) {
                    throw new IllegalArgumentException("trust file: jku of " + iss + " must be an https URL (plain"
                            + " http only on loopback, for development): keys fetched over http can be replaced"
                            + " on the way");
                }
                jku.add(uri);
            }
            JWKSet keys = localKeys(c, file.toAbsolutePath().getParent(), iss);
            if (keys != null) {
                for (var key : keys.getKeys()) {
                    String weak = KeyStrength.weakness(key);
                    if (weak != null) {
                        throw new IllegalArgumentException("trust file: key " + key.getKeyID() + " of " + iss
                                + " is too weak: " + weak);
                    }
                }
            }
            if (jku.isEmpty() && keys == null) {
                throw new IllegalArgumentException("trust file: client " + iss
                        + " needs keys: \"jku\", \"jwksFile\" or \"jwks\"");
            }
            List<String> fhirServers = new ArrayList<>();
            for (JsonNode f : c.path("fhirServers")) {
                String base = f.asText();
                Caller.normalise(base); // fails early on a malformed URL
                fhirServers.add(base);
            }
            List<String> tenants = new ArrayList<>();
            c.path("tenants").forEach(t -> tenants.add(t.asText()));
            clients.add(new TrustedClient(iss, List.copyOf(jku), keys, List.copyOf(fhirServers),
                    List.copyOf(tenants)));
        }
        return new TrustConfig(List.copyOf(clients),
                Duration.ofSeconds(root.path("clockSkewSeconds").asLong(60)),
                Duration.ofSeconds(root.path("maxTokenLifetimeSeconds").asLong(3600)),
                root.path("replayCacheSize").asInt(100_000));
    }

    /** One line saying why the file could not be read. */
    private static String unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "trust file " + file + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "trust file " + file + " cannot be read: permission denied";
        }
        if (Files.isDirectory(file)) {
            return "trust file " + file + " is a directory, not a file";
        }
        if (e instanceof MalformedInputException) {
            return "trust file " + file + " is not UTF-8 text";
        }
        return "cannot read trust file " + file + ": " + e.getClass().getSimpleName();
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.equals("::1") || h.startsWith("127.");
    }

    private static JWKSet localKeys(JsonNode client, Path dir, String iss) {
        try {
            if (client.hasNonNull("jwks")) {
                return JWKSet.parse(client.get("jwks").toString()).toPublicJWKSet();
            }
            if (client.hasNonNull("jwksFile")) {
                return JWKSet.load(dir.resolve(client.get("jwksFile").asText()).toFile()).toPublicJWKSet();
            }
            return null;
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalArgumentException("trust file: keys of " + iss + " cannot be read: " + e.getMessage(),
                    e);
        }
    }
}
