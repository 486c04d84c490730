package dev.ampulla.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Code systems are identities: every spelling of a system finds the same codes, compared as the system needs. */
class CodeSystemIdentityTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "http://snomed.info/sct, snomed, SNOMED CT",
        "urn:oid:2.16.840.1.113883.6.96, snomed, SNOMED CT",
        "https://snomed.info/sct/, snomed, SNOMED CT",
        "urn:oid:2.16.840.1.113883.6.1, loinc, LOINC",
        "http://hl7.org/fhir/sid/icd-10-cm, icd-10, ICD-10-CM",
        "urn:oid:2.16.840.1.113883.6.90, icd-10, ICD-10-CM",
        "http://fhir.de/CodeSystem/bfarm/icd-10-gm, icd-10, ICD-10-GM",
        "http://fhir.de/CodeSystem/dimdi/icd-10-gm, icd-10, ICD-10-GM",
        "http://hl7.org/fhir/sid/icd-10, icd-10, ICD-10",
        "http://hl7.org/fhir/sid/icd-10-ca, icd-10, ICD-10-CA",
        "urn:oid:2.16.840.1.113883.6.3.2, icd-10, ICD-10 (Dutch)",
        "urn:oid:2.16.840.1.113883.6.43.1, icd-o-3, ICD-O-3",
        "https://www.cancerstaging.org, ajcc, AJCC",
        "urn:oid:2.16.840.1.113883.6.88, rxnorm, RxNorm",
    })
    void everySpellingNamesItsIdentity(String uri, String identity, String label) {
        CodeSystemSpelling spelling = CodeSystemRegistry.spelling(uri);
        assertEquals(identity, spelling.identity().id());
        assertEquals(label, spelling.label());
    }

    @Test
    void unknownAndEpicLocalSystemsAreNotTakenForAnything() {
        assertNull(CodeSystemRegistry.spelling("urn:oid:1.2.840.114350.1.13.0.1.7.2.728286"));
        assertNull(CodeSystemRegistry.spelling("http://example.org/icd"));
        assertNull(CodeSystemRegistry.spelling(null));
        assertFalse(CodeSets.RECTAL_CANCER.contains("urn:oid:1.2.840.114350.1.13.0.1.7.2.728286", "C20"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "urn:oid:2.16.840.1.113883.6.90, C20", "http://fhir.de/CodeSystem/bfarm/icd-10-gm, C20",
        "http://hl7.org/fhir/sid/icd-10, C20.9", "http://hl7.org/fhir/sid/icd-10, C209",
        "http://fhir.de/CodeSystem/bfarm/icd-10-gm, C20+", "http://hl7.org/fhir/sid/icd-10-cm, c20",
        "urn:oid:2.16.840.1.113883.6.96, 363351006", "https://snomed.info/sct, 93984006",
    })
    void rectalCancerIsFoundUnderEverySpellingAndForm(String system, String code) {
        assertTrue(CodeSets.RECTAL_CANCER.contains(system, code));
    }

    @Test
    void anIcd10CategoryIncludesItsSubdivisionsButNotItsNeighbours() {
        assertTrue(CodeSets.LUNG_METASTASIS.contains("http://hl7.org/fhir/sid/icd-10-cm", "C78.01"));
        assertTrue(CodeSets.LUNG_METASTASIS.contains("http://hl7.org/fhir/sid/icd-10", "C78.0"));
        assertFalse(CodeSets.LUNG_METASTASIS.contains("http://hl7.org/fhir/sid/icd-10", "C78.1"));
        assertFalse(CodeSets.RECTAL_CANCER.contains("http://hl7.org/fhir/sid/icd-10", "C2"));
        assertFalse(CodeSets.RECTAL_CANCER.contains("http://hl7.org/fhir/sid/icd-10", "C21"));
        assertFalse(CodeSets.RECTAL_CANCER.contains("http://hl7.org/fhir/sid/icd-10", "C18.7"));
        // SNOMED CT codes are compared exactly: a prefix is another concept
        assertFalse(CodeSets.RECTAL_CANCER.contains("http://snomed.info/sct", "36335100"));
    }

    @Test
    void icdO3TopographyIsComparedWithoutItsDot() {
        assertTrue(CodeSets.ICDO3_RECTUM.contains("urn:oid:2.16.840.1.113883.6.43.1", "C209"));
        assertTrue(CodeSets.ICDO3_RECTUM.contains("http://terminology.hl7.org/CodeSystem/icd-o-3", "C20.9"));
        assertFalse(CodeSets.ICDO3_RECTUM.contains("http://terminology.hl7.org/CodeSystem/icd-o-3", "C19.9"));
    }

    @Test
    void theIcd10RangesFollowTheIdentityToo() {
        assertTrue(CodeSets.isSecondaryCancerIcd10("http://fhir.de/CodeSystem/bfarm/icd-10-gm", "C78.7"));
        assertTrue(CodeSets.isOtherPrimaryCancerIcd10("urn:oid:2.16.840.1.113883.6.90", "C61"));
        assertFalse(CodeSets.isOtherPrimaryCancerIcd10("urn:oid:2.16.840.1.113883.6.90", "C20"));
    }

    @Test
    void everyCodeSetOfTheFileIsUsableAndEveryRowIsOfAKnownSystem() {
        Set<String> names = new HashSet<>(CodeSetFile.names());
        assertTrue(names.containsAll(List.of("rectal-cancer", "rectosigmoid-cancer", "generic-malignant-neoplasm")));
        for (String name : names) {
            assertFalse(CodeSetFile.named(name).codes().isEmpty(), name);
        }
        assertThrows(IllegalStateException.class, () -> CodeSetFile.named("no-such-set"));
    }

    @Test
    void aBrokenKnowledgeFileFailsWithItsNameAndLine() {
        IllegalStateException quote = assertThrows(
                IllegalStateException.class, () -> KnowledgeCsv.read("test-broken-quote.csv", CodeSetFile.COLUMNS));
        assertEquals("knowledge/test-broken-quote.csv line 2 has an unclosed quote", quote.getMessage());
        IllegalStateException columns = assertThrows(
                IllegalStateException.class, () -> KnowledgeCsv.read("test-wrong-columns.csv", CodeSetFile.COLUMNS));
        assertTrue(
                columns.getMessage().startsWith("knowledge/test-wrong-columns.csv line 1 has the columns"),
                columns.getMessage());
    }
}
