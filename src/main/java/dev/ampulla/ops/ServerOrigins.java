package dev.ampulla.ops;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A FHIR server as a metric label: its origin only ({@code https://fhir.hospital.example:443}), never a path, query or
 * patient. In open development mode callers may name any server, so the labels are bounded: past the first
 * {@link #MAX_ORIGINS}, every new origin counts as {@code other}.
 */
final class ServerOrigins {
    static final int MAX_ORIGINS = 50;
    static final String OTHER = "other";

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    String label(URI base) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !(scheme.equals("http") || scheme.equals("https"))) {
            return OTHER;
        }
        int port = base.getPort() != -1 ? base.getPort() : scheme.equals("https") ? 443 : 80;
        String origin =
                scheme + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        if (seen.contains(origin) || (seen.size() < MAX_ORIGINS && seen.add(origin))) {
            return origin;
        }
        return OTHER;
    }
}
