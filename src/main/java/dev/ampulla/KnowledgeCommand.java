package dev.ampulla;

import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.demo.ExampleCatalog;
import dev.ampulla.knowledge.check.GoldenCases;
import dev.ampulla.knowledge.check.GoldenJson;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.PackException;
import dev.ampulla.knowledge.pack.PackSource;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code knowledge export DIR}: writes the shipped pack out, to start an edit from. {@code knowledge check DIR}:
 * checks an edited pack as start-up would, then runs every golden case against it on a local, private instance and
 * prints the cards that differ from the shipped pack's (exit 0: none differ; 1: some do; 2: the pack is refused).
 */
final class KnowledgeCommand {

    private KnowledgeCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2 || !(args.get(0).equals("export") || args.get(0).equals("check"))) {
            err.println("usage: knowledge export DIR | knowledge check DIR");
            return 2;
        }
        Path dir = Path.of(args.get(1));
        return args.get(0).equals("export") ? export(dir, out, err) : check(dir, out, err);
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static int export(Path dir, PrintStream out, PrintStream err) {
        try {
            if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmptyDirectory(dir))) {
                err.println("ampulla: " + dir + " exists and is not an empty folder; choose a new one");
                return 2;
            }
            KnowledgePack pack = KnowledgePack.shipped();
            for (String file : pack.files()) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.write(target, PackSource.shipped().bytes(file));
            }
            out.println("Wrote the knowledge pack " + pack.manifest().id() + " " + pack.version() + " ("
                    + pack.files().size() + " files) to " + dir);
            out.println("Edit it, raise its version in manifest.yaml, then: knowledge check " + dir);
            return 0;
        } catch (IOException e) {
            err.println("ampulla: cannot write " + dir + ": " + e.getMessage());
            return 2;
        }
    }

    private static int check(Path dir, PrintStream out, PrintStream err) {
        KnowledgePack pack;
        try {
            pack = KnowledgePack.load(PackSource.directory(dir.toAbsolutePath()));
        } catch (PackException e) {
            err.println("ampulla: the knowledge pack was refused: " + e.getMessage());
            return 2;
        }
        Path data;
        try {
            data = Files.createTempDirectory("ampulla-check");
        } catch (IOException e) {
            err.println("ampulla: cannot create a temporary folder: " + e.getMessage());
            return 2;
        }
        Application app = null;
        try {
            AmpullaConfig config = AmpullaConfig.from(
                    Map.of(
                            "host",
                            "127.0.0.1",
                            "port",
                            "0",
                            "knowledge-dir",
                            dir.toString(),
                            "data-dir",
                            data.toString(),
                            "today",
                            dev.ampulla.demo.ExampleCatalog.EXAMPLES_DAY.toString(),
                            "development-mode",
                            "true"),
                    Map.of());
            app = new Application(config).startAndAwaitReady();
            out.println(
                    "The pack " + pack.manifest().id() + " " + pack.version() + " in " + dir + " passes its checks.");
            return compare(app.port(), pack.version(), out, err);
        } catch (PackException e) {
            err.println("ampulla: the knowledge pack was refused: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("ampulla: the check failed: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        } finally {
            if (app != null) {
                app.close();
            }
            deleteQuietly(data);
        }
    }

    /**
     * Posts every golden case and prints the cards that differ from the shipped pack's. The knowledge version every
     * card names is left out of the comparison: raising it is expected, not a change of the cards.
     */
    private static int compare(int port, String version, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<GoldenCases.Case> cases = GoldenCases.of(ExampleCatalog.packagedFiles());
        int changed = 0;
        for (GoldenCases.Case c : cases) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.servicePath()))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(c.request()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                err.println("ampulla: " + c.name() + " was answered with HTTP " + answer.statusCode() + ": "
                        + answer.body());
                return 2;
            }
            String actual = withoutVersion(GoldenJson.normalise(answer.body()));
            String golden = c.golden() == null ? "" : withoutVersion(c.golden());
            if (!golden.equals(actual)) {
                changed++;
                out.println();
                out.println("=== " + c.name() + " (" + c.goldenPath() + "): the cards change (- shipped, + this pack)");
                out.println(GoldenJson.diff(golden, actual));
            }
        }
        out.println();
        out.println(
                changed == 0
                        ? "No card of the " + cases.size() + " golden cases changes (knowledge version " + version
                                + " aside)."
                        : changed + " of the " + cases.size() + " golden cases change.");
        return changed == 0 ? 0 : 1;
    }

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile(
            "(\"dev\\.ampulla\\.knowledge\" : \\{\\s*\"pack\" : \"[^\"]*\",\\s*\"version\" : )\"[^\"]*\"");

    private static String withoutVersion(String golden) {
        return VERSION.matcher(golden).replaceAll("$1\"<version>\"");
    }

    private static void deleteQuietly(Path folder) {
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
