package dev.ampulla.knowledge.pack;

import java.util.List;

/**
 * How the rules of one group combine: {@code atMostOne} — never two at once (unless one folds the other);
 * {@code requiredWhen} — where one of these holds, one rule of the group must apply; {@code warningsFirst} — its
 * warnings are shown before other warnings.
 */
public record RuleGroup(
        String name,
        String about,
        CardKind cards,
        boolean atMostOne,
        List<Condition> requiredWhen,
        int order,
        boolean warningsFirst) {}
