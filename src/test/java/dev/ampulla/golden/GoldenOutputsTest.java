package dev.ampulla.golden;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ampulla.knowledge.check.GoldenCases;
import dev.ampulla.knowledge.check.GoldenJson;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cards Ampulla gives for every example request and every real-world record (patient-view, full prefetch), kept
 * as reviewable files under {@code fhir-examples/golden/}.
 * Each request is posted to the running server and its answer, normalised ({@link GoldenJson}), must equal its file;
 * a difference fails with the line diff. After a deliberate change, rewrite the files with
 * {@code mvn -B verify -Dampulla.golden=update} (or {@code -Dtest=GoldenOutputsTest}) and review the diff in git.
 */
class GoldenOutputsTest {
    private static final boolean UPDATE = "update".equals(System.getProperty("ampulla.golden"));

    /** One golden case: a request and the file holding its expected answer. */
    record Case(String name, Supplier<String> request, String servicePath, Path golden) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (GoldenCases.Case c : GoldenCases.of(exampleFiles())) {
            cases.add(new Case(
                    c.name(), c::request, c.servicePath(), Examples.root().resolve(c.goldenPath())));
        }
        return cases;
    }

    /** The examples folder as the packaged copy holds it: every file by its path relative to the folder. */
    static Map<String, byte[]> exampleFiles() {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(Examples.root())) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(Examples.root().relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }

    static Path goldenRoot() {
        return Examples.root().resolve("golden");
    }

    private static List<Path> jsonFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answerEqualsItsGoldenFile(Case c) throws IOException {
        String response = given().port(TestServer.port())
                .contentType("application/json")
                .body(c.request().get())
                .when()
                .post(c.servicePath())
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String actual = GoldenJson.normalise(response);
        if (UPDATE) {
            Files.createDirectories(c.golden().getParent());
            Files.writeString(c.golden(), actual);
            return;
        }
        if (!Files.exists(c.golden())) {
            fail("no golden output " + c.golden() + " for " + c.name()
                    + "; create it with -Dampulla.golden=update and review it");
        }
        String expected = Files.readString(c.golden());
        if (!expected.equals(actual)) {
            fail("the cards for " + c.name() + " changed (- golden, + now); if deliberate, rewrite with"
                    + " -Dampulla.golden=update and explain the change in the commit:\n"
                    + GoldenJson.diff(expected, actual));
        }
    }

    /** Every card names the knowledge version that produced it and links to its rule's page, which answers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCardNamesItsKnowledgeVersionAndRulePage(Case c) {
        io.restassured.path.json.JsonPath answer = given().port(TestServer.port())
                .contentType("application/json")
                .body(c.request().get())
                .when()
                .post(c.servicePath())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> cards = answer.getList("cards");
        for (int i = 0; i < cards.size(); i++) {
            String card = "cards[" + i + "]";
            assertEquals(
                    KnowledgePack.shipped().version(),
                    answer.getString(card + ".extension.'dev.ampulla.knowledge'.version"),
                    c + " " + card);
            String url = answer.getString(card + ".source.url");
            List<String> rules = answer.getList(card + ".extension.'dev.ampulla.rules'");
            String page = "/knowledge/rules/" + rules.get(0);
            // the server's public base URL, by default http://localhost:<port>
            assertEquals("http://localhost:" + TestServer.port() + page, url, c + " " + card);
            given().port(TestServer.port())
                    .get(page)
                    .then()
                    .statusCode(200)
                    .contentType(org.hamcrest.Matchers.containsString("text/html"))
                    .body(org.hamcrest.Matchers.containsString("Rule <strong>" + rules.get(0) + "</strong>"))
                    .body(org.hamcrest.Matchers.containsString(
                            "version " + KnowledgePack.shipped().version()));
        }
    }

    @Test
    void everyGoldenFileHasItsRequest() throws IOException {
        List<String> orphans = new ArrayList<>();
        List<Path> expected = cases().stream().map(Case::golden).toList();
        for (String hook : List.of("patient-view", "order-select", "order-sign", "real-world")) {
            for (Path golden : jsonFiles(goldenRoot().resolve(hook))) {
                if (!expected.contains(golden)) {
                    orphans.add(golden.toString());
                }
            }
        }
        if (UPDATE) {
            for (String orphan : orphans) {
                Files.delete(Path.of(orphan));
            }
            return;
        }
        assertEquals(List.of(), orphans, "golden outputs whose request no longer exists");
    }

    @Test
    void theNormalisationMasksOnlyWhatChangesBetweenCalls() {
        String a = "{\"cards\":[{\"uuid\":\"0190a4d2-1111-7000-8000-000000000001\",\"summary\":\"x\","
                + "\"suggestions\":[{\"uuid\":\"0190a4d2-1111-7000-8000-000000000002\"}],"
                + "\"detail\":\"a\\nb\",\"links\":[{\"url\":\"/x/0190a4d2-1111-7000-8000-000000000001\"}]}]}";
        String normalised = GoldenJson.normalise(a);
        assertTrue(normalised.contains("\"uuid\" : \"<uuid-1>\""), normalised);
        assertTrue(normalised.contains("\"uuid\" : \"<uuid-2>\""), normalised);
        assertTrue(normalised.contains("/x/<uuid-1>"), normalised);
        assertTrue(normalised.contains("\"summary\" : \"x\""), normalised);
        assertTrue(normalised.contains("\"detail (lines)\" : [\n"), normalised);
        assertEquals("- b\n+ c", GoldenJson.diff("a\nb", "a\nc"));
    }
}
