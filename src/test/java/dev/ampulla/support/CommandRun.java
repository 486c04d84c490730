package dev.ampulla.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of Ampulla's command line in its own JVM (class path of this build), to its end: the exit code, standard
 * output and standard error apart, and how long it took. Settings come only from the arguments: the AMPULLA_
 * variables of the environment the tests run in are not passed on.
 */
public record CommandRun(int exitCode, String out, String err, Duration took) {

    public static CommandRun of(String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.ampulla.Main"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("ampulla-out", ".txt");
            Path err = Files.createTempFile("ampulla-err", ".txt");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("AMPULLA_"));
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the command did not end within two minutes: " + String.join(" ", args) + "\n"
                        + Files.readString(out) + Files.readString(err));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            CommandRun run = new CommandRun(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8),
                    took);
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The lines of standard error that are not blank. */
    public List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }
}
