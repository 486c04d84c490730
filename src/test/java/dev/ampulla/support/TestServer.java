package dev.ampulla.support;

import dev.ampulla.Application;
import dev.ampulla.config.AmpullaConfig;
import java.util.Map;

/** One real Ampulla server per test JVM, on a free port, started once and warmed up. */
public final class TestServer {
    /** A small body limit, so the 413 test does not need megabytes. */
    public static final long MAX_BODY_BYTES = 512 * 1024;

    private static Application app;
    /** The example patients' day: their data's age is judged as of it, as in the golden outputs. */
    public static final String EXAMPLES_DAY = dev.ampulla.demo.ExampleCatalog.EXAMPLES_DAY.toString();

    private TestServer() {}

    public static synchronized int port() {
        if (app == null) {
            AmpullaConfig config = AmpullaConfig.from(
                    Map.of(
                            "port",
                            "0",
                            "host",
                            "127.0.0.1",
                            "max-body-bytes",
                            Long.toString(MAX_BODY_BYTES),
                            "data-dir",
                            temporaryDataDir(),
                            "today",
                            EXAMPLES_DAY,
                            "development-mode",
                            "true"),
                    Map.of());
            app = ready(new Application(config).startAndAwaitReady());
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        }
        return app.port();
    }

    /** A fresh directory for a server's feedback store, so tests never write into the working tree. */
    public static String temporaryDataDir() {
        try {
            return java.nio.file.Files.createTempDirectory("ampulla-test-store").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Another Ampulla with some settings changed (for fetch deadlines); the caller closes it. */
    public static Application startWith(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "port",
                "0",
                "host",
                "127.0.0.1",
                "data-dir",
                temporaryDataDir(),
                "today",
                EXAMPLES_DAY,
                "development-mode",
                "true"));
        all.putAll(settings);
        return ready(new Application(AmpullaConfig.from(all, Map.of())).startAndAwaitReady());
    }

    /** Tests start once the feedback store's migration (run after ready) has finished or failed. */
    public static Application ready(Application started) {
        if (!started.awaitStartupTasks(java.time.Duration.ofSeconds(30))) {
            throw new IllegalStateException("the server's start-up tasks did not finish within 30 s");
        }
        return started;
    }
}
