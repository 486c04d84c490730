package dev.ampulla.cards;

import dev.ampulla.cdshooks.Card;
import dev.ampulla.extraction.UnusableDiagnosis;
import dev.ampulla.extraction.UnusableDiagnosis.Remedy;
import dev.ampulla.knowledge.pack.Findings;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.Placeholder;
import dev.ampulla.knowledge.pack.TemplateValues;
import java.util.List;

/**
 * The card for diagnoses that look like rectal cancer but could not be used (R28): what each is, why it was not
 * used, what was therefore not checked, and what a clinician can do — so that such a patient never gets the empty
 * answer that means "no rectal cancer". It belongs to no primary, so it carries no stage extension.
 */
public final class NotRecognisedCard {
    private final KnowledgePack pack;
    private final CardWriter writer;

    public NotRecognisedCard(KnowledgePack pack, CardWriter writer) {
        this.pack = pack;
        this.writer = writer;
    }

    /**
     * @param withCases the patient also has a rectal cancer Ampulla did read
     * @param atOrderTime the call checks draft orders (order-select, order-sign)
     */
    public Card render(List<UnusableDiagnosis> unusable, boolean withCases, boolean atOrderTime) {
        // a summary is plain text: the headline from the record is printed as it is there
        TemplateValues v = new TemplateValues(Findings.start())
                .flag(Placeholder.SINGLE_DIAGNOSIS, unusable.size() == 1)
                .text(Placeholder.DIAGNOSIS_COUNT, Integer.toString(unusable.size()))
                .recordText(Placeholder.HEADLINE, unusable.get(0).headline())
                .flag(Placeholder.WITH_CASES, withCases)
                .flag(Placeholder.AT_ORDER_TIME, atOrderTime)
                .list(
                        Placeholder.DIAGNOSES,
                        unusable.stream()
                                .map(u -> new TemplateValues.Item().recordText("text", u.text()))
                                .toList());
        for (UnusableDiagnosis u : unusable) {
            v.flag(placeholder(u.remedy()), true);
        }
        return writer.render(pack.rule("R28"), v);
    }

    private static Placeholder placeholder(Remedy remedy) {
        return switch (remedy) {
            case MANAGE_OUTSIDE_PATHWAY -> Placeholder.REMEDY_MANAGE_OUTSIDE_PATHWAY;
            case CLINICAL_STATUS -> Placeholder.REMEDY_CLINICAL_STATUS;
            case CODE_NOT_READ -> Placeholder.REMEDY_CODE_NOT_READ;
        };
    }
}
