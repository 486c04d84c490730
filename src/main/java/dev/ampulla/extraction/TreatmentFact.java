package dev.ampulla.extraction;

/** A completed or ongoing treatment Procedure. */
public record TreatmentFact(TreatmentKind kind, FactTime time, Source source) {
}
