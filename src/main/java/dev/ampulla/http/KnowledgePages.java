package dev.ampulla.http;

import dev.ampulla.fhir.Fhir;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.fhir.PackFhirExport;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.Manifest;
import dev.ampulla.knowledge.pack.Quote;
import dev.ampulla.knowledge.pack.RuleDefinition;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Human-readable pages about the knowledge pack the service runs: {@code /knowledge} (what the pack is, its rules)
 * and {@code /knowledge/rules/{id}} (one rule: its conditions in words, its statements with their sources, its
 * version), which every card's {@code source.url} names, and {@code /knowledge/fhir}, the pack as a FHIR R4 Bundle
 * ({@link PackFhirExport}). They hold no patient data.
 */
final class KnowledgePages {
    private final KnowledgePack pack;
    private final Map<String, String> rulePages = new LinkedHashMap<>();
    private final String index;
    private volatile String fhirBundle;

    KnowledgePages(KnowledgePack pack) {
        this.pack = pack;
        for (RuleDefinition rule : pack.rules()) {
            rulePages.put(rule.id(), rulePage(rule));
        }
        this.index = index();
    }

    /** Built on first request: encoding some sixty resources would lengthen every start for a page few open. */
    private String fhirBundle() {
        String bundle = fhirBundle;
        if (bundle == null) {
            bundle = Fhir.context()
                    .newJsonParser()
                    .setPrettyPrint(true)
                    .encodeResourceToString(
                            PackFhirExport.of(pack, KnowledgeResources.load(Fhir.context(), pack.source())));
            fhirBundle = bundle;
        }
        return bundle;
    }

    void addRoutes(RoutesConfig routes) {
        routes.get("/knowledge", ctx -> html(ctx, index));
        routes.get(
                "/knowledge/fhir",
                ctx -> ctx.contentType("application/fhir+json").result(fhirBundle()));
        routes.get("/knowledge/rules/{id}", ctx -> {
            String page = rulePages.get(ctx.pathParam("id"));
            if (page == null) {
                ctx.status(404);
                html(
                        ctx,
                        page(
                                "Unknown rule",
                                "<p>The knowledge pack " + esc(pack.version())
                                        + " has no such rule. <a href=\"/knowledge\">All rules</a></p>"));
            } else {
                html(ctx, page);
            }
        });
    }

    private static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private String index() {
        Manifest m = pack.manifest();
        StringBuilder b = new StringBuilder();
        b.append("<p>")
                .append(esc(m.title()))
                .append(", version <strong>")
                .append(esc(m.version()))
                .append("</strong> of ")
                .append(esc(m.date()))
                .append(" (")
                .append(esc(m.status()))
                .append(").</p>");
        b.append("<dl><dt>Developer</dt><dd>")
                .append(esc(m.developer()))
                .append("</dd><dt>Funding</dt><dd>")
                .append(esc(m.funding()))
                .append("</dd><dt>Editors</dt><dd>")
                .append(esc(String.join("; ", m.editors())))
                .append("</dd><dt>Approved by</dt><dd>")
                .append(esc(String.join("; ", m.approvers())))
                .append("</dd></dl>")
                .append("<p>As FHIR R4: <a href=\"/knowledge/fhir\">a Bundle</a> of a Library carrying the version,")
                .append(" a PlanDefinition per pathway rule, the stage IV option PlanDefinitions, the CodeSystems and")
                .append(" the code sets as ValueSets.</p><h2>Sources</h2><ul>");
        for (Manifest.Source s : m.sources()) {
            b.append("<li><strong>")
                    .append(esc(s.id()))
                    .append("</strong> ")
                    .append(esc(s.title()))
                    .append(", edition ")
                    .append(esc(s.edition()))
                    .append(": ")
                    .append(esc(s.use()))
                    .append("</li>");
        }
        b.append("</ul><h2>Rules</h2><ul>");
        for (RuleDefinition rule : pack.rules()) {
            b.append("<li><a href=\"/knowledge/rules/")
                    .append(esc(rule.id()))
                    .append("\">")
                    .append(esc(rule.id()))
                    .append("</a> ")
                    .append(esc(rule.title()))
                    .append("</li>");
        }
        return page("Ampulla knowledge pack", b.append("</ul>").toString());
    }

    private String rulePage(RuleDefinition rule) {
        StringBuilder b = new StringBuilder();
        b.append("<p>Rule <strong>")
                .append(esc(rule.id()))
                .append("</strong> of the knowledge pack ")
                .append(esc(pack.manifest().id()))
                .append(" version ")
                .append(esc(pack.version()))
                .append(" (")
                .append(esc(pack.manifest().date()))
                .append("). Source: ")
                .append(esc(source(rule.source())))
                .append(". Card topic <code>")
                .append(esc(rule.topic()))
                .append("</code>, ")
                .append(esc(rule.indicator()))
                .append(", for ")
                .append(esc(String.join(", ", rule.hooks())))
                .append(".</p><h2>When it applies</h2>");
        if (rule.when() == null) {
            b.append("<p>Decided while reading the record (not from findings).</p>");
        } else {
            b.append("<ul>");
            for (var e : rule.when().allowed().entrySet()) {
                List<String> words = new ArrayList<>();
                for (String v : e.getValue()) {
                    words.add(pack.words(e.getKey(), v).words());
                }
                b.append("<li>")
                        .append(esc(about(e.getKey())))
                        .append(": ")
                        .append(esc(String.join(" or ", words)))
                        .append("</li>");
            }
            b.append("</ul>");
        }
        if (!rule.folds().isEmpty()) {
            b.append("<p>When ")
                    .append(esc(String.join(", ", rule.folds())))
                    .append(" applies too, its advice is given on this card.</p>");
        }
        if (!rule.quotes().isEmpty()) {
            b.append("<h2>What it applies</h2>");
            for (Quote q : rule.quotes()) {
                b.append("<blockquote><strong>")
                        .append(esc(q.id()))
                        .append("</strong> (")
                        .append(esc(source(q.statement().source())))
                        .append(") ")
                        .append(esc(q.text()))
                        .append("</blockquote>");
            }
        }
        if (!rule.overrideReasons().isEmpty()) {
            b.append("<p>Override reasons offered: ")
                    .append(esc(String.join(", ", rule.overrideReasons())))
                    .append(".</p>");
        }
        b.append("<h2>Card texts</h2><p>Summary:</p><pre>")
                .append(esc(rule.summary().source()))
                .append("</pre><p>Detail:</p><pre>")
                .append(esc(rule.detail().source()))
                .append("</pre>")
                .append("<p><a href=\"/knowledge\">All rules</a></p>");
        return page(rule.id() + ": " + rule.title(), b.toString());
    }

    private String about(Finding f) {
        return f.key().replace('-', ' ');
    }

    private String source(String id) {
        return pack.manifest().sources().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .map(s -> s.title() + " (" + id + ", edition " + s.edition() + ")")
                .orElse(id);
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;"
                + "padding:0 1rem;line-height:1.5}pre{white-space:pre-wrap;background:#f4f4f4;padding:.5rem}"
                + "blockquote{border-left:3px solid #999;margin-left:0;padding-left:1rem}</style></head><body><h1>"
                + esc(title) + "</h1>" + body + "</body></html>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
