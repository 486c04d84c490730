package dev.ampulla.cards;

import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CardSource;
import dev.ampulla.cdshooks.Coding;
import dev.ampulla.cdshooks.Indicator;
import dev.ampulla.extraction.DataProblem;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.Rule;
import java.util.List;
import java.util.Map;

/**
 * The card for diagnoses that look like rectal cancer but could not be used (R28): it names each one and why, so
 * that such a patient never gets the empty answer that means "no rectal cancer". It belongs to no primary, so it
 * carries no stage extension.
 */
public final class NotRecognisedCard {
    private final KnowledgeResources knowledge;

    public NotRecognisedCard(KnowledgeResources knowledge) {
        this.knowledge = knowledge;
    }

    /** {@code withCases}: the patient also has a rectal cancer Ampulla did read. */
    public Card render(List<DataProblem> notRecognised, boolean withCases) {
        Rule rule = Rule.DIAGNOSIS_NOT_RECOGNISED;
        int n = notRecognised.size();
        String summary = withCases
                ? "Another possible rectal cancer diagnosis could not be used: check the record"
                : "Possible rectal cancer not recognised: Ampulla's pathway and order checks do not cover it";
        StringBuilder d = new StringBuilder();
        d.append(n == 1 ? "This diagnosis looks like" : "These diagnoses look like")
                .append(" rectal or rectosigmoid cancer, but Ampulla could not use ").append(n == 1 ? "it" : "them")
                .append(withCases ? ": the other cards do not take " + (n == 1 ? "it" : "them") + " into account."
                        : ": no stage, pathway or order check was made for this patient. Record the diagnosis with a"
                                + " code Ampulla reads (docs/clinical-logic.md), or judge the pathway without"
                                + " Ampulla.")
                .append("\n\n");
        for (DataProblem p : notRecognised) {
            d.append("- ").append(Markdown.escape(p.text())).append('\n');
        }
        d.append("\nRule ").append(rule.id()).append(" (").append(rule.source().name()).append(").");
        CardSource source = new CardSource(CardRenderer.SOURCE_LABEL, null,
                new Coding(CodeSystems.AMPULLA_CARD_TOPIC, rule.topic(), knowledge.topicDisplay(rule.topic())));
        return new Card(Uuids.timeOrdered(), summary, d.toString(), Indicator.INFO, source, null, null, List.of(),
                Map.of(CardRenderer.RULES_EXTENSION, List.of(rule.id())));
    }
}
