package dev.ampulla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.support.CommandRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every command answers {@code --help} and {@code -h} with its usage on standard output, and exit code 0. */
class CommandHelpTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "demo, --help, java -jar ampulla.jar demo [options]",
        "demo, -h, java -jar ampulla.jar demo [options]",
        "serve, --help, java -jar ampulla.jar [serve] [options]",
        "evaluate, --help, Usage: java -jar ampulla.jar evaluate FILE... [--format json|text] [options]",
        "evaluate, -h, Usage: java -jar ampulla.jar evaluate FILE... [--format json|text] [options]",
        "knowledge, --help, java -jar ampulla.jar knowledge check DIR",
        "health-check, --help, java -jar ampulla.jar health-check [options]"
    })
    void printsItsUsage(String command, String flag, String expected) {
        CommandRun run = CommandRun.of(command, flag);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(expected), run.out());
        assertEquals("", run.err());
    }
}
