package dev.ampulla.extraction;

import dev.ampulla.knowledge.StagingBasis;
import dev.ampulla.knowledge.StagingCodes.Axis;

/**
 * One valid TNM category or stage-group observation attributed to the primary: {@code category} is {@code T3},
 * {@code N1a}, {@code M0} or a stage group in roman form ({@code IIIB}).
 */
public record StagingFact(Axis axis, StagingBasis basis, String category, FactTime time, Source source) {

    /** The category as AJCC writes it with its prefix, e.g. {@code cT3} or {@code ypN1a}; groups stay unprefixed. */
    public String prefixed() {
        return axis == Axis.GROUP ? category : basis.prefix() + category;
    }
}
