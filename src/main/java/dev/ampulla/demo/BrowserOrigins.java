package dev.ampulla.demo;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * CORS for the demo's FHIR server, so that a browser-based CDS client — the CDS Hooks sandbox, served by its public
 * site or locally — can read the example patients from it: the same origins as Ampulla's CDS endpoints, the preflight
 * answered here (HAPI's server would refuse {@code OPTIONS}), and Private Network Access granted when a public page
 * asks to reach this local server.
 */
final class BrowserOrigins implements Filter {
    private final List<String> allowed;
    private final boolean any;

    BrowserOrigins(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
        this.any = allowed.contains("*");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String origin = request.getHeader("Origin");
        if (origin == null || !(any || allowed.contains(origin))) {
            chain.doFilter(req, res);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", any ? "*" : origin);
        if (!any) {
            response.addHeader("Vary", "Origin");
        }
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
            response.setHeader("Access-Control-Allow-Headers", "Authorization, Accept, Content-Type");
            response.setHeader("Access-Control-Max-Age", "600");
            // to named origins only: "*" would let any page on the web reach this machine's server
            if (!any && "true".equalsIgnoreCase(request.getHeader("Access-Control-Request-Private-Network"))) {
                response.setHeader("Access-Control-Allow-Private-Network", "true");
            }
            response.setStatus(204);
            return;
        }
        response.setHeader("Access-Control-Expose-Headers", "Location, Content-Location, ETag");
        chain.doFilter(req, res);
    }
}
