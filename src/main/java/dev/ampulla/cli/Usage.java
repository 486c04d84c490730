package dev.ampulla.cli;

import dev.ampulla.config.AmpullaConfig;
import java.io.PrintStream;
import java.util.Set;

/** The help texts: {@code --help} of the whole command line, and of {@code evaluate} and {@code knowledge}. */
public final class Usage {
    /** The commands that answer {@code --help} and {@code -h}. */
    public static final Set<String> COMMANDS =
            Set.of("serve", "demo", "health-check", "evaluate", "warm-up", "knowledge");

    private Usage() {}

    /** The help for {@code command}: its own for {@code evaluate} and {@code knowledge}, else the whole. */
    public static void of(String command, PrintStream out) {
        switch (command) {
            case "evaluate" -> evaluate(out);
            case "knowledge" -> knowledge(out);
            default -> all(out);
        }
    }

    public static void all(PrintStream out) {
        out.println("Ampulla: CDS Hooks service for rectal cancer staging and treatment pathways.");
        out.println();
        out.println("Usage:");
        out.println("  java -jar ampulla.jar [serve] [options]          run the CDS service");
        out.println(
                "  java -jar ampulla.jar demo [options]             run it with an in-memory FHIR server holding the");
        out.println("      example patients, and the card viewer at / (open development mode)");
        out.println("  java -jar ampulla.jar health-check [options]     exit 0 if Ampulla on --port answers ready");
        out.println("  java -jar ampulla.jar evaluate FILE... [--format json|text] [options]");
        out.println("      print the cards for patient Bundles or CDS Hooks request files (see evaluate --help)");
        out.println("  java -jar ampulla.jar warm-up                    start, answer the examples once, exit");
        out.println("      (a training run: on JDK 25, -XX:AOTCacheOutput=ampulla.aot records an AOT cache for later");
        out.println("       starts with -XX:AOTCache=ampulla.aot; on JDK 17, -XX:ArchiveClassesAtExit=ampulla.jsa a");
        out.println("       class-data-sharing archive for -XX:SharedArchiveFile=ampulla.jsa)");
        out.println("  java -jar ampulla.jar knowledge export DIR        write the shipped knowledge pack to DIR");
        out.println(
                "  java -jar ampulla.jar knowledge check DIR         check the pack in DIR and print the cards of the");
        out.println("      golden cases that it changes (exit 1 when any changes)");
        out.println("  java -jar ampulla.jar --help                     this text (COMMAND --help: that command's)");
        out.println();
        out.println("A setting that cannot be used (a port in use, a data directory that cannot be written, a trust");
        out.println("file that cannot be read or is not valid, a bad value) ends serve and demo at once with exit");
        out.println("code 2 and one line on standard error naming the setting to change.");
        out.println();
        out.println("Options (each also read from its environment variable):");
        for (AmpullaConfig.Option o : AmpullaConfig.OPTIONS) {
            out.printf(
                    "  --%-24s %-32s default %s%n      %s%n",
                    o.name() + " <value>", o.env(), o.defaultValue(), o.description());
        }
    }

    private static void evaluate(PrintStream out) {
        out.println("Usage: java -jar ampulla.jar evaluate FILE... [--format json|text] [options]");
        out.println();
        out.println("Prints the cards Ampulla gives for each FILE, without a server or an EHR. A FILE is either");
        out.println("  a FHIR Bundle of a patient's record: answered as rectal-cancer-pathways (patient-view), or");
        out.println("  a CDS Hooks request (hook, context, prefetch), such as those in fhir-examples/requests/:");
        out.println("      answered by the service of its hook, draft orders included: rectal-cancer-pathways");
        out.println("      (patient-view), rectal-cancer-order-select or rectal-cancer-order-sign.");
        out.println("Standard error says what each FILE was read as.");
        out.println();
        out.println("  --format json   (default) the CDS Hooks response; with several files, a JSON object holding");
        out.println("                  each file's response under the file's name as given");
        out.println("  --format text   the cards for reading: indicator, summary, detail, suggestions and source,");
        out.println("                  under a heading per file");
        out.println();
        out.println("Settings that change the cards apply as for serve: --today, --knowledge-dir, --guidelines,");
        out.println("--guideline-sources, --guideline-topics (see java -jar ampulla.jar --help).");
        out.println();
        out.println("Exit code 0; 2, with one line on standard error, when a FILE cannot be read, is neither a Bundle");
        out.println("nor a request for one of these hooks, or cannot be answered.");
    }

    private static void knowledge(PrintStream out) {
        out.println("Usage:");
        out.println("  java -jar ampulla.jar knowledge export DIR   write the shipped knowledge pack to DIR (a new or");
        out.println("                                              empty folder), to start an edit from");
        out.println(
                "  java -jar ampulla.jar knowledge check DIR    check the pack in DIR as start-up would, then print");
        out.println("                                              the cards of the golden cases that it changes");
        out.println();
        out.println("Exit code of check: 0 when no card changes, 1 when some do, 2 when the pack is refused.");
        out.println("Run an edited pack with: java -jar ampulla.jar --knowledge-dir DIR");
    }
}
