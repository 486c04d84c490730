package dev.ampulla.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.demo.ExampleCatalog;
import dev.ampulla.fhir.Fhir;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.fhir.PackFhirExport;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.service.RectalCancerAdvisor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The card viewer: a static page ({@code /}) that sends hooks to this server as an EHR would and shows the cards,
 * and the example patients and draft orders it offers ({@code /examples}). For its timeline and pathway diagram it
 * reads an example's case as Ampulla assessed it ({@code /viewer/case/{slug}?orders=order-1,order-2}, see
 * {@link CaseTimeline}) and the pathway of the knowledge pack ({@code /viewer/knowledge}, see
 * {@link ViewerKnowledge}); like {@code /examples} they hold only the packaged synthetic examples and the pack. The
 * page is plain HTML, CSS and JavaScript from the class path; a strict Content-Security-Policy keeps anything but its
 * own script from running.
 */
final class Viewer {
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "viewer.js", "text/javascript; charset=utf-8",
            "viewer.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, byte[]> files;
    private final String fhirServer;
    private volatile ExampleCatalog examples;
    private volatile byte[] catalog;
    private final Map<String, String> segmentWords;
    private final KnowledgePack pack;
    private final ExampleCase exampleCase;
    private volatile byte[] knowledge;

    /**
     * @param examples the examples offered, or null to read the packaged ones on first use (not at start-up)
     * @param fhirServer the FHIR server the viewer may name in hook calls (the demo's), or null
     * @param advisor the services' advisor, whose assessment of an example the timeline shows
     * @param clock what "today" is, the date of the draft orders on the timeline
     */
    Viewer(
            ExampleCatalog examples,
            String fhirServer,
            Map<String, String> segmentWords,
            KnowledgePack pack,
            RectalCancerAdvisor advisor,
            Clock clock) {
        this.examples = examples;
        this.fhirServer = fhirServer;
        this.segmentWords = Map.copyOf(segmentWords);
        this.pack = pack;
        this.exampleCase = new ExampleCase(advisor, new CaseTimeline(pack), clock);
        Map<String, byte[]> loaded = new java.util.HashMap<>();
        FILES.keySet().forEach(name -> loaded.put(name, read(name)));
        this.files = Map.copyOf(loaded);
    }

    private ExampleCatalog examples() {
        ExampleCatalog e = examples;
        if (e == null) {
            synchronized (this) {
                if (examples == null) {
                    examples = ExampleCatalog.packaged();
                }
                e = examples;
            }
        }
        return e;
    }

    private byte[] catalog() {
        byte[] c = catalog;
        if (c == null) {
            c = examples().toJson(fhirServer, segmentWords);
            catalog = c;
        }
        return c;
    }

    void addRoutes(RoutesConfig routes) {
        routes.get("/", ctx -> file(ctx, "index.html"));
        // before /viewer/{file}, which would take its name for a file's
        routes.get(
                "/viewer/knowledge", ctx -> ctx.contentType("application/json").result(knowledge()));
        routes.get("/viewer/{file}", ctx -> file(ctx, ctx.pathParam("file")));
        // browsers ask for /favicon.ico whatever the page links; an SVG answers them all
        routes.get("/favicon.ico", ctx -> file(ctx, "favicon.svg"));
        routes.get("/examples", ctx -> ctx.contentType("application/json").result(catalog()));
        routes.get("/examples/patients/{slug}", this::patient);
        routes.get("/viewer/case/{slug}", this::exampleCase);
    }

    /** Built on first request, as /knowledge/fhir is: the export encodes every rule of the pack. */
    private byte[] knowledge() {
        byte[] k = knowledge;
        if (k == null) {
            k = json(ViewerKnowledge.of(
                    pack, PackFhirExport.of(pack, KnowledgeResources.load(Fhir.context(), pack.source()))));
            knowledge = k;
        }
        return k;
    }

    private void exampleCase(Context ctx) {
        ExampleCatalog.Patient p = examples().patient(ctx.pathParam("slug"));
        if (p == null) {
            throw new dev.ampulla.cdshooks.CdsProtocolException(404, "not-found", "No example patient by that name.");
        }
        // the catalog's draft orders by id, made draft-1, draft-2… in the order named, as the viewer sends them
        List<ExampleCatalog.DraftOrder> orders = new ArrayList<>();
        String ids = ctx.queryParam("orders");
        String[] named = ids == null || ids.isBlank() ? new String[0] : ids.split(",");
        if (named.length > examples().draftOrders().size()) {
            throw dev.ampulla.cdshooks.CdsProtocolException.badRequest(
                    "too-costly", "More draft orders named than the examples hold.");
        }
        for (String id : named) {
            ExampleCatalog.DraftOrder order = examples().draftOrders().stream()
                    .filter(o -> o.id().equals(id.trim()))
                    .findFirst()
                    .orElseThrow(() -> dev.ampulla.cdshooks.CdsProtocolException.badRequest(
                            "value", "No example draft order by that id; see GET /examples."));
            orders.add(order);
        }
        ctx.contentType("application/json").result(json(exampleCase.of(p, orders)));
    }

    private static byte[] json(ObjectNode node) {
        try {
            return CdsJson.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void file(Context ctx, String name) {
        byte[] body = files.get(name);
        if (body == null) {
            throw new dev.ampulla.cdshooks.CdsProtocolException(404, "not-found", "No such file.");
        }
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.contentType(FILES.get(name)).result(body);
    }

    private void patient(Context ctx) {
        ExampleCatalog.Patient p = examples().patient(ctx.pathParam("slug"));
        if (p == null) {
            throw new dev.ampulla.cdshooks.CdsProtocolException(404, "not-found", "No example patient by that name.");
        }
        ctx.contentType("application/fhir+json").result(p.bundle());
    }

    private static byte[] read(String name) {
        try (InputStream in = Viewer.class.getResourceAsStream("/viewer/" + name)) {
            if (in == null) {
                throw new IllegalStateException("viewer file missing from the build: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
