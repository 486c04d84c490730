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
    /** Every line so far; a reader thread appends, so that a line that never comes cannot hang a test. */
    private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

    private final java.util.concurrent.BlockingQueue<String> unread = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread reader;

    private AmpullaProcess(Process process) {
        this.process = process;
        this.reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            lines.add(line);
                            unread.add(line);
                        }
                    } catch (IOException e) {
                        // the process was stopped
                    }
                },
                "ampulla-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static AmpullaProcess start(String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.ampulla.Main"));
        command.addAll(List.of(args));
        try {
            return new AmpullaProcess(
                    new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end (at most two minutes) and returns its exit code; {@link #output()} holds its lines. */
    public int waitForExit() throws IOException, InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the command did not end: " + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        return process.exitValue();
    }

    /**
     * Waits (at most two minutes) until the server says where it listens; its port, or -1 when it ended or said
     * nothing of the kind in that time.
     */
    public int awaitPort() throws IOException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try {
            while (System.nanoTime() < end) {
                String line = unread.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                } else if (!process.isAlive() && !reader.isAlive() && unread.isEmpty()) {
                    return -1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** Waits (at most a minute) until the output holds {@code text}; whether it does. */
    public boolean awaitOutput(String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!output().contains(text)) {
            if (System.nanoTime() > end || (!process.isAlive() && !reader.isAlive())) {
                return output().contains(text);
            }
            Thread.sleep(50);
        }
        return true;
    }

    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
