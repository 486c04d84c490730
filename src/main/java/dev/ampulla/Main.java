package dev.ampulla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.fhir.PatientRecordBuilder;
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
 * Command line: {@code serve} (default) runs the CDS service; {@code evaluate <bundle.json>} prints the patient-view
 * cards for a patient Bundle, so the clinical logic can be reviewed without an EHR.
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
                    AmpullaConfig config = AmpullaConfig.from(AmpullaConfig.parseOptions(rest), System.getenv());
                    Application app = new Application(config).start();
                    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "ampulla-shutdown"));
                }
                case "evaluate" -> evaluate(rest);
                case "warm-up" -> warmUp(rest);
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
        var cards = new RectalCancerAdvisor(config.segmentThresholds()).advise(record, patientId);
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
        out.println("  java -jar ampulla.jar evaluate <bundle.json> [options]  print patient-view cards for a Bundle");
        out.println("  java -jar ampulla.jar warm-up                    start, answer the examples once, exit");
        out.println("      (with -XX:ArchiveClassesAtExit=ampulla.jsa: records a class-data-sharing archive that");
        out.println("       shortens later starts run with -XX:SharedArchiveFile=ampulla.jsa)");
        out.println("  java -jar ampulla.jar --help                     this text");
        out.println();
        out.println("Options (each also read from its environment variable):");
        for (AmpullaConfig.Option o : AmpullaConfig.OPTIONS) {
            out.printf("  --%-24s %-32s default %s%n      %s%n", o.name() + " <value>", o.env(), o.defaultValue(),
                    o.description());
        }
    }
}
