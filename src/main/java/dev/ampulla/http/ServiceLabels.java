package dev.ampulla.http;

import dev.ampulla.ops.Metrics;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;

/**
 * The {@code service} label of a call's metrics and log lines, from its path: a CDS service id (for its hook calls and
 * its feedback), {@code discovery}, or {@code other} for an id no service has — a fixed set, whatever callers send.
 */
final class ServiceLabels {
    static final String OTHER = "other";
    private static final String PREFIX = "/cds-services";

    private final Set<String> serviceIds;

    ServiceLabels(Set<String> serviceIds) {
        this.serviceIds = Set.copyOf(serviceIds);
    }

    String of(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (p.equals(PREFIX)) {
            return Metrics.DISCOVERY;
        }
        if (!p.startsWith(PREFIX + "/")) {
            return OTHER;
        }
        String rest = p.substring(PREFIX.length() + 1);
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        return serviceIds.contains(id) ? id : OTHER;
    }

    /** The service a call is a hook call of ({@code POST /cds-services/{id}}), or null. */
    String hookService(Context ctx) {
        if (!ctx.method().equals(HandlerType.POST)) {
            return null;
        }
        String p = ctx.path().endsWith("/") ? ctx.path().substring(0, ctx.path().length() - 1) : ctx.path();
        String id = p.startsWith(PREFIX + "/") ? p.substring(PREFIX.length() + 1) : "";
        return serviceIds.contains(id) ? id : null;
    }
}
