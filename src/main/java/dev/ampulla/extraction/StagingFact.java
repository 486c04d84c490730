package dev.ampulla.extraction;

import dev.ampulla.knowledge.StagingBasis;
import dev.ampulla.knowledge.StagingCategory;
import dev.ampulla.knowledge.StagingCodes.Axis;

/**
 * One valid TNM category or stage-group observation attributed to the primary: {@code category} is a
 * {@link dev.ampulla.knowledge.TCategory}, {@link dev.ampulla.knowledge.NCategory},
 * {@link dev.ampulla.knowledge.MCategory} or {@link dev.ampulla.knowledge.StageGroup}, as {@code axis} says.
 */
public record StagingFact(Axis axis, StagingBasis basis, StagingCategory category, FactTime time, Source source) {

    public StagingFact {
        if (category == null) {
            throw new IllegalArgumentException("a staging fact needs its category");
        }
    }

    /** The category as AJCC writes it with its prefix, e.g. {@code cT3} or {@code ypN1a}; groups stay unprefixed. */
    public String prefixed() {
        return axis == Axis.GROUP ? category.label() : basis.prefix() + category.label();
    }
}
