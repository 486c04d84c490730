package dev.ampulla.pathway;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.knowledge.pack.Findings;
import java.util.List;

/** What the rules say about one assessed primary, with the findings they decided on. */
public record Advice(Assessment assessment, Findings findings, List<Recommendation> recommendations) {

    public Advice {
        recommendations = List.copyOf(recommendations);
    }
}
