package dev.ampulla.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Who is calling: a trusted CDS client identified by its JWT {@code iss}, or anyone in open development mode.
 * It decides which FHIR server bases may be contacted for the call.
 */
public record Caller(String issuer, String tenant, List<String> fhirServers) {

    /** Open development mode: no authentication, any {@code fhirServer} (still subject to {@link NetworkPolicy}). */
    public static final Caller OPEN = new Caller(null, null, null);

    public boolean isOpen() {
        return issuer == null;
    }

    /** Trusted clients may only name the FHIR server bases bound to them in the trust file. */
    public boolean mayUseFhirServer(URI base) {
        if (isOpen()) {
            return true;
        }
        String wanted = normalise(base.toString());
        return fhirServers.stream().anyMatch(allowed -> normalise(allowed).equals(wanted));
    }

    static String normalise(String url) {
        URI u = URI.create(url.trim());
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int port = u.getPort() != -1 ? u.getPort() : ("https".equalsIgnoreCase(u.getScheme()) ? 443 : 80);
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port
                + path;
    }
}
