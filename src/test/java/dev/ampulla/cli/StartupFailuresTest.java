package dev.ampulla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.support.CommandRun;
import dev.ampulla.support.TestServer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A setting the machine cannot honour — a port in use, a data directory that cannot be written, a trust file that
 * cannot be read or is not valid, a bad option — ends {@code serve} and {@code demo} with exit code 2 and one line
 * on standard error naming the problem and the setting to change, without a stack trace and without first starting
 * the engine. The time limit is loose on purpose: it shows there is no long wait, not how fast a busy machine is.
 */
class StartupFailuresTest {
    private static final Duration NO_LONG_WAIT = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    @Test
    void aPortInUseIsNamedWithTheSettingToChange() throws Exception {
        try (ServerSocket held = loopbackSocket(0)) {
            int port = held.getLocalPort();
            assertRefused(
                    List.of("ampulla: port " + port + " is already in use on 127.0.0.1; choose another with"
                            + " --port or AMPULLA_PORT"),
                    "serve",
                    "--development-mode",
                    "true",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--data-dir",
                    TestServer.temporaryDataDir());
        }
    }

    @Test
    void theDemoRefusesAPortInUseTheSameWay() throws Exception {
        try (ServerSocket held = loopbackSocket(0)) {
            int port = held.getLocalPort();
            assertRefused(
                    List.of("ampulla: port " + port + " is already in use on 127.0.0.1; choose another with"
                            + " --port or AMPULLA_PORT"),
                    "demo",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--data-dir",
                    TestServer.temporaryDataDir());
        }
    }

    @Test
    void theDemoNamesItsFhirServersPortWhenThatOneIsInUse() throws Exception {
        try (ServerSocket held = loopbackSocket(0)) {
            int port = held.getLocalPort() - 1;
            assumeTrue(isFree(port), "the port below the one held is free");
            assertRefused(
                    List.of("ampulla: port " + (port + 1) + " (the demo's FHIR server: --port + 1) is not free"
                            + " on 127.0.0.1; choose another with --port or AMPULLA_PORT"),
                    "demo",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--data-dir",
                    TestServer.temporaryDataDir());
        }
    }

    @Test
    void aDataDirectoryUnderARegularFileIsNamed() throws Exception {
        // refused for root too, whom permissions do not stop
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        Path dataDir = file.resolve("data");
        assertRefused(
                List.of("ampulla: cannot use the data directory " + dataDir + ": " + file.toAbsolutePath()
                        + " is a file, not a directory; choose another with --data-dir or AMPULLA_DATA_DIR"),
                "serve",
                "--development-mode",
                "true",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dataDir.toString());
    }

    @Test
    void aMissingTrustFileIsNamed() {
        Path missing = temp.resolve("trust.json");
        assertRefused(
                List.of("ampulla: trust file " + missing + " does not exist; fix it or choose another with"
                        + " --trust-file or AMPULLA_TRUST_FILE"),
                serving("--trust-file", missing.toString()));
    }

    @Test
    void aTrustFileThatCannotBeReadIsNamed() throws Exception {
        // a directory cannot be read as a file, whoever runs the tests
        Path directory = Files.createDirectory(temp.resolve("trust.json"));
        assertRefused(
                List.of("ampulla: trust file " + directory + " is a directory, not a file; fix it or choose"
                        + " another with --trust-file or AMPULLA_TRUST_FILE"),
                serving("--trust-file", directory.toString()));
    }

    @Test
    void aTrustFileThatIsNotJsonIsNamedWithoutQuotingIt() throws Exception {
        Path malformed = Files.writeString(temp.resolve("trust.json"), "{\"clients\": [\n  {\"iss\": secret-looking");
        CommandRun run = assertRefused(
                List.of("ampulla: trust file " + malformed + " is not valid JSON (line 2,"
                        + " column 11); fix it or choose another with --trust-file or AMPULLA_TRUST_FILE"),
                serving("--trust-file", malformed.toString()));
        assertFalse(run.err().contains("secret"), "the file's content is not repeated");
    }

    @Test
    void aTrustFileWithoutClientsIsNamed() throws Exception {
        Path empty = Files.writeString(temp.resolve("trust.json"), "{\"clients\": []}");
        assertRefused(
                List.of("ampulla: trust file " + empty + " must list at least one client in \"clients\"; fix"
                        + " it or choose another with --trust-file or AMPULLA_TRUST_FILE"),
                serving("--trust-file", empty.toString()));
    }

    @Test
    void aPortThatIsNotANumberIsNamed() {
        assertRefused(
                List.of("ampulla: port must be a whole number, got 'abc'; set it with --port or AMPULLA_PORT"),
                "serve",
                "--port",
                "abc");
    }

    @Test
    void anUnknownLogFormatIsNamed() {
        assertRefused(
                List.of("ampulla: log-format must be json or text, got 'xml'; set it with --log-format or"
                        + " AMPULLA_LOG_FORMAT"),
                "serve",
                "--log-format",
                "xml");
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertRefused(List.of("ampulla: unknown option --colour (see --help)"), "serve", "--colour", "red");
    }

    @Test
    void aPortTakenBetweenTheCheckAndTheStartGivesTheSameLine() {
        AmpullaConfig config = AmpullaConfig.from(Map.of("host", "127.0.0.1", "port", "8080"), Map.of());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> StartupCheck.started(config, () -> {
                    throw new IllegalStateException("could not start", new BindException("Address already in use"));
                }));
        assertEquals(
                "port 8080 is already in use on 127.0.0.1; choose another with --port or AMPULLA_PORT", e.getMessage());
        IllegalStateException other = new IllegalStateException("something else");
        assertEquals(
                other,
                assertThrows(
                        IllegalStateException.class,
                        () -> StartupCheck.started(config, () -> {
                            throw other;
                        })),
                "other failures keep their stack trace");
    }

    /** serve on a free loopback port with a fresh data directory, and these options. */
    private static String[] serving(String... options) {
        List<String> args = new java.util.ArrayList<>(
                List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", TestServer.temporaryDataDir()));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    private static CommandRun assertRefused(List<String> expectedErr, String... args) {
        CommandRun run = CommandRun.of(args);
        assertEquals(2, run.exitCode(), () -> "exit code of " + String.join(" ", args) + "\n" + run.out() + run.err());
        assertEquals(expectedErr, run.errLines(), "one line on standard error");
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), "no stack trace");
        assertTrue(run.took().compareTo(NO_LONG_WAIT) < 0, () -> "ended after " + run.took());
        return run;
    }

    private static boolean isFree(int port) {
        try {
            loopbackSocket(port).close();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static ServerSocket loopbackSocket(int port) throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }
}
