package dev.ampulla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.Application;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.fhir.FhirFetcher;
import dev.ampulla.fhir.PatientRecordBuilder;
import dev.ampulla.service.CallContext;
import dev.ampulla.service.CdsService;
import dev.ampulla.service.CdsServices;
import dev.ampulla.service.ClinicalSelection;
import dev.ampulla.service.PatientViewService;
import dev.ampulla.service.RectalCancerAdvisor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code evaluate FILE... [--format json|text] [options]}: the cards Ampulla gives for each file, without a server or
 * an EHR. A patient's FHIR Bundle is answered as {@code patient-view}; a CDS Hooks request by the service of its hook,
 * draft orders and all, exactly as the server would answer it. Standard error says what each file was read as.
 *
 * <p>JSON output is the CDS Hooks response; with several files, an object of the responses keyed by each file as
 * given. Text output is the cards for reading, under a heading per file.
 */
public final class EvaluateCommand {
    private static final String USAGE = "evaluate FILE... [--format json|text] [options] (see evaluate --help)";

    private EvaluateCommand() {}

    /**
     * Answers every file, or none: each is read and recognised before any is answered.
     *
     * @throws IllegalArgumentException in one line, for a file that cannot be answered or a bad option
     */
    public static void run(List<String> args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        String format = "json";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--format") && i + 1 < args.size()) {
                format = args.get(++i);
            } else if (a.startsWith("--format=")) {
                format = a.substring("--format=".length());
            } else if (a.startsWith("--")) {
                settings.add(a);
                if (!a.contains("=") && i + 1 < args.size()) {
                    settings.add(args.get(++i));
                }
            } else {
                files.add(a);
            }
        }
        if (!format.equals("json") && !format.equals("text")) {
            throw new IllegalArgumentException(
                    "format must be json or text, got '" + format + "'; set it with" + " --format");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("evaluate needs at least one file: " + USAGE);
        }
        AmpullaConfig config = config(settings);
        var pack = Application.knowledgePack(config);
        RectalCancerAdvisor advisor = new RectalCancerAdvisor(
                pack,
                () -> config.publicBaseUrl(config.port()),
                config.clock(),
                Application.guidelineLayer(pack, config));
        List<CdsService> services =
                CdsServices.all(advisor, new FhirFetcher(config.fhirLimits()), config.requestLimits());
        List<String> hooks = services.stream().map(s -> s.descriptor().hook()).toList();
        List<EvaluationInput> inputs =
                files.stream().map(f -> EvaluationInput.read(f, hooks)).toList();

        List<Answer> answers = new ArrayList<>();
        for (EvaluationInput input : inputs) {
            answers.add(input.isBundle() ? patientView(input, advisor, err) : request(input, services, config, err));
        }
        if (format.equals("text")) {
            for (Answer answer : answers) {
                TextCards.print(answer.input().name() + " (" + answer.service() + ")", answer.response(), out);
            }
        } else {
            printJson(answers, out);
        }
        out.flush();
    }

    /** The cards for one file, and the service that gave them. */
    private record Answer(EvaluationInput input, String service, CdsResponse response) {}

    private static Answer patientView(EvaluationInput input, RectalCancerAdvisor advisor, PrintStream err) {
        err.println("evaluate: " + input.name() + " is a FHIR Bundle; answering as " + PatientViewService.ID
                + " (patient-view)");
        var record = new PatientRecordBuilder(ClinicalSelection.INSTANCE)
                .add(input.json())
                .build();
        return new Answer(
                input, PatientViewService.ID, new CdsResponse(advisor.advise(record, patientId(input.json()))));
    }

    private static Answer request(
            EvaluationInput input, List<CdsService> services, AmpullaConfig config, PrintStream err) {
        CdsService service = services.stream()
                .filter(s -> s.descriptor().hook().equals(input.hook()))
                .findFirst()
                .orElseThrow();
        err.println("evaluate: " + input.name() + " is a CDS Hooks " + input.hook() + " request; answering as "
                + service.descriptor().id());
        try {
            return new Answer(
                    input,
                    service.descriptor().id(),
                    service.call(input.json(), CallContext.open(config.requestDeadline())));
        } catch (CdsProtocolException e) {
            throw new IllegalArgumentException(input.name() + " cannot be answered as a " + input.hook() + " request: "
                    + PlainText.printable(String.valueOf(e.getMessage())));
        }
    }

    private static AmpullaConfig config(List<String> settings) {
        Map<String, String> options = AmpullaConfig.parseOptions(settings);
        try {
            return AmpullaConfig.from(options, System.getenv());
        } catch (IllegalArgumentException e) {
            throw SettingProblem.named(e);
        }
    }

    /** The Bundle's patient, whom the cards' suggestions name; "example" when it holds no Patient with an id. */
    private static String patientId(JsonNode bundle) {
        String patientId = "example";
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode r = entry.path("resource");
            if ("Patient".equals(r.path("resourceType").asText()) && r.hasNonNull("id")) {
                patientId = r.get("id").asText();
            }
        }
        return patientId;
    }

    private static void printJson(List<Answer> answers, PrintStream out) {
        try {
            var writer = CdsJson.mapper().writerWithDefaultPrettyPrinter();
            if (answers.size() == 1) {
                out.println(writer.writeValueAsString(answers.get(0).response()));
                return;
            }
            ObjectNode byFile = CdsJson.mapper().createObjectNode();
            for (Answer answer : answers) {
                byFile.set(answer.input().name(), CdsJson.mapper().valueToTree(answer.response()));
            }
            out.println(writer.writeValueAsString(byFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
