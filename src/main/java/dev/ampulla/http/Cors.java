package dev.ampulla.http;

import io.javalin.http.Context;
import java.util.List;

/**
 * CORS for browser-based CDS clients such as the public CDS Hooks sandbox: the preflight never needs a token, allows
 * the {@code Authorization} and {@code Content-Type} headers, and grants Private Network Access when asked (a public
 * page calling a service on a private address).
 */
final class Cors {
    private final List<String> allowedOrigins;
    private final boolean anyOrigin;

    Cors(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.anyOrigin = allowedOrigins.contains("*");
    }

    /** Adds CORS headers; answers a preflight completely and returns true so no other handler runs. */
    boolean apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !(anyOrigin || allowedOrigins.contains(origin))) {
            return false;
        }
        ctx.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        if (!anyOrigin) {
            ctx.header("Vary", "Origin");
        }
        boolean preflight =
                "OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null;
        if (!preflight) {
            return false;
        }
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        if ("true".equalsIgnoreCase(ctx.header("Access-Control-Request-Private-Network"))) {
            ctx.header("Access-Control-Allow-Private-Network", "true");
        }
        ctx.status(204);
        return true;
    }
}
