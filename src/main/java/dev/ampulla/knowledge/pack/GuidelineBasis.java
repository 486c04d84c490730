package dev.ampulla.knowledge.pack;

import java.util.List;

/**
 * What a guideline (GL) rule rests on: its references (the first a guideline, whose label and edition the card
 * names), the grade the guideline gives the recommendation (as it writes it, or why none is given), the inputs it
 * reads, and — when its advice differs from the founding document's pathway for the same patient — how, in a few
 * words (null when it does not).
 */
public record GuidelineBasis(
        List<GuidelineReference> references, String grade, List<GuidelineInput> inputs, String differs) {

    public GuidelineBasis {
        references = List.copyOf(references);
        inputs = List.copyOf(inputs);
    }

    /** The guideline the recommendation is from. */
    public GuidelineReference guideline() {
        return references.get(0);
    }

    /** "ASCO rectal cancer guideline (2024)": how a card names its source. */
    public String sourceLabel() {
        return guideline().label() + " (" + guideline().edition() + ")";
    }
}
