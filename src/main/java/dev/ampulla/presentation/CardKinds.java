package dev.ampulla.presentation;

import dev.ampulla.cards.CardWriter;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.knowledge.pack.CardKind;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.RuleDefinition;
import java.util.List;
import java.util.Map;

/** Which per-call option covers a card, read from what the card says of itself: its rules and guideline extension. */
final class CardKinds {
    private final KnowledgePack pack;

    CardKinds(KnowledgePack pack) {
        this.pack = pack;
    }

    /** The option that turns this card off, or null when none does. */
    CallOption option(Card card) {
        Map<String, Object> extension = card.extension();
        if (extension == null) {
            return null;
        }
        if (extension.containsKey(CardWriter.GUIDELINE_EXTENSION)) {
            return CallOption.GUIDELINES;
        }
        RuleDefinition rule = firstRule(extension.get(CardWriter.RULES_EXTENSION));
        if (rule == null) {
            return null;
        }
        if (rule.group().name().equals("stage")) {
            return CallOption.STAGE;
        }
        CardKind kind = rule.group().cards();
        return kind == CardKind.DATA_CONFLICTS || kind == CardKind.DATA_ATTRIBUTION ? CallOption.DATA_QUALITY : null;
    }

    private RuleDefinition firstRule(Object rules) {
        if (rules instanceof List<?> ids && !ids.isEmpty()) {
            try {
                return pack.rule(String.valueOf(ids.get(0)));
            } catch (RuntimeException unknown) {
                return null;
            }
        }
        return null;
    }
}
