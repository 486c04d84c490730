package dev.ampulla.service;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.Assessor;
import dev.ampulla.cards.CardRenderer;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.cards.NotRecognisedCard;
import dev.ampulla.cards.UnreadableOrdersCard;
import dev.ampulla.extraction.CaseExtractor;
import dev.ampulla.extraction.OrderTargets;
import dev.ampulla.extraction.PatientFindings;
import dev.ampulla.extraction.RectalCancerCase;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.extraction.UncheckedOrder;
import dev.ampulla.fhir.Fhir;
import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.SegmentThresholds;
import dev.ampulla.pathway.PathwayEngine;
import dev.ampulla.pathway.Recommendation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The clinical pipeline, end to end and free of I/O: patient data → one case per rectal primary → assessment →
 * recommendations → cards. A patient without an in-scope primary gets no cards, whatever is ordered — unless a
 * diagnosis looks like rectal cancer but could not be used, which gets a card saying so.
 */
public final class RectalCancerAdvisor {
    private final Assessor assessor;
    private final CardRenderer renderer;
    private final NotRecognisedCard notRecognisedCard;
    private final UnreadableOrdersCard unreadableOrdersCard;

    public RectalCancerAdvisor(SegmentThresholds thresholds) {
        KnowledgeResources knowledge = KnowledgeResources.load(Fhir.context());
        this.assessor = new Assessor(thresholds);
        this.renderer = new CardRenderer(knowledge, thresholds, Fhir::jsonParser);
        this.notRecognisedCard = new NotRecognisedCard(knowledge);
        this.unreadableOrdersCard = new UnreadableOrdersCard(knowledge);
    }

    /** The card naming draft orders that could not be read (and so were not checked). */
    public Card unreadableOrders(List<UncheckedOrder> orders) {
        return unreadableOrdersCard.render(orders);
    }

    /** Chart open: stage, pathway and data problems for each rectal primary. */
    public List<Card> advise(PatientRecord record, String patientId) {
        return cards(record, patientId, PathwayEngine::recommend, false);
    }

    /** Order time: checks of the treatment orders, the pathway and data problems (no stage card). */
    public List<Card> adviseOnOrders(PatientRecord record, String patientId, List<TreatmentOrder> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        return cards(record, patientId, a -> PathwayEngine.recommendForOrders(a,
                OrderTargets.resolve(orders, record, a.rectalCase())), true);
    }

    private List<Card> cards(PatientRecord record, String patientId,
            Function<Assessment, List<Recommendation>> rules, boolean atOrderTime) {
        PatientFindings findings = CaseExtractor.findings(record);
        if (findings.isEmpty()) {
            return List.of();
        }
        List<Card> cards = new ArrayList<>(4 * findings.cases().size() + 1);
        for (RectalCancerCase c : findings.cases()) {
            Assessment assessment = assessor.assess(c);
            for (Recommendation r : rules.apply(assessment)) {
                cards.add(renderer.render(assessment, r, patientId));
            }
        }
        if (!findings.notRecognised().isEmpty()) {
            cards.add(notRecognisedCard.render(findings.notRecognised(), !findings.cases().isEmpty(), atOrderTime));
        }
        return cards;
    }
}
