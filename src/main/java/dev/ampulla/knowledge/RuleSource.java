package dev.ampulla.knowledge;

/** Where a rule comes from (clinical-reference §0). */
public enum RuleSource {
    /** The founding document: Ampulla's required treatment logic. */
    FD,
    /** A published guideline or pivotal trial. */
    GL,
    /** An engineering or data-quality convention, not clinical guidance. */
    ENG
}
