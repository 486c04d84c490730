package dev.ampulla.knowledge;

/**
 * One code system, whatever spelling a record uses for it ({@code http://snomed.info/sct},
 * {@code urn:oid:2.16.840.1.113883.6.96}…): its id in the knowledge files, its canonical FHIR URI, and how its codes
 * compare. All national editions of ICD-10 are one identity: they carry the same C-chapter codes.
 */
public record CodeSystemIdentity(int index, String id, String canonicalUri, String label, CodeComparison comparison) {

    /** The code in the form it is stored and compared in; null for a blank code. */
    public String normalise(String code) {
        return comparison.normalise(code);
    }
}
