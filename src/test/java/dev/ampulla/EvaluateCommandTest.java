package dev.ampulla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.Examples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code evaluate <bundle.json>} prints the cards a patient Bundle gets, for review without an EHR. */
class EvaluateCommandTest {

    @Test
    void printsThePatientViewCardsOfABundle() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Main.main(new String[] {
                "evaluate", Examples.patient("10-stage-iva-resectable-upper").toString()
            });
        } finally {
            System.setOut(original);
        }
        JsonNode response = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        CardChecks.assertSpecValid(response);
        JsonNode options = response.at("/cards/1");
        CardChecks.assertTopic(options, "stage-iv-resectable");
        assertEquals(2, options.get("suggestions").size(), "no chemoradiation option for the upper rectum");
        assertEquals(
                "Patient/rc10",
                options.at("/suggestions/0/actions/0/resource/subject/reference")
                        .asText());
        assertTrue(options.get("detail").asText().contains("Option 3 (preoperative chemoradiation) is not offered"));
    }
}
