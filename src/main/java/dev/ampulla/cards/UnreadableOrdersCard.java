package dev.ampulla.cards;

import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CardSource;
import dev.ampulla.cdshooks.Coding;
import dev.ampulla.cdshooks.Indicator;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.Rule;
import java.util.List;
import java.util.Map;

/**
 * The card for draft orders whose code or medication is not valid FHIR R4 (R30): the call goes on with the other
 * orders, and this card names the ones that were not checked.
 */
public final class UnreadableOrdersCard {
    private final KnowledgeResources knowledge;

    public UnreadableOrdersCard(KnowledgeResources knowledge) {
        this.knowledge = knowledge;
    }

    public Card render(List<String> orders) {
        Rule rule = Rule.ORDER_NOT_READ;
        String summary = orders.size() == 1 ? "A draft order could not be read and was not checked"
                : orders.size() + " draft orders could not be read and were not checked";
        StringBuilder d = new StringBuilder("What names these orders (their code or medication, status or reasons)"
                + " is not valid FHIR R4, so Ampulla could not tell whether they are rectal-cancer treatment and made"
                + " no check of them. The other orders were checked as usual.\n\n");
        for (String order : orders) {
            d.append("- ").append(Markdown.escape(order)).append('\n');
        }
        d.append("\nRule ").append(rule.id()).append(" (").append(rule.source().name()).append(").");
        CardSource source = new CardSource(CardRenderer.SOURCE_LABEL, null,
                new Coding(CodeSystems.AMPULLA_CARD_TOPIC, rule.topic(), knowledge.topicDisplay(rule.topic())));
        return new Card(Uuids.timeOrdered(), summary, d.toString(), Indicator.INFO, source, null, null, List.of(),
                Map.of(CardRenderer.RULES_EXTENSION, List.of(rule.id())));
    }
}
