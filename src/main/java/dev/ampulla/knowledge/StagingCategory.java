package dev.ampulla.knowledge;

import dev.ampulla.knowledge.StagingCodes.Axis;

/** A TNM category or a stage group, typed: what a staging Observation says, read once. */
public sealed interface StagingCategory permits TCategory, NCategory, MCategory, StageGroup {

    /** As AJCC writes it without a prefix: {@code T4a}, {@code N1b}, {@code M0}, {@code IIIB}. */
    String label();

    /** The category of an axis from its AJCC label, or null when the label is not one of that axis. */
    static StagingCategory of(Axis axis, String label) {
        return switch (axis) {
            case T -> TCategory.fromLabel(label);
            case N -> NCategory.fromLabel(label);
            case M -> MCategory.fromLabel(label);
            case GROUP -> StageGroup.parse(label);
        };
    }
}
