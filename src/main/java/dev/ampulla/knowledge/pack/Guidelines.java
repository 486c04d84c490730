package dev.ampulla.knowledge.pack;

import java.util.Map;

/**
 * The guideline layer of a pack ({@code guidelines.yaml}): the layer as the pack ships it, the references its rules
 * cite, and the words cards use for each input.
 */
public record Guidelines(
        GuidelineLayer layer, Map<String, GuidelineReference> references, Map<GuidelineInput, String> inputWords) {

    public Guidelines {
        references = Map.copyOf(references);
        inputWords = Map.copyOf(inputWords);
    }
}
