package dev.ampulla.http;

import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.Manifest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knowledge pack as discovery describes it: id, version and release date, developer, funding, editors and
 * approvers, and the sources it implements with their editions — the source attributes of decision support that
 * hospital CDS governance reviews (in the spirit of the US ONC HTI-1 decision support intervention attributes).
 */
final class KnowledgeAttributes {

    private KnowledgeAttributes() {}

    static Map<String, Object> of(KnowledgePack pack) {
        Manifest m = pack.manifest();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pack", m.id());
        out.put("title", m.title());
        out.put("version", m.version());
        out.put("releaseDate", m.date());
        out.put("status", m.status());
        out.put("developer", m.developer());
        out.put("funding", m.funding());
        out.put("editors", m.editors());
        out.put("approvers", m.approvers());
        out.put(
                "citations",
                m.sources().stream().map(KnowledgeAttributes::citation).toList());
        out.put("rules", "/knowledge");
        return out;
    }

    private static Map<String, String> citation(Manifest.Source s) {
        Map<String, String> c = new LinkedHashMap<>(4);
        c.put("id", s.id());
        c.put("title", s.title());
        c.put("edition", s.edition());
        return c;
    }
}
