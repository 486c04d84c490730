package dev.ampulla.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ampulla.knowledge.StagingCodes.Axis;
import dev.ampulla.knowledge.StagingCodes.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Staging values in every coding style the clinical reference lists (§2.4–2.5). */
class StagingCodesTest {

    @ParameterizedTest(name = "{0}|{1} → {2} {3} {4}")
    @CsvSource(
            nullValues = "null",
            value = {
                // AJCC (mCODE STU2), with and without prefix
                "http://cancerstaging.org, cT3, T, CLINICAL, T3",
                "http://cancerstaging.org, T3, T, null, T3",
                "http://cancerstaging.org, pT4a, T, PATHOLOGICAL, T4a",
                "http://cancerstaging.org, ypN1a, N, POST_THERAPY, N1a",
                "http://cancerstaging.org, ycT2, T, POST_THERAPY_CLINICAL, T2",
                "http://cancerstaging.org, cTis, T, CLINICAL, Tis",
                "http://cancerstaging.org, TIS, T, null, Tis",
                "http://cancerstaging.org, cM1c, M, CLINICAL, M1c",
                "http://cancerstaging.org, N2B, N, null, N2b",
                "http://cancerstaging.org, IIIB, GROUP, null, IIIB",
                "http://cancerstaging.org, 3B, GROUP, null, IIIB",
                // SNOMED CT (mCODE STU3/4)
                "http://snomed.info/sct, 1228938002, T, CLINICAL, T3",
                "http://snomed.info/sct, 1229859000, T, PATHOLOGICAL, T3",
                "http://snomed.info/sct, 1228917008, T, POST_THERAPY, T3",
                "http://snomed.info/sct, 1229955005, N, PATHOLOGICAL, N1b",
                "http://snomed.info/sct, 1229901006, M, CLINICAL, M0",
                "http://snomed.info/sct, 1229923005, M, PATHOLOGICAL, M1c",
                "http://snomed.info/sct, 1222805004, GROUP, null, IIIB",
                "http://snomed.info/sct, 1222842006, GROUP, null, IVC",
            })
    void recognisesValues(String system, String code, Axis axis, StagingBasis basis, String category) {
        assertEquals(new Value(axis, basis, category), StagingCodes.value(system, code));
    }

    @ParameterizedTest
    @CsvSource({
        "http://cancerstaging.org, rT3", // recurrence staging is out of scope
        "http://cancerstaging.org, aN1", // autopsy staging is out of scope
        "http://cancerstaging.org, T5",
        "http://cancerstaging.org, N3",
        "http://cancerstaging.org, cM2",
        "http://cancerstaging.org, T4c",
        "http://cancerstaging.org, MX", // no MX in the 8th edition
        "http://cancerstaging.org, cM1d",
        "http://snomed.info/sct, 363351006",
        "http://loinc.org, 21905-5",
    })
    void rejectsWhatIsNotAStagingValue(String system, String code) {
        assertNull(StagingCodes.value(system, code));
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "http://loinc.org, 21905-5, T, CLINICAL",
                "http://snomed.info/sct, 384625004, T, PATHOLOGICAL",
                "http://loinc.org, 21912-1, N, null",
                "http://snomed.info/sct, 399387003, M, CLINICAL",
                "http://loinc.org, 21902-2, GROUP, PATHOLOGICAL",
            })
    void recognisesObservationCodes(String system, String code, Axis axis, StagingBasis basis) {
        assertEquals(new StagingCodes.ObservationKind(axis, basis), StagingCodes.observationKind(system, code));
    }
}
