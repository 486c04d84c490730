package dev.ampulla.pathway;

import dev.ampulla.knowledge.PathwayAgreement;
import dev.ampulla.knowledge.TreatmentModality;

/**
 * How one treatment order stands against the pathway card in force for the patient. {@code drugClass} is the
 * ingredient class of a systemic-therapy order (a class of drug-classes.csv, or {@code other}), null for other
 * modalities. {@code pathwayTopic} and {@code pathwayRule} are the pathway card in force, null when none was issued.
 * {@code warningRule} and {@code warningCard} are the order check naming the order (its rule and its card's uuid),
 * null when none does: an override of that card gives the reason an off-pathway order was signed.
 */
public record OrderDecision(
        String orderReference,
        TreatmentModality modality,
        String drugClass,
        PathwayAgreement agreement,
        String pathwayTopic,
        String pathwayRule,
        String stageGroup,
        String segment,
        String phase,
        String warningRule,
        String warningCard) {}
