package dev.ampulla.service;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.Assessor;
import dev.ampulla.cards.CardWriter;
import dev.ampulla.cards.NotRecognisedCard;
import dev.ampulla.cards.UnreadableOrdersCard;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.Hooks;
import dev.ampulla.cdshooks.Indicator;
import dev.ampulla.extraction.CaseExtractor;
import dev.ampulla.extraction.OrderTargets;
import dev.ampulla.extraction.PatientFindings;
import dev.ampulla.extraction.RectalCancerCase;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.extraction.UncheckedOrder;
import dev.ampulla.fhir.Fhir;
import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.pathway.Advice;
import dev.ampulla.pathway.DecisiveFacts;
import dev.ampulla.pathway.OrderAgreement;
import dev.ampulla.pathway.OrderDecision;
import dev.ampulla.pathway.PathwayEngine;
import dev.ampulla.pathway.Recommendation;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The clinical pipeline, end to end and free of I/O: patient data → one case per rectal primary → assessment →
 * recommendations → cards. A patient without an in-scope primary gets no cards, whatever is ordered — unless a
 * diagnosis looks like rectal cancer but could not be used, which gets a card saying so.
 */
public final class RectalCancerAdvisor {
    private final Assessor assessor;
    private final Clock clock;
    private final PathwayEngine engine;
    private final KnowledgePack pack;
    private final CardWriter writer;
    private final NotRecognisedCard notRecognisedCard;
    private final UnreadableOrdersCard unreadableOrdersCard;

    /**
     * @param baseUrl the public base URL of the service, for the rule pages cards link to
     * @param clock what "today" is, for the age of the data and dates in the future
     */
    public RectalCancerAdvisor(KnowledgePack pack, Supplier<String> baseUrl, Clock clock) {
        this(pack, baseUrl, clock, pack.guidelines().layer());
    }

    /** @param layer which guideline cards this deployment shows (the founding document's are always shown) */
    public RectalCancerAdvisor(
            KnowledgePack pack,
            Supplier<String> baseUrl,
            Clock clock,
            dev.ampulla.knowledge.pack.GuidelineLayer layer) {
        this(pack, KnowledgeResources.load(Fhir.context(), pack.source()), baseUrl, clock, layer);
    }

    /** @param resources the FHIR resources of {@code pack}, read beforehand */
    public RectalCancerAdvisor(
            KnowledgePack pack,
            KnowledgeResources resources,
            Supplier<String> baseUrl,
            Clock clock,
            dev.ampulla.knowledge.pack.GuidelineLayer layer) {
        this.clock = clock;
        this.assessor = new Assessor(pack.parameters());
        this.engine = new PathwayEngine(pack, layer);
        this.pack = pack;
        this.writer = new CardWriter(pack, resources, Fhir::jsonParser, baseUrl);
        this.notRecognisedCard = new NotRecognisedCard(pack, writer);
        this.unreadableOrdersCard = new UnreadableOrdersCard(pack, writer);
    }

    /** The card naming draft orders that could not be read (and so were not checked), if the pack gives it. */
    public List<Card> unreadableOrders(List<UncheckedOrder> orders, String hook) {
        return pack.rule("R30").answers(hook) ? List.of(unreadableOrdersCard.render(orders)) : List.of();
    }

    /** Chart open: stage, pathway and data problems for each rectal primary. */
    public List<Card> advise(PatientRecord record, String patientId) {
        return cardsOnly(adviseWithFacts(record, patientId));
    }

    /** As {@link #advise}, each card with the fingerprint of the facts it was decided on. */
    public List<AdvisedCard> adviseWithFacts(PatientRecord record, String patientId) {
        return cards(
                record,
                patientId,
                a -> engine.advise(a, Hooks.PATIENT_VIEW, List.of()),
                Hooks.PATIENT_VIEW,
                (advice, uuids) -> {});
    }

    private static List<Card> cardsOnly(List<AdvisedCard> advised) {
        return advised.stream().map(AdvisedCard::card).toList();
    }

