package dev.ampulla.knowledge.pack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.support.AmpullaProcess;
import dev.ampulla.support.Examples;
import dev.ampulla.support.Packs;
import dev.ampulla.support.TestServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A pathway committee's edit, run without rebuilding: an exported pack with a changed card text, threshold and
 * version, served with {@code --knowledge-dir}; and {@code knowledge check} printing exactly the golden cases the
 * edit changes. Each runs Ampulla's command line in its own JVM, as an operator would.
 */
class EditedPackTest {

    @Test
    void theServerRunsAnEditedPackWithoutRebuilding() throws Exception {
        Path pack = Packs.exported();
        Packs.edit(pack, "manifest.yaml", "version: " + KnowledgePack.shipped().version(), "version: 9.9.9");
        Packs.edit(
                pack,
                "rules/R9.yaml",
                "Stage {stage-group}: surgery is the main treatment",
                "Stage {stage-group}: surgery is the main treatment (committee wording)");
        Packs.edit(pack, "rules/R9.yaml", "indicator: info", "indicator: critical");
        Packs.edit(pack, "parameters.yaml", "lower-max-cm: 5", "lower-max-cm: 3.5");
        try (AmpullaProcess serve = AmpullaProcess.start(
                "serve",
                "--development-mode",
                "true",
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--data-dir",
                TestServer.temporaryDataDir(),
                "--knowledge-dir",
                pack.toString(),
                "--today",
                TestServer.EXAMPLES_DAY)) {
            int port = serve.awaitPort();
            assertTrue(port > 0, serve.output());
            JsonPath cards = given().port(port)
                    .contentType("application/json")
                    .body(Examples.read(Examples.root().resolve("requests/patient-view/01-stage-i-lower-rectum.json")))
                    .post("/cds-services/rectal-cancer-pathways")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            // the committee made R9 critical: it now comes first, ahead of the stage card
            assertEquals(
                    List.of("surgery-primary", "stage-summary", "mmr-status-needed"),
                    cards.getList("cards.source.topic.code"));
            assertEquals("critical", cards.getString("cards[0].indicator"));
            assertEquals(
                    "Stage I: surgery is the main treatment (committee wording)", cards.getString("cards[0].summary"));
            // 4 cm from the anal verge: lower rectum with the shipped 5 cm, middle rectum with 3.5 cm
            assertEquals("middle", cards.getString("cards[1].extension.'dev.ampulla.stage'.segment"));
            assertTrue(
                    cards.getString("cards[1].detail").contains("segments at 3.5 / 10 / 15 cm"),
                    cards.getString("cards[1].detail"));
            assertEquals(
                    List.of("9.9.9", "9.9.9", "9.9.9"),
                    cards.getList("cards.extension.'dev.ampulla.knowledge'.version"));
            String page = cards.getString("cards[0].source.url").replaceFirst("^https?://[^/]+", "");
            given().port(port)
                    .get(page)
                    .then()
                    .statusCode(200)
                    .body(containsString("version 9.9.9"))
                    .body(containsString("(committee wording)"));
            given().port(port)
                    .get("/cds-services")
                    .then()
                    .statusCode(200)
                    .body("services.extension.'dev.ampulla.knowledge'.version", everyItem(equalTo("9.9.9")))
                    .body("services.id", hasItem("rectal-cancer-pathways"));
        }
    }

    @Test
    void knowledgeCheckPassesTheShippedPackWithARaisedVersion() throws Exception {
        Path pack = Packs.exported();
        Packs.edit(pack, "manifest.yaml", "version: " + KnowledgePack.shipped().version(), "version: 9.9.9");
        AmpullaProcess check = AmpullaProcess.start("knowledge", "check", pack.toString());
        int exit = check.waitForExit();
        assertEquals(0, exit, check.output());
        assertTrue(check.output().contains("passes its checks"), check.output());
        assertTrue(
                check.output()
                        .matches("(?s).*No card of the \\d+ golden cases changes \\(knowledge version 9\\.9\\.9"
                                + " aside\\)\\..*"),
                check.output());
    }

    @Test
    void knowledgeCheckPrintsExactlyTheGoldenCasesAChangedRuleChanges() throws Exception {
        Path pack = Packs.exported();
        Packs.edit(
                pack,
                "rules/R9.yaml",
                "Stage {stage-group}: surgery is the main treatment",
                "Stage {stage-group}: surgery is the main treatment (committee wording)");
        AmpullaProcess check = AmpullaProcess.start("knowledge", "check", pack.toString());
        int exit = check.waitForExit();
        assertEquals(1, exit, check.output());
        TreeSet<String> printed = new TreeSet<>();
        Matcher m = Pattern.compile("=== (\\S+) \\(").matcher(check.output());
        while (m.find()) {
            printed.add(m.group(1));
        }
        assertEquals(casesWithRule("R9"), printed, check.output());
        assertTrue(
                check.output()
                        .contains("+       \"summary\" : \"Stage I: surgery is the main treatment (committee"
                                + " wording)\","),
                check.output());
    }

    /** The golden cases with a card of the rule, read from the golden files themselves. */
    private static SortedSet<String> casesWithRule(String rule) throws IOException {
        TreeSet<String> cases = new TreeSet<>();
        Path golden = Examples.root().resolve("golden");
        ObjectMapper json = new ObjectMapper();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(golden)) {
            walk.filter(p -> p.toString().endsWith(".json")).forEach(files::add);
        }
        for (Path file : files) {
            for (JsonNode card : json.readTree(file.toFile()).path("cards")) {
                for (JsonNode id : card.path("extension").path("dev.ampulla.rules")) {
                    if (id.asText().equals(rule)) {
                        String name = golden.relativize(file).toString().replace('\\', '/');
                        cases.add(name.substring(0, name.length() - ".json".length()));
                    }
                }
            }
        }
        assertTrue(cases.size() > 2, "several golden cases have " + rule);
        return cases;
    }
}
