package dev.ampulla.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ampulla's command line run in its own JVM, as an operator runs it (class path of this build). */
public final class AmpullaProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private AmpullaProcess(Process process) {
        this.process = process;
    }

    public static AmpullaProcess start(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.ampulla.Main"));
        command.addAll(List.of(args));
        try {
            return new AmpullaProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end (at most two minutes) and returns its exit code; {@link #output()} holds its lines. */
    public int waitForExit() throws IOException, InterruptedException {
        readAll();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the command did not end: " + String.join("\n", lines));
        }
        return process.exitValue();
    }

    /** Reads the output until the server says where it listens; its port, or -1 when it ended without. */
    public int awaitPort() throws IOException {
        BufferedReader out = reader();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling up
                        }
                    } catch (IOException e) {
                        // the process was stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    private void readAll() throws IOException {
        BufferedReader out = reader();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
        }
    }

    private BufferedReader reader() {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
