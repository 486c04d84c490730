package dev.ampulla.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.WorkingStage;
import dev.ampulla.knowledge.Resectability;

/**
 * The {@code dev.ampulla.stage} card extension: what Ampulla concluded, in machine-readable form. Members are left out
 * when unknown. {@code t}, {@code n} and {@code m} carry their AJCC prefix ({@code cT3}, {@code ypN1a}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StageExtension(
        String group, String basis, String t, String n, String m, String segment, String resectability) {

    public static final String KEY = "dev.ampulla.stage";

    /** What the assessment concluded about the primary. */
    public static StageExtension of(Assessment a) {
        WorkingStage s = a.stage();
        Resectability res = a.resectability().value();
        return new StageExtension(
                s.isStaged() ? s.group().roman() : null,
                s.isStaged() ? s.basis().label() : null,
                s.t() == null ? null : s.t().prefixed(),
                s.n() == null ? null : s.n().prefixed(),
                s.derivedM() != null ? s.derivedM().label() : (s.m() == null ? null : s.m().prefixed()),
                a.segment().segment().code(),
                res == null ? null : res.code());
    }
}
