package dev.ampulla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.demo.ExampleCatalog;
import dev.ampulla.knowledge.check.GoldenJson;
import dev.ampulla.support.CardChecks;
import dev.ampulla.support.CommandRun;
import dev.ampulla.support.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} run as a reviewer runs it: a CDS Hooks request file is answered by the service of its hook, draft
 * orders included, with the very cards the server gives (the golden outputs); standard error says what each file was
 * read as; several files are answered together; {@code --format text} renders the cards for reading; a file that is
 * neither a Bundle nor a request is refused, never answered with no cards.
 */
class EvaluateFilesTest {
    private static final String TODAY = ExampleCatalog.EXAMPLES_DAY.toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void anOrderSignRequestGetsTheCardsTheOrderSignServiceGives() throws Exception {
        assertAnsweredAsTheServerAnswers("order-sign", "01-rt-upper-rectum", "rectal-cancer-order-sign");
    }

    @Test
    void anOrderSelectRequestGetsTheCardsTheOrderSelectServiceGives() throws Exception {
        // the selected order is checked, the merely drafted one is not
        assertAnsweredAsTheServerAnswers("order-select", "02-rt-drafted-not-selected", "rectal-cancer-order-select");
    }

    @Test
    void aPatientViewRequestGetsTheCardsThePathwaysServiceGives() throws Exception {
        assertAnsweredAsTheServerAnswers("patient-view", "04-stage-iiib-upper-rectum", "rectal-cancer-pathways");
    }

    @Test
    void severalFilesGiveTheirResponsesKeyedByFile() throws Exception {
        String bundle = Examples.patient("10-stage-iva-resectable-upper").toString();
        String request = Examples.request("order-sign", "01-rt-upper-rectum").toString();
        CommandRun run = CommandRun.of("evaluate", bundle, request, "--today", TODAY);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                List.of(
                        "evaluate: " + bundle + " is a FHIR Bundle; answering as rectal-cancer-pathways"
                                + " (patient-view)",
                        "evaluate: " + request + " is a CDS Hooks order-sign request; answering as"
                                + " rectal-cancer-order-sign"),
                run.errLines());
        JsonNode byFile = JSON.readTree(run.out());
        assertEquals(List.of(bundle, request), fieldNames(byFile));
        CardChecks.assertSpecValid(byFile.get(bundle));
        CardChecks.assertTopic(byFile.get(bundle).at("/cards/1"), "stage-iv-resectable");
        assertEquals(
                golden("order-sign", "01-rt-upper-rectum"),
                GoldenJson.normalise(byFile.get(request).toString()));
    }

    @Test
    void theTextFormatShowsEachCardForReading() throws Exception {
        Path request = Examples.request("order-sign", "01-rt-upper-rectum");
        CommandRun run = CommandRun.of("evaluate", request.toString(), "--format", "text", "--today", TODAY);
        assertEquals(0, run.exitCode(), run.err());
        String text = run.out();
        assertTrue(text.startsWith("== " + request + " (rectal-cancer-order-sign) ==\n"), text);
        JsonNode cards = JSON.readTree(
                        Files.readString(Examples.root().resolve("golden/order-sign/01-rt-upper-rectum.json")))
                .get("cards");
        int at = 0;
        for (JsonNode card : cards) {
            String heading = "[" + card.get("indicator").asText().toUpperCase(java.util.Locale.ROOT) + "] "
                    + card.get("summary").asText() + "\n";
            int found = text.indexOf(heading, at);
            assertTrue(found >= at, "each card in order, with its indicator and summary: " + heading);
            at = found + heading.length();
        }
        assertTrue(text.contains("\n  Suggestions:\n    - Remove the radiotherapy order\n"), text);
        assertTrue(text.contains("\n  Source: Ampulla rectal cancer pathways\n"), text);
        assertTrue(text.contains("\n    Rule R12 (FD: FD-RT.2).\n"), "the detail, indented");
        assertTrue(text.contains("\n    Order                   What "), "a table as aligned columns");
        assertFalse(text.contains("**") || text.contains("|---") || text.contains("| "), "no Markdown marks");
    }

    @Test
    void aFileThatIsNeitherABundleNorARequestIsRefused() throws Exception {
        Path patient = Files.writeString(temp.resolve("patient.json"), "{\"resourceType\": \"Patient\"}");
        assertRefused(
                "ampulla: " + patient + " is a FHIR Patient, not a Bundle of the patient's record or a CDS"
                        + " Hooks request",
                "evaluate",
                patient.toString());
        Path other = Files.writeString(temp.resolve("other.json"), "{\"cards\": []}");
        assertRefused(
                "ampulla: " + other + " is neither a FHIR Bundle (resourceType Bundle) nor a CDS Hooks"
                        + " request (an object with hook, context and prefetch)",
                "evaluate",
                other.toString());
    }

    @Test
    void aRequestForAHookAmpullaDoesNotAnswerIsRefused() throws Exception {
        Path request =
                Files.writeString(temp.resolve("encounter.json"), "{\"hook\": \"encounter-start\", \"context\": {}}");
        assertRefused(
                "ampulla: " + request + " is a CDS Hooks request for the hook 'encounter-start', which Ampulla"
                        + " does not answer (it answers patient-view, order-select, order-sign)",
                "evaluate",
                request.toString());
    }

    @Test
    void aRequestTheServiceRefusesIsNamed() throws Exception {
        Path request = Files.writeString(
                temp.resolve("no-patient.json"),
                "{\"hook\": \"patient-view\","
                        + " \"hookInstance\": \"0d7e2a41-5a3b-4f47-9a6c-2f1e8b9c7d10\", \"context\": {}}");
        CommandRun run = CommandRun.of("evaluate", request.toString());
        assertEquals(2, run.exitCode());
        assertEquals(2, run.errLines().size(), run.err());
        assertTrue(
                run.errLines()
                        .get(1)
                        .startsWith("ampulla: " + request + " cannot be answered as a" + " patient-view request: "),
                run.err());
        assertEquals("", run.out(), "no cards");
    }

    @Test
    void aFileThatIsNotJsonIsRefusedWithoutQuotingIt() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.json"), "{\"name\": Jane Doe}");
        CommandRun run =
                assertRefused("ampulla: " + file + " is not JSON (line 1, column 10)", "evaluate", file.toString());
        assertFalse(run.err().contains("Jane"));
    }

    @Test
    void noFileAndABadFormatAreRefused() throws Exception {
        assertRefused(
                "ampulla: evaluate needs at least one file: evaluate FILE... [--format json|text] [options]"
                        + " (see evaluate --help)",
                "evaluate",
                "--today",
                TODAY);
        assertRefused(
                "ampulla: format must be json or text, got 'xml'; set it with --format",
                "evaluate",
                Examples.patient("10-stage-iva-resectable-upper").toString(),
                "--format",
                "xml");
    }

    private static void assertAnsweredAsTheServerAnswers(String hook, String slug, String service) throws Exception {
        Path request = Examples.request(hook, slug);
        CommandRun run = CommandRun.of("evaluate", request.toString(), "--today", TODAY);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                List.of("evaluate: " + request + " is a CDS Hooks " + hook + " request; answering as " + service),
                run.errLines());
        assertEquals(golden(hook, slug), GoldenJson.normalise(run.out()));
    }

    private static String golden(String hook, String slug) throws Exception {
        return Files.readString(Examples.root().resolve("golden").resolve(hook).resolve(slug + ".json"));
    }

    private static CommandRun assertRefused(String line, String... args) {
        CommandRun run = CommandRun.of(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(List.of(line), run.errLines());
        assertEquals("", run.out(), "no cards");
        return run;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
