package dev.ampulla.security;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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
 * its JWT {@code iss} and has keys — from allowlisted {@code jku} URLs, a local JWKS file, or inline (which may stand
 * for {@code jku} URLs it sends: pinned, never fetched) — and the FHIR server bases it may send as {@code fhirServer},
 * and optionally the {@code tenant}s it may claim, the {@code aud} values it sends, its client id ({@code sub}) and a
 * shorter or longer token lifetime than the file's.
 */
public record TrustConfig(
        List<TrustedClient> clients, Duration clockSkew, Duration maxTokenLifetime, int replayCacheSize) {

    /**
     * One trusted client. {@code localKeys} is null when keys come only from {@code jku}; {@code pinnedJku} are
     * {@code jku} URLs its tokens name whose keys are the local ones; {@code audiences} are {@code aud} values it may
     * send besides the URL called; {@code clientId} (or null) is the {@code sub} its tokens must carry;
     * {@code maxTokenLifetime} (or null) replaces the file's.
     */
    public record TrustedClient(
            String issuer,
            List<URI> jkuAllowlist,
            JWKSet localKeys,
            List<String> fhirServers,
            List<String> tenants,
            List<URI> pinnedJku,
            List<String> audiences,
            String clientId,
            Duration maxTokenLifetime) {

        public TrustedClient(
                String issuer,
                List<URI> jkuAllowlist,
                JWKSet localKeys,
                List<String> fhirServers,
                List<String> tenants) {
            this(issuer, jkuAllowlist, localKeys, fhirServers, tenants, List.of(), List.of(), null, null);
        }
    }

    private static final Set<String> FILE_MEMBERS =
            Set.of("clients", "clockSkewSeconds", "maxTokenLifetimeSeconds", "replayCacheSize");
    private static final Set<String> CLIENT_MEMBERS = Set.of(
            "iss",
            "jku",
            "jwksFile",
            "jwks",
            "pinnedJku",
            "fhirServers",
            "tenants",
            "aud",
            "clientId",
            "maxTokenLifetimeSeconds");
    /** A day: the longest lifetime a trust file may allow (Da Vinci CRD clients send day-long tokens). */
    private static final long LONGEST_LIFETIME_SECONDS = 86_400;

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
            throw new IllegalArgumentException(
                    "trust file " + file + " is not valid JSON"
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("trust file " + file + " must be a JSON object");
        }
        refuseUnknownMembers(root, FILE_MEMBERS, "trust file");
        if (!root.path("clients").isArray() || root.get("clients").isEmpty()) {
            throw new IllegalArgumentException("trust file " + file + " must list at least one client in \"clients\"");
        }
        List<TrustedClient> clients = new ArrayList<>();
        Set<String> issuers = new HashSet<>();
        for (JsonNode c : root.get("clients")) {
            if (!c.isObject()) {
                throw new IllegalArgumentException("trust file: every entry of \"clients\" must be a JSON object");
            }
            String iss = c.path("iss").asText("");
            if (iss.isBlank() || !issuers.add(iss)) {
                throw new IllegalArgumentException("trust file: every client needs a distinct \"iss\"");
            }
            refuseUnknownMembers(c, CLIENT_MEMBERS, "trust file: client " + iss);
            List<URI> jku = new ArrayList<>();
            for (String u : strings(c, "jku", iss)) {
                URI uri = url(u, iss, "jku");
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
                        throw new IllegalArgumentException(
                                "trust file: key " + key.getKeyID() + " of " + iss + " is too weak: " + weak);
                    }
                }
            }
            if (jku.isEmpty() && keys == null) {
                throw new IllegalArgumentException(
                        "trust file: client " + iss + " needs keys: \"jku\", \"jwksFile\" or \"jwks\"");
            }
            List<URI> pinned = new ArrayList<>();
            for (String u : strings(c, "pinnedJku", iss)) {
                URI uri = url(u, iss, "pinnedJku");
                if (keys == null) {
                    throw new IllegalArgumentException("trust file: client " + iss + " pins \"pinnedJku\" to local"
                            + " keys, so it needs \"jwksFile\" or \"jwks\"");
                }
                if (jku.contains(uri)) {
                    throw new IllegalArgumentException("trust file: client " + iss + " lists " + uri + " both in"
                            + " \"jku\" (fetched) and in \"pinnedJku\" (never fetched); keep one");
                }
                pinned.add(uri);
            }
            List<String> audiences = strings(c, "aud", iss);
            String clientId = null;
            if (c.has("clientId")) {
                if (!c.get("clientId").isTextual() || c.get("clientId").asText().isBlank()) {
                    throw new IllegalArgumentException("trust file: \"clientId\" of " + iss + " must be a string");
                }
                clientId = c.get("clientId").asText();
            }
            Duration lifetime = c.has("maxTokenLifetimeSeconds")
                    ? seconds(
                            c.get("maxTokenLifetimeSeconds"),
                            "maxTokenLifetimeSeconds of " + iss,
                            1,
                            LONGEST_LIFETIME_SECONDS)
                    : null;
            List<String> fhirServers = new ArrayList<>();
            for (String base : strings(c, "fhirServers", iss)) {
                Caller.normalise(base); // fails early on a malformed URL
                fhirServers.add(base);
            }
            List<String> tenants = strings(c, "tenants", iss);
            clients.add(new TrustedClient(
                    iss,
                    List.copyOf(jku),
                    keys,
                    List.copyOf(fhirServers),
                    List.copyOf(tenants),
                    List.copyOf(pinned),
                    List.copyOf(audiences),
                    clientId,
                    lifetime));
        }
        return new TrustConfig(
                List.copyOf(clients),
                root.has("clockSkewSeconds")
                        ? seconds(root.get("clockSkewSeconds"), "clockSkewSeconds", 0, 600)
                        : Duration.ofSeconds(60),
                root.has("maxTokenLifetimeSeconds")
                        ? seconds(
                                root.get("maxTokenLifetimeSeconds"),
                                "maxTokenLifetimeSeconds",
                                1,
                                LONGEST_LIFETIME_SECONDS)
                        : Duration.ofSeconds(3600),
                root.has("replayCacheSize")
                        ? (int) wholeNumber(root.get("replayCacheSize"), "replayCacheSize", 1, 10_000_000)
                        : 100_000);
    }

    /** The longest lifetime this client's tokens may have. */
    public Duration maxTokenLifetime(TrustedClient client) {
        return client.maxTokenLifetime() != null ? client.maxTokenLifetime() : maxTokenLifetime;
    }

    /**
     * A list member: an array of non-blank strings, or absent (empty). A single string would otherwise read as an
     * empty list — for {@code tenants}, as no tenant check at all.
     */
    private static List<String> strings(JsonNode client, String member, String iss) {
        JsonNode list = client.get(member);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("trust file: \"" + member + "\" of " + iss + " must be a list"
                    + " ([\"...\"]), got " + list.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new IllegalArgumentException(
                        "trust file: \"" + member + "\" of " + iss + " must list" + " non-empty strings");
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    /** A typo such as {@code "jwksfile"} would otherwise be ignored and leave a client without the keys meant. */
    private static void refuseUnknownMembers(JsonNode node, Set<String> known, String where) {
        for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown member \"" + name + "\" (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static Duration seconds(JsonNode value, String name, long min, long max) {
        return Duration.ofSeconds(wholeNumber(value, name, min, max));
    }

    private static long wholeNumber(JsonNode value, String name, long min, long max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw new IllegalArgumentException("trust file: \"" + name + "\" must be a whole number from " + min
                    + " to " + max + ", got " + value);
        }
        return value.asLong();
    }

    private static URI url(String text, String iss, String member) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an absolute URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "trust file: \"" + member + "\" of " + iss + " holds '" + text + "', which is not an absolute URL");
        }
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
                return JWKSet.load(dir.resolve(client.get("jwksFile").asText()).toFile())
                        .toPublicJWKSet();
            }
            return null;
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalArgumentException("trust file: keys of " + iss + " cannot be read: " + e.getMessage(), e);
        }
    }
}
