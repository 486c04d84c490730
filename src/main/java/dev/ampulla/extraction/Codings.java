package dev.ampulla.extraction;

import dev.ampulla.knowledge.CodeSet;
import dev.ampulla.knowledge.CodeSystems;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Small helpers over HAPI codings. */
final class Codings {
    private Codings() {
    }

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

    static String describe(String system, String code) {
        String name = system == null ? "(no system)" : switch (system) {
            case CodeSystems.SNOMED -> "SNOMED CT";
            case CodeSystems.LOINC -> "LOINC";
            case CodeSystems.ICD10_CM -> "ICD-10-CM";
            case CodeSystems.ICD10 -> "ICD-10";
            case CodeSystems.ICD_O_3 -> "ICD-O-3";
            case CodeSystems.AJCC -> "AJCC";
            case CodeSystems.RXNORM -> "RxNorm";
            case CodeSystems.DICOM -> "DICOM";
            case CodeSystems.AMPULLA_OBSERVATION_CODE, CodeSystems.AMPULLA_RESECTABILITY -> "Ampulla";
            default -> system;
        };
        return name + " " + code;
    }
}
