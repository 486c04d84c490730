package dev.ampulla;

import dev.ampulla.cli.EvaluateCommand;
import dev.ampulla.cli.SettingProblem;
import dev.ampulla.cli.StartupCheck;
import dev.ampulla.cli.Usage;
import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.demo.ExampleCatalog;
import dev.ampulla.demo.InMemoryFhirServer;
import dev.ampulla.knowledge.pack.PackException;
import dev.ampulla.ops.LogLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Command line: {@code serve} (default) runs the CDS service; {@code demo} runs it next to an in-memory FHIR server
 * holding the example patients; {@code evaluate FILE...} prints the cards for patient Bundles or CDS Hooks request
 * files, so the clinical logic can be reviewed without an EHR; {@code health-check} asks a running Ampulla whether it
 * is ready.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        List<String> list = Arrays.asList(args);
        String command = list.isEmpty() || list.get(0).startsWith("--") ? "serve" : list.get(0);
        List<String> rest = list.isEmpty() || list.get(0).startsWith("--") ? list : list.subList(1, list.size());
        try {
            if (Usage.COMMANDS.contains(command) && (rest.contains("--help") || rest.contains("-h"))) {
                Usage.of(command, System.out);
                return;
            }
            switch (command) {
                case "serve" -> {
                    AmpullaConfig config = config(rest);
                    config.requireAuthenticationOrDevelopmentMode();
                    StartupCheck.beforeServing(config);
                    Application app = StartupCheck.started(config, () -> new Application(config).start());
                    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "ampulla-shutdown"));
                }
                case "demo" -> demo(rest);
                case "health-check" -> System.exit(healthCheck(rest));
                // UTF-8 whatever the platform's encoding: JSON is UTF-8, and so is a terminal nowadays
                case "evaluate" ->
                    EvaluateCommand.run(rest, new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err);
                case "warm-up" -> warmUp(rest);
                case "knowledge" -> System.exit(KnowledgeCommand.run(rest, System.out, System.err));
                case "help", "-h" -> Usage.all(System.out);
                default -> {
                    System.err.println("Unknown command: " + command);
                    Usage.all(System.err);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ampulla: " + e.getMessage());
            System.exit(2);
        } catch (PackException e) {
            System.err.println("ampulla: the knowledge pack was refused: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Settings from the options and the environment; the log format is applied before anything logs. */
    private static AmpullaConfig config(List<String> args) {
        Map<String, String> options = AmpullaConfig.parseOptions(args);
        AmpullaConfig config;
        try {
            config = AmpullaConfig.from(options, System.getenv());
        } catch (IllegalArgumentException e) {
            throw SettingProblem.named(e);
        }
        if (options.containsKey("log-format")) {
            System.setProperty(
                    LogLayout.FORMAT_PROPERTY, options.get("log-format").trim());
        }
        return config;
    }

    /**
     * The one-command demo: an in-memory FHIR server (on the port after Ampulla's) holding every example patient, and
     * Ampulla with the card viewer sending hooks that name that server, so calls without prefetch work too.
     */
    private static void demo(List<String> args) {
        Map<String, String> options = AmpullaConfig.parseOptions(args);
        AmpullaConfig config;
        try {
            config = AmpullaConfig.forDemo(options, System.getenv());
        } catch (IllegalArgumentException e) {
            throw SettingProblem.named(e);
        }
        if (options.containsKey("log-format")) {
            System.setProperty(
                    LogLayout.FORMAT_PROPERTY, options.get("log-format").trim());
        }
        if (config.today() == null) {
            // the example patients are dated: judge their data's age as of their day, not years later
            config = config.withToday(ExampleCatalog.EXAMPLES_DAY);
        }
        StartupCheck.beforeDemo(config);
        ExampleCatalog examples = ExampleCatalog.packaged();
        InMemoryFhirServer fhir;
        try {
            fhir = new InMemoryFhirServer(
                    "127.0.0.1", config.port() == 0 ? 0 : config.port() + 1, 100, config.corsAllowedOrigins());
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "cannot start the demo FHIR server on port " + (config.port() + 1) + ": " + e.getMessage(), e);
        }
        for (ExampleCatalog.Patient p : examples.patients()) {
            fhir.load(new String(p.bundle(), java.nio.charset.StandardCharsets.UTF_8));
        }
        // Ready before the URLs are printed, so that a first call from the viewer is not slowed down by warm-up.
        AmpullaConfig settings = config;
        Application app = StartupCheck.started(
                config, () -> new Application(settings, examples, fhir.base()).startAndAwaitReady());
        app.awaitStartupTasks(java.time.Duration.ofSeconds(10));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            fhir.close();
                        },
                        "ampulla-shutdown"));
        String base = config.publicBaseUrl(app.port());
        if (Terminal.attached()) {
            System.out.println();
            System.out.println("Ampulla demo is running (open development mode, synthetic patients only).");
            System.out.println("  Card viewer:    " + base + "/");
            System.out.println("  CDS discovery:  " + base + "/cds-services");
            System.out.println("  FHIR server:    " + fhir.base() + "  ("
                    + examples.patients().size() + " example patients, " + fhir.resourceCount()
                    + " resources, in memory)");
            System.out.println("  Metrics:        " + base + "/metrics");
            System.out.println("Press Ctrl+C to stop.");
            System.out.println();
        }
        // The same for log shippers and scripts, as fields of one line; the logger is looked up only now, after the
        // options chose the log format.
        org.slf4j.LoggerFactory.getLogger(Main.class)
                .atInfo()
                .setMessage("demo listening on port {} (open development mode, synthetic patients only)")
                .addArgument(app.port())
                .addKeyValue("viewer", base + "/")
                .addKeyValue("discovery", base + "/cds-services")
                .addKeyValue("fhirServer", fhir.base())
                .addKeyValue("examplePatients", examples.patients().size())
                .addKeyValue("fhirResources", fhir.resourceCount())
                .addKeyValue("metrics", base + "/metrics")
                .log();
    }

    /** Exit status 0 when the Ampulla on the configured host and port answers ready, 1 otherwise. */
    private static int healthCheck(List<String> args) {
        AmpullaConfig config = config(args);
        int port = config.port() == 0 ? 8080 : config.port();
        String host = config.host().equals("0.0.0.0") || config.host().equals("::")
                ? "127.0.0.1"
                : config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(2))
                    .build()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://" + host + ":" + port + "/health/ready"))
                                    .timeout(java.time.Duration.ofSeconds(3))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            System.out.println(response.statusCode() + " " + response.body());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            System.out.println("not reachable on port " + port + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * Starts on a free port, answers every packaged example once over HTTP, and exits: a training run. With
     * {@code -XX:AOTCacheOutput=ampulla.aot} (JDK 25) this records an AOT cache for later starts
     * ({@code -XX:AOTCache=ampulla.aot}); with {@code -XX:ArchiveClassesAtExit=ampulla.jsa} (JDK 17) a
     * class-data-sharing archive ({@code -XX:SharedArchiveFile=ampulla.jsa}).
     */
    private static void warmUp(List<String> args) {
        Map<String, String> options = new java.util.HashMap<>(AmpullaConfig.parseOptions(args));
        options.put("port", "0");
        options.put("host", "127.0.0.1");
        options.put("development-mode", "true");
        try {
            // The calls made here are not clinical use: their cards go to a throw-away store.
            options.put(
                    "data-dir",
                    java.nio.file.Files.createTempDirectory("ampulla-warm-up").toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary directory", e);
        }
        try (Application app = new Application(AmpullaConfig.from(options, Map.of())).startAndAwaitReady()) {
            app.exerciseOverHttp();
        } catch (IOException e) {
            throw new IllegalStateException("warm-up failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }
}
