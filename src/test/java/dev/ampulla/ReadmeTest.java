package dev.ampulla;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.support.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README documents every setting and every example it shows exists. */
class ReadmeTest {
    private final Path root = Examples.root().getParent();

    @Test
    void everySettingIsDocumented() throws Exception {
        String readme = Files.readString(root.resolve("README.md"));
        for (AmpullaConfig.Option o : AmpullaConfig.OPTIONS) {
            assertTrue(
                    readme.contains("`--" + o.name() + "`") && readme.contains("`" + o.env() + "`"),
                    o.name() + " is in the configuration table");
        }
    }

    @Test
    void theCiScriptRunsTheReadmeTestCommand() throws Exception {
        String readme = Files.readString(root.resolve("README.md"));
        String ci = Files.readString(root.resolve(".ci/run"));
        assertTrue(readme.contains("mvn -B verify") && ci.contains("\nmvn -B verify\n"));
    }

    @Test
    void theExamplesTheReadmeShowsExist() throws Exception {
        String readme = Files.readString(root.resolve("README.md"));
        var m = java.util.regex.Pattern.compile("(fhir-examples/[\\w/.-]+\\.json)")
                .matcher(readme);
        int found = 0;
        while (m.find()) {
            assertTrue(Files.exists(root.resolve(m.group(1))), m.group(1));
            found++;
        }
        assertTrue(found >= 3);
    }
}
