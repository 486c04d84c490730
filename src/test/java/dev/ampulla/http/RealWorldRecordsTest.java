package dev.ampulla.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.RealWorldRecords;
import dev.ampulla.support.TwoWays;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The records of fhir-examples/real-world — how mCODE, registry IGs, Synthea, Epic, MII Onkologie and the DKTK
 * converters write a rectal cancer — through the running server, with prefetch and fetched from a FHIR server: the
 * stage, segment and cards an oncologist would expect from each (fhir-examples/real-world/README.md).
 */
class RealWorldRecordsTest {
    private static TwoWays server;

    @BeforeAll
    static void start() throws Exception {
        server = new TwoWays();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            nullValues = "-",
            value = {
                "de-01-mii-ctnm-c20-iiib;"
                        + " stage-summary:info tumor-location-needed:info stale-data:info;"
                        + " IIIB; clinical; unknown",
                "de-02-mii-ptnm-resected-c20-iia;"
                        + " stage-summary:info stale-data:info;"
                        + " IIA; pathological; unknown",
                "de-03-mii-fernmetastasen-leber-c20-iva;"
                        + " stage-summary:info resectability-assessment-needed:info stale-data:info;"
                        + " IVA; clinical; unknown",
                "de-04-mii-c19-rektosigmoid-iiic;"
                        + " stage-summary:info preoperative-chemotherapy:info stale-data:info;"
                        + " IIIC; clinical; rectosigmoid",
                "de-05-dktk-samply-ctnm-components-c20-iiib;"
                        + " stage-summary:info tumor-location-needed:info stale-data:info;"
                        + " IIIB; clinical; unknown",
                "de-06-dktk-bzkf-legacy-fernmetastasen-leber-c20-iva;"
                        + " stage-summary:info resectability-assessment-needed:info stale-data:info;"
                        + " IVA; clinical; unknown",
                "us-01-mcode-extended-example-stage-iia;"
                        + " stage-summary:info tumor-location-needed:info stale-data:info;"
                        + " IIA; clinical; unknown",
                "us-02-mcode-generic-code-snomed-bodysite-stage-iiic;"
                        + " stage-summary:info tumor-location-needed:info stale-data:info;"
                        + " IIIC; clinical; unknown",
                "us-03-mcode-icdo3-oid-topography-morphology-stage-iia;"
                        + " stage-summary:info tumor-location-needed:info stale-data:info;"
                        + " IIA; clinical; unknown",
                "us-04-ccrr-loinc-tn-snomed-m-stage-iia;"
                        + " stage-summary:info tumor-location-needed:info stale-data:info;"
                        + " IIA; clinical; unknown",
                "us-05-synthea-mcode-omop-ajcc-stage-group-only-iiic;"
                        + " stage-summary:info tumor-location-needed:info stale-data:info;"
                        + " IIIC; clinical; unknown",
                "us-06-epic-r4-problem-list-oid-codes-no-staging;" + " staging-incomplete:info;" + " -; -; unknown",
                "us-07-mcode-secondary-liver-cm1a-no-stage-group;"
                        + " stage-summary:info resectability-assessment-needed:info stale-data:info;"
                        + " IVA; clinical; unknown",
                "us-08-cms-eom-ig-stage-iiic;"
                        + " stage-summary:info tumor-location-needed:info stale-data:info;"
                        + " IIIC; clinical; unknown",
            })
    void eachRecordReadsAsAnOncologistWould(String slug, String cards, String group, String basis, String segment)
            throws Exception {
        JsonNode answer = server.cards(RealWorldRecords.read(slug));
        List<String> topics = new ArrayList<>();
        for (JsonNode card : CardChecks.foundingDocumentCards(answer)) { // the guideline layer: GuidelineLayerTest
            topics.add(card.at("/source/topic/code").asText() + ":"
                    + card.path("indicator").asText());
        }
        assertEquals(cards, String.join(" ", topics), slug);
        JsonNode stage = answer.at("/cards/0/extension/dev.ampulla.stage");
        assertEquals(group, stage.path("group").asText(null), slug + " group");
        assertEquals(basis, stage.path("basis").asText(null), slug + " basis");
        assertEquals(segment, stage.path("segment").asText(null), slug + " segment");
    }

    @Test
    void everyRecordOfTheFolderIsInTheTable() {
        assertEquals(14, RealWorldRecords.slugs().size(), "add the new record's expectations to the table above");
    }
}
