package dev.ampulla.fhir;

/** Decides from an observation's codings alone whether the clinical core needs it. */
@FunctionalInterface
public interface ObservationFilter {
    boolean isRelevant(String system, String code);
}
