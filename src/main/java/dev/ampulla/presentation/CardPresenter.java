package dev.ampulla.presentation;

import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.cdshooks.Hooks;
import dev.ampulla.knowledge.pack.KnowledgePack;
import java.util.ArrayList;
import java.util.List;

/**
 * The step between the advisor's cards and the HTTP answer: decides for each card whether the clinician sees it —
 * the deployment's controls first, then the call's options, then snooze (patient-view only; order-time warnings are
 * never snoozed), then silent mode. The clinical core never knows: every card is still computed, and recorded with
 * what became of it.
 */
public final class CardPresenter {
    private final CardControls controls;
    private final CardKinds kinds;
    private final Snoozes snoozes;

    public CardPresenter(CardControls controls, KnowledgePack pack, Snoozes snoozes) {
        this.controls = controls;
        this.kinds = new CardKinds(pack);
        this.snoozes = snoozes;
    }

    public List<PresentedCard> present(PresentationCall call, CdsResponse response) {
        List<Card> cards = response.cards();
        if (cards.isEmpty()) {
            return List.of();
        }
        boolean snoozable = call.hook().equals(Hooks.PATIENT_VIEW);
        String patientHash = snoozable ? snoozes.patientHashIfAny(call.patientId()) : null;
        List<PresentedCard> out = new ArrayList<>(cards.size());
        for (Card card : cards) {
            String facts = snoozable ? response.decisiveFacts().get(card.uuid()) : null;
            out.add(new PresentedCard(card, presentation(call, card, patientHash, facts), facts));
        }
        return out;
    }

    private Presentation presentation(PresentationCall call, Card card, String patientHash, String facts) {
        String topic = card.source().topic().code();
        if (!controls.shows(call.hook(), topic, card.indicator())) {
            return Presentation.HIDDEN_BY_CONTROL;
        }
        CallOption option = kinds.option(card);
        if (option != null && call.options().isOff(option)) {
            return Presentation.HIDDEN_BY_CALL_OPTION;
        }
        if (snoozes.covers(patientHash, topic, facts)) {
            return Presentation.SNOOZED;
        }
        if (controls.silent().silences(call.serviceId(), topic, call.issuer())) {
            return Presentation.SILENT;
        }
        return Presentation.SHOWN;
    }

    /** The cards of the answer. */
    public static List<Card> shown(List<PresentedCard> presented) {
        List<Card> out = new ArrayList<>(presented.size());
        for (PresentedCard p : presented) {
            if (p.presentation().shown()) {
                out.add(p.card());
            }
        }
        return out;
    }
}
