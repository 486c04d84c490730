package dev.ampulla.cards;

import dev.ampulla.cdshooks.Card;
import dev.ampulla.extraction.UncheckedOrder;
import dev.ampulla.knowledge.pack.Findings;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.Placeholder;
import dev.ampulla.knowledge.pack.TemplateValues;
import java.util.List;

/**
 * The card for draft orders Ampulla could not check (R30): what names them is not valid FHIR R4, or the Medication
 * they refer to could not be had. The call goes on with the other orders, and this card names these, each with why.
 */
public final class UnreadableOrdersCard {
    private final KnowledgePack pack;
    private final CardWriter writer;

    public UnreadableOrdersCard(KnowledgePack pack, CardWriter writer) {
        this.pack = pack;
        this.writer = writer;
    }

    public Card render(List<UncheckedOrder> orders) {
        TemplateValues v = new TemplateValues(Findings.start())
                .flag(Placeholder.SINGLE_ORDER, orders.size() == 1)
                .text(Placeholder.ORDER_COUNT, Integer.toString(orders.size()))
                .list(
                        Placeholder.UNREAD_ORDERS,
                        orders.stream()
                                .map(o -> new TemplateValues.Item()
                                        .recordText("order", o.order())
                                        .recordText("why", o.why()))
                                .toList());
        return writer.render(pack.rule("R30"), v);
    }
}
