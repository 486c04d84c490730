package dev.ampulla.cards;

import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CardSource;
import dev.ampulla.cdshooks.Coding;
import dev.ampulla.cdshooks.Indicator;
import dev.ampulla.extraction.UncheckedOrder;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.Rule;
import java.util.List;
import java.util.Map;

/**
 * The card for draft orders Ampulla could not check (R30): what names them is not valid FHIR R4, or the Medication
 * they refer to could not be had. The call goes on with the other orders, and this card names these, each with why.
 */
public final class UnreadableOrdersCard {
    private final KnowledgeResources knowledge;

    public UnreadableOrdersCard(KnowledgeResources knowledge) {
        this.knowledge = knowledge;
    }

    public Card render(List<UncheckedOrder> orders) {
        Rule rule = Rule.ORDER_NOT_READ;
        String summary = orders.size() == 1 ? "A draft order could not be read and was not checked"
                : orders.size() + " draft orders could not be read and were not checked";
        StringBuilder d = new StringBuilder("Ampulla could not tell whether these orders are rectal-cancer treatment,"
                + " and made no check of them. The other orders were checked as usual.\n\n");
        for (UncheckedOrder order : orders) {
            d.append("- ").append(Markdown.escape(order.order())).append(": ").append(Markdown.escape(order.why()))
                    .append('\n');
        }
        d.append("\nRule ").append(rule.id()).append(" (").append(rule.source().name()).append(").");
        CardSource source = new CardSource(CardRenderer.SOURCE_LABEL, null,
                new Coding(CodeSystems.AMPULLA_CARD_TOPIC, rule.topic(), knowledge.topicDisplay(rule.topic())));
        return new Card(Uuids.timeOrdered(), summary, d.toString(), Indicator.INFO, source, null, null, List.of(),
                Map.of(CardRenderer.RULES_EXTENSION, List.of(rule.id())));
    }
}