    /** Order time: checks of the treatment orders, the pathway and data problems (no stage card). */
    public List<Card> adviseOnOrders(PatientRecord record, String patientId, List<TreatmentOrder> orders, String hook) {
        if (orders.isEmpty()) {
            return List.of();
        }
        return cardsOnly(cards(
                record,
                patientId,
                a -> engine.advise(a, hook, OrderTargets.resolve(orders, record, a.rectalCase())),
                hook,
                (advice, uuids) -> {}));
    }

    /**
     * Order time, as {@link #adviseOnOrders(PatientRecord, String, List, String)}, also handing {@code decided} how
     * each order stands against the pathway (for the first primary that has any: one order is counted once).
     */
    public List<Card> adviseOnOrders(
            PatientRecord record,
            String patientId,
            List<TreatmentOrder> orders,
            String hook,
            Consumer<List<OrderDecision>> decided) {
        if (orders.isEmpty()) {
            return List.of();
        }
        List<OrderDecision> decisions = new ArrayList<>(orders.size());
        List<Card> cards = cardsOnly(cards(
                record,
                patientId,
                a -> engine.advise(a, hook, OrderTargets.resolve(orders, record, a.rectalCase())),
                hook,
                (advice, uuids) -> {
                    if (decisions.isEmpty()) {
                        decisions.addAll(OrderAgreement.decide(advice, orders, uuids));
                    }
                }));
        if (!decisions.isEmpty()) {
            decided.accept(decisions);
        }
        return cards;
    }

    /** What the cards of a record rest on: the assessment of each rectal primary, as of the advisor's today. */
    public List<Assessment> assessments(PatientRecord record) {
        LocalDate today = LocalDate.now(clock);
        return CaseExtractor.findings(record, today).cases().stream()
                .map(c -> assessor.assess(c, today))
                .toList();
    }

    private List<AdvisedCard> cards(
            PatientRecord record,
            String patientId,
            Function<Assessment, Advice> rules,
            String hook,
            BiConsumer<Advice, Map<Recommendation, String>> rendered) {
        LocalDate today = LocalDate.now(clock);
        PatientFindings findings = CaseExtractor.findings(record, today);
        if (findings.isEmpty()) {
            return List.of();
        }
        List<AdvisedCard> cards = new ArrayList<>(4 * findings.cases().size() + 1);
        for (RectalCancerCase c : findings.cases()) {
            Advice advice = rules.apply(assessor.assess(c, today));
            IdentityHashMap<Recommendation, String> uuids = new IdentityHashMap<>();
            for (Recommendation r : advice.recommendations()) {
                Card card = writer.render(advice, r, patientId);
                uuids.put(r, card.uuid());
                cards.add(new AdvisedCard(card, DecisiveFacts.of(advice, r)));
            }
            rendered.accept(advice, uuids);
        }
        if (!findings.notRecognised().isEmpty() && pack.rule("R28").answers(hook)) {
            cards.add(new AdvisedCard(
                    notRecognisedCard.render(
                            findings.notRecognised(), !findings.cases().isEmpty(), !hook.equals(Hooks.PATIENT_VIEW)),
                    DecisiveFacts.ofRule("R28")));
        }
        // An EHR may show only the first cards: the most urgent come first (among warnings, the data problems that
        // may invalidate the others), otherwise the pack's order is kept.
        cards.sort(Comparator.comparing((AdvisedCard advised) -> advised.card().indicator(), Comparator.reverseOrder())
                .thenComparing(
                        advised -> advised.card().indicator() != Indicator.INFO && !warningsFirst(advised.card())));
        return cards;
    }

    private boolean warningsFirst(Card card) {
        Object rules = card.extension().get(CardWriter.RULES_EXTENSION);
        return rules instanceof List<?> ids
                && !ids.isEmpty()
                && pack.rule(String.valueOf(ids.get(0))).group().warningsFirst();
    }
}
