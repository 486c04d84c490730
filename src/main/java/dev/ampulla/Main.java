package dev.ampulla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.demo.ExampleCatalog;
import dev.ampulla.demo.InMemoryFhirServer;
import dev.ampulla.fhir.PatientRecordBuilder;
import dev.ampulla.knowledge.pack.PackException;
import dev.ampulla.ops.LogLayout;
import dev.ampulla.service.ClinicalSelection;
import dev.ampulla.service.RectalCancerAdvisor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Command line: {@code serve} (default) runs the CDS service; {@code demo} runs it next to an in-memory FHIR server
 * holding the example patients; {@code evaluate <bundle.json>} prints the patient-view cards for a patient Bundle, so
 * the clinical logic can be reviewed without an EHR; {@code health-check} asks a running Ampulla whether it is ready.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        List<String> list = Arrays.asList(args);
        String command = list.isEmpty() || list.get(0).startsWith("--") ? "serve" : list.get(0);
        List<String> rest = list.isEmpty() || list.get(0).startsWith("--") ? list : list.subList(1, list.size());
        try {
            switch (command) {
                case "serve" -> {
                    if (rest.contains("--help") || rest.contains("-h")) {
                        usage(System.out);
                        return;
                    }
                    AmpullaConfig config = config(rest);
                    Application app = new Application(config).start();
                    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "ampulla-shutdown"));
                }
                case "demo" -> demo(rest);
                case "health-check" -> System.exit(healthCheck(rest));
                case "evaluate" -> evaluate(rest);
                case "warm-up" -> warmUp(rest);
                case "knowledge" -> System.exit(KnowledgeCommand.run(rest, System.out, System.err));
                case "help", "-h" -> usage(System.out);
                default -> {
                    System.err.println("Unknown command: " + command);
                    usage(System.err);
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
        AmpullaConfig config = AmpullaConfig.from(options, System.getenv());
        if (options.containsKey("log-format")) {
            System.setProperty(LogLayout.FORMAT_PROPERTY, options.get("log-format").trim());
        }
        return config;
    }

    /**
     * The one-command demo: an in-memory FHIR server (on the port after Ampulla's) holding every example patient, and
     * Ampulla with the card viewer sending hooks that name that server, so calls without prefetch work too.
     */
    private static void demo(List<String> args) {
        AmpullaConfig config = config(args);
        if (config.today() == null) {
            // the example patients are dated: judge their data's age as of their day, not years later
            config = config.withToday(ExampleCatalog.EXAMPLES_DAY);
        }
        ExampleCatalog examples = ExampleCatalog.packaged();
        InMemoryFhirServer fhir;
        try {
            fhir = new InMemoryFhirServer("127.0.0.1", config.port() == 0 ? 0 : config.port() + 1, 100);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot start the demo FHIR server on port "
                    + (config.port() + 1) + ": " + e.getMessage(), e);
        }
        for (ExampleCatalog.Patient p : examples.patients()) {
            fhir.load(new String(p.bundle(), java.nio.charset.StandardCharsets.UTF_8));
        }
        // Ready before the URLs are printed, so that a first call from the viewer is not slowed down by warm-up.
        Application app = new Application(config, examples, fhir.base()).startAndAwaitReady();
        app.awaitStartupTasks(java.time.Duration.ofSeconds(10));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            fhir.close();
        }, "ampulla-shutdown"));
        String base = config.publicBaseUrl(app.port());
        if (Terminal.attached()) {
            System.out.println();
            System.out.println("Ampulla demo is running (open development mode, synthetic patients only).");
            System.out.println("  Card viewer:    " + base + "/");
            System.out.println("  CDS discovery:  " + base + "/cds-services");
            System.out.println("  FHIR server:    " + fhir.base() + "  (" + examples.patients().size()
                    + " example patients, " + fhir.resourceCount() + " resources, in memory)");
            System.out.println("  Metrics:        " + base + "/metrics");
            System.out.println("Press Ctrl+C to stop.");
            System.out.println();
        }
        // The same for log shippers and scripts, as fields of one line; the logger is looked up only now, after the
        // options chose the log format.
        org.slf4j.LoggerFactory.getLogger(Main.class).atInfo()
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
        AmpullaConfig config = AmpullaConfig.from(AmpullaConfig.parseOptions(args), System.getenv());
        int port = config.port() == 0 ? 8080 : config.port();
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1"
                : config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(2)).build()
                    .send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://" + host + ":" + port + "/health/ready"))
                            .timeout(java.time.Duration.ofSeconds(3)).build(),
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
     * Starts on a free port, answers every packaged example once over HTTP, and exits. With
     * {@code -XX:ArchiveClassesAtExit=ampulla.jsa} this records a class-data-sharing archive that shortens later
     * starts ({@code -XX:SharedArchiveFile=ampulla.jsa}).
     */
    private static void warmUp(List<String> args) {
        Map<String, String> options = new java.util.HashMap<>(AmpullaConfig.parseOptions(args));
        options.put("port", "0");
        options.put("host", "127.0.0.1");
        try {
            // The calls made here are not clinical use: their cards go to a throw-away store.
            options.put("data-dir", java.nio.file.Files.createTempDirectory("ampulla-warm-up").toString());
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

    private static void evaluate(List<String> args) {
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            throw new IllegalArgumentException("evaluate needs a FHIR Bundle file: evaluate <bundle.json> [options]");
        }
        Path file = Path.of(args.get(0));
        AmpullaConfig config = AmpullaConfig.from(AmpullaConfig.parseOptions(args.subList(1, args.size())),
                System.getenv());
        JsonNode bundle;
        try {
            bundle = CdsJson.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String patientId = "example";
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode r = entry.path("resource");
            if ("Patient".equals(r.path("resourceType").asText()) && r.hasNonNull("id")) {
                patientId = r.get("id").asText();
            }
        }
        var record = new PatientRecordBuilder(ClinicalSelection.INSTANCE).add(bundle).build();
        var pack = Application.knowledgePack(config);
        var cards = new RectalCancerAdvisor(pack, () -> config.publicBaseUrl(config.port()), config.clock(),
                Application.guidelineLayer(pack, config)).advise(record, patientId);
        try {
            System.out.println(CdsJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new CdsResponse(cards)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void usage(PrintStream out) {
        out.println("Ampulla: CDS Hooks service for rectal cancer staging and treatment pathways.");
        out.println();
        out.println("Usage:");
        out.println("  java -jar ampulla.jar [serve] [options]          run the CDS service");
        out.println("  java -jar ampulla.jar demo [options]             run it with an in-memory FHIR server holding the");
        out.println("      example patients, and the card viewer at / (open development mode)");
        out.println("  java -jar ampulla.jar health-check [options]     exit 0 if Ampulla on --port answers ready");
        out.println("  java -jar ampulla.jar evaluate <bundle.json> [options]  print patient-view cards for a Bundle");
        out.println("  java -jar ampulla.jar warm-up                    start, answer the examples once, exit");
        out.println("      (with -XX:ArchiveClassesAtExit=ampulla.jsa: records a class-data-sharing archive that");
        out.println("       shortens later starts run with -XX:SharedArchiveFile=ampulla.jsa)");
        out.println("  java -jar ampulla.jar knowledge export DIR        write the shipped knowledge pack to DIR");
        out.println("  java -jar ampulla.jar knowledge check DIR         check the pack in DIR and print the cards of the");
        out.println("      golden cases that it changes (exit 1 when any changes)");
        out.println("  java -jar ampulla.jar --help                     this text");
        out.println();
        out.println("Options (each also read from its environment variable):");
        for (AmpullaConfig.Option o : AmpullaConfig.OPTIONS) {
            out.printf("  --%-24s %-32s default %s%n      %s%n", o.name() + " <value>", o.env(), o.defaultValue(),
                    o.description());
        }
    }
}
