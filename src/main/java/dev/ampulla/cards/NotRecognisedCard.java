package dev.ampulla.cards;

import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CardSource;
import dev.ampulla.cdshooks.Coding;
import dev.ampulla.cdshooks.Indicator;
import dev.ampulla.extraction.UnusableDiagnosis;
import dev.ampulla.extraction.UnusableDiagnosis.Remedy;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.Rule;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The card for diagnoses that look like rectal cancer but could not be used (R28): what each is, why it was not
 * used, what was therefore not checked, and what a clinician can do — so that such a patient never gets the empty
 * answer that means "no rectal cancer". It belongs to no primary, so it carries no stage extension.
 */
public final class NotRecognisedCard {
    private final KnowledgeResources knowledge;

    public NotRecognisedCard(KnowledgeResources knowledge) {
        this.knowledge = knowledge;
    }

    /**
     * @param withCases the patient also has a rectal cancer Ampulla did read
     * @param atOrderTime the call checks draft orders (order-select, order-sign)
     */
    public Card render(List<UnusableDiagnosis> unusable, boolean withCases, boolean atOrderTime) {
        Rule rule = Rule.DIAGNOSIS_NOT_RECOGNISED;
        String notChecked = atOrderTime ? "orders not checked against it" : "no stage, pathway or order check";
        String summary;
        if (unusable.size() == 1) {
            summary = (withCases ? "Also recorded: " : "") + unusable.get(0).headline() + ": outside Ampulla's"
                    + " pathway, " + notChecked;
        } else {
            summary = unusable.size() + (withCases ? " further" : "") + " possible rectal cancer diagnoses not used: "
                    + notChecked;
        }
        if (summary.length() > 139) {
            summary = summary.substring(0, 136) + "...";
        }
        StringBuilder d = new StringBuilder();
        d.append(unusable.size() == 1 ? "This diagnosis looks like" : "These diagnoses look like")
                .append(" rectal or rectosigmoid cancer, but Ampulla did not use ")
                .append(unusable.size() == 1 ? "it" : "them").append(": ")
                .append(atOrderTime ? "the radiotherapy, chemotherapy and surgery orders were not checked against "
                        + (unusable.size() == 1 ? "it" : "them")
                        : "no stage, pathway or order check was made for " + (unusable.size() == 1 ? "it" : "them"))
                .append(withCases ? " (the other cards are about the rectal cancer Ampulla did read)." : ".")
                .append("\n\n");
        Set<Remedy> remedies = EnumSet.noneOf(Remedy.class);
        for (UnusableDiagnosis u : unusable) {
            d.append("- ").append(Markdown.escape(u.text())).append('\n');
            remedies.add(u.remedy());
        }
        d.append('\n');
        if (remedies.contains(Remedy.MANAGE_OUTSIDE_PATHWAY)) {
            d.append("Manage by the guideline for this histology or situation, or through the multidisciplinary"
                    + " team.\n\n");
        }
        if (remedies.contains(Remedy.CLINICAL_STATUS)) {
            d.append("If the cancer is still being treated — for example resected and awaiting postoperative"
                    + " chemotherapy — its clinical status should be active; Ampulla then gives its advice.\n\n");
        }
        if (remedies.contains(Remedy.CODE_NOT_READ)) {
            d.append("If this is a rectal adenocarcinoma, recording it with a code Ampulla reads (SNOMED CT 363351006"
                    + " Malignant tumor of rectum, or ICD-10 C20; C19 for the rectosigmoid junction) lets Ampulla"
                    + " stage it and check the pathway.\n\n");
        }
        d.append("Rule ").append(rule.id()).append(" (").append(rule.source().name()).append(").");
        CardSource source = new CardSource(CardRenderer.SOURCE_LABEL, null,
                new Coding(CodeSystems.AMPULLA_CARD_TOPIC, rule.topic(), knowledge.topicDisplay(rule.topic())));
        return new Card(Uuids.timeOrdered(), summary, d.toString(), Indicator.INFO, source, null, null, List.of(),
                Map.of(CardRenderer.RULES_EXTENSION, List.of(rule.id())));
    }
}
