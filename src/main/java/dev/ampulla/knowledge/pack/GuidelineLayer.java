package dev.ampulla.knowledge.pack;

import java.util.Set;

/**
 * Which guideline rules a deployment shows: the layer on or off, and optionally only some guideline sources (by
 * reference id) or card topics ({@code null}: all). The founding document's and Ampulla's own rules are never
 * affected.
 */
public record GuidelineLayer(boolean enabled, Set<String> sources, Set<String> topics) {

    public static final GuidelineLayer ALL = new GuidelineLayer(true, null, null);

    public GuidelineLayer {
        sources = sources == null ? null : Set.copyOf(sources);
        topics = topics == null ? null : Set.copyOf(topics);
    }

    /** Whether the layer shows this rule; rules of other sources than GL always are. */
    public boolean shows(RuleDefinition rule) {
        if (rule.guideline() == null) {
            return true;
        }
        return enabled
                && (topics == null || topics.contains(rule.topic()))
                && (sources == null
                        || sources.contains(rule.guideline().guideline().id()));
    }
}
