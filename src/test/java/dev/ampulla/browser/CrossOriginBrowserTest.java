package dev.ampulla.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ampulla.Application;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import dev.ampulla.support.TrustedClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A browser-based CDS client on another origin, as the public CDS Hooks sandbox is: a page served from
 * 127.0.0.1:<one port> calls Ampulla at localhost:<another port>, which requires client JWTs. Chromium sends the
 * CORS preflight for the Authorization header itself, so this proves Ampulla's CORS answers satisfy a real browser.
 */
class CrossOriginBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";
    private static final String EXPECTED_CARDS = "Rectal cancer stage IVA (clinical, AJCC 8th): cT3 cN1 cM1a"
            + " | Stage IVA, resectable: 3 founding-document treatment options"
            + " | No MMR/MSI result: test the tumour before treatment (guideline)"
            + " | Stage IVA: record RAS, BRAF, MMR/MSI and HER2 before first-line treatment (guideline)";

    /** The client page: its script is a separate file, and it reads what to send from /config.json. */
    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>CDS client on another origin</title>
            <script src="/client.js" defer></script></head>
            <body><h1>CDS client</h1><div id="out"></div></body></html>
            """;

    private static final String SCRIPT = """
            "use strict";
            function show(id, text) {
              const p = document.createElement("p");
              p.id = id;
              p.textContent = text;
              document.getElementById("out").append(p);
            }
            function bearer(token) {
              return token ? { Authorization: "Bearer " + token } : {};
            }
            function diagnostics(body) {
              return body && body.issue ? body.issue[0].diagnostics : JSON.stringify(body);
            }
            async function run() {
              const config = await (await fetch("/config.json")).json();
              try {
                const r = await fetch(config.ampulla + "/cds-services", { headers: bearer(config.discoveryToken) });
                const body = await r.json();
                show("discovery", r.status + " " + (r.ok ? body.services.length + " services" : diagnostics(body)));
              } catch (e) {
                show("discovery", "blocked: " + e.message);
              }
              try {
                const r = await fetch(config.ampulla + "/cds-services/rectal-cancer-pathways", {
                  method: "POST",
                  headers: Object.assign({ "Content-Type": "application/json" }, bearer(config.hookToken)),
                  body: JSON.stringify(config.request),
                });
                const body = await r.json();
                show("hook", r.status + " " + (r.ok ? body.cards.map((c) => c.summary).join(" | ") : diagnostics(body)));
              } catch (e) {
                show("hook", "blocked: " + e.message);
              }
              // A control: a server that sends no CORS headers must be unreadable from this page.
              try {
                const r = await fetch(config.withoutCors);
                show("control", "readable " + r.status);
              } catch (e) {
                show("control", "blocked: " + e.message);
              }
              document.body.dataset.done = "true";
            }
            run();
            """;

    private static TrustedClients clients;
    private static Application ampulla;
    private static HttpServer clientSite;
    private static HeadlessChromium chromium;
    private static final AtomicReference<byte[]> CONFIG = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        // No FHIR server is contacted: the hook carries all its data as prefetch.
        clients = new TrustedClients("https://fhir.example.test/r4");
        clientSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // the client's origin is allowed as an operator would allow the EHR's
        ampulla = TestServer.startWith(Map.of(
                "trust-file",
                clients.trustFile.toString(),
                "cors-origins",
                "http://127.0.0.1:" + clientSite.getAddress().getPort()));
        clientSite.createContext("/", exchange -> {
            switch (exchange.getRequestURI().getPath()) {
                case "/" -> respond(exchange, "text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8));
                case "/client.js" ->
                    respond(exchange, "text/javascript; charset=utf-8", SCRIPT.getBytes(StandardCharsets.UTF_8));
                case "/config.json" -> respond(exchange, "application/json", CONFIG.get());
                default -> {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                }
            }
        });
        clientSite.start();
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (clientSite != null) {
                clientSite.stop(0);
            }
            if (ampulla != null) {
                ampulla.close();
            }
            if (clients != null) {
                clients.close();
            }
        }
    }

    private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** Ampulla as the page addresses it: by name, so its origin differs from the page's (127.0.0.1). */
    private static String ampullaBase() {
        return "http://localhost:" + ampulla.port();
    }

    private static String clientOrigin() {
        return "http://127.0.0.1:" + clientSite.getAddress().getPort();
    }

    /** Loads the client page with this configuration; returns what it showed, by line id. */
    private static Map<String, String> runClient(boolean withTokens) throws Exception {
        ObjectNode config = JSON.createObjectNode();
        config.put("ampulla", ampullaBase());
        if (withTokens) {
            // The aud of each token is the exact URL called, as CDS Hooks 2.0 requires.
            config.put("discoveryToken", clients.ehrToken(ampullaBase() + "/cds-services"));
            config.put("hookToken", clients.ehrToken(ampullaBase() + HOOK));
        }
        config.set(
                "request", JSON.readTree(Examples.read(Examples.patientViewRequest("09-stage-iva-resectable-lower"))));
        config.put("withoutCors", clients.jku().toString());
        CONFIG.set(JSON.writeValueAsBytes(config));

        chromium.driver.get(clientOrigin() + "/");
        chromium.waitUpTo(15)
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-done")));
        assertNotEquals(
                URI.create(clientOrigin()).getAuthority(),
                URI.create(ampullaBase()).getAuthority());
        return Map.of(
                "discovery", chromium.driver.findElement(By.id("discovery")).getText(),
                "hook", chromium.driver.findElement(By.id("hook")).getText(),
                "control", chromium.driver.findElement(By.id("control")).getText());
    }

    @Test
    void aPageOnAnotherOriginCallsAmpullaWithAClientJwt() throws Exception {
        Map<String, String> shown = runClient(true);
        assertEquals("200 3 services", shown.get("discovery"));
        assertEquals("200 " + EXPECTED_CARDS, shown.get("hook"));
        assertTrue(shown.get("control").startsWith("blocked: "), "the browser enforces CORS: " + shown);
        chromium.screenshot("cross-origin-client.png");
    }

    @Test
    void withoutATokenThePageReadsAmpullasRefusal() throws Exception {
        Map<String, String> shown = runClient(false);
        assertEquals("401 Authentication failed.", shown.get("discovery"));
        assertEquals("401 Authentication failed.", shown.get("hook"));
        assertTrue(shown.get("control").startsWith("blocked: "), "the browser enforces CORS: " + shown);
    }
}
