package dev.ampulla.extraction;

import dev.ampulla.knowledge.CodeSet;
import dev.ampulla.knowledge.CodeSystemRegistry;
import dev.ampulla.knowledge.CodeSystemSpelling;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Small helpers over HAPI codings. */
final class Codings {
    private Codings() {}

    /** The first coding of the concept that belongs to the set, or null. */
    static Coding firstIn(CodeableConcept concept, CodeSet set) {
        if (concept == null) {
            return null;
        }
        for (Coding c : concept.getCoding()) {
            if (set.contains(c.getSystem(), c.getCode())) {
                return c;
            }
        }
        return null;
    }

    static Coding firstIn(List<CodeableConcept> concepts, CodeSet set) {
        for (CodeableConcept concept : concepts) {
            Coding c = firstIn(concept, set);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** A short, readable name of a coding for card details, e.g. {@code SNOMED CT 1228938002}. */
    static String describe(Coding c) {
        return describe(c.getSystem(), c.getCode());
    }

    /** The code system as a card names it: its label when Ampulla knows it (any spelling), else the URI as written. */
    static String describe(String system, String code) {
        CodeSystemSpelling spelling = CodeSystemRegistry.spelling(system);
        String name = spelling != null ? spelling.label() : system == null ? "(no system)" : system;
        return name + " " + code;
    }
}
