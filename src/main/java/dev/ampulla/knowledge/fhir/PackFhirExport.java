package dev.ampulla.knowledge.fhir;

import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.StageIvOption;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.Manifest;
import dev.ampulla.knowledge.pack.Quote;
import dev.ampulla.knowledge.pack.RuleDefinition;
import dev.ampulla.knowledge.pack.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactDetail;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.ActionRelationshipType;
import org.hl7.fhir.r4.model.PlanDefinition.ActionSelectionBehavior;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.RelatedArtifact.RelatedArtifactType;

/**
 * The knowledge pack as FHIR R4, for review and publication with FHIR tools: a {@code collection} Bundle holding a
 * Library that carries the pack's version and lists everything it is composed of; one PlanDefinition (ECA rule) per
 * rule of the {@code pathway} group, its conditions in words and the founding-document statements it applies; the
 * three stage IV option PlanDefinitions and Ampulla's CodeSystems, copied with the pack's version; and the code sets
 * as ValueSets ({@link CodeSetValueSets}); and the pathway agreement Measure ({@link PathwayAgreementMeasure}).
 *
 * <p>A pathway rule decides on findings Ampulla works out from the record, not on FHIR data, so its conditions are
 * words: the PlanDefinition's description and each action's description. They are not {@code action.condition}s: an
 * R4 Expression must hold an expression or a reference (exp-1), and words are neither. What a rule advises is the
 * founding document's: {@link #STEPS} lists each pathway rule's steps, each resting on a statement the rule applies.
 * A pathway rule the table does not cover, or whose statements no longer hold a step's (another pack than the shipped
 * one), is given one step: the rule itself, with all its statements.
 */
public final class PackFhirExport {
    public static final String LIBRARY_BASE_URL = CodeSystems.AMPULLA_BASE + "/Library/";
    public static final String PLAN_DEFINITION_BASE_URL = CodeSystems.AMPULLA_BASE + "/PlanDefinition/";
    public static final String PATHWAY_GROUP = "pathway";

    private static final String LIBRARY_TYPES = "http://terminology.hl7.org/CodeSystem/library-type";
    private static final String PLAN_DEFINITION_TYPES = "http://terminology.hl7.org/CodeSystem/plan-definition-type";

    /**
     * A step of a pathway: its title, the statements (or sentences) of statements.yaml it rests on, and what must be
     * found once the step before has ended for it to follow (always, when empty).
     */
    private record Step(String title, Map<Finding, List<String>> onlyIf, List<String> statements) {}

    private static Step step(String title, String... statements) {
        return new Step(title, Map.of(), List.of(statements));
    }

    private static Step step(String title, Map<Finding, List<String>> onlyIf, String... statements) {
        return new Step(title, onlyIf, List.of(statements));
    }

    /**
     * The steps of each pathway rule, in order, in the founding document's words (R5 and R8 are Ampulla's own
     * requests for data, R32 and R34 say where the founding document is silent: their wording is their cards'). R3's steps are the stage IV option PlanDefinitions, of which
     * at most one is chosen (see {@link #stageIvOptions}).
     */
    private static final Map<String, List<Step>> STEPS = Map.ofEntries(
            Map.entry("R4", List.of(step("Chemotherapy", "FD-UNRES"))),
            Map.entry(
                    "R5",
                    List.of(step(
                            "Ask the multidisciplinary team whether the primary tumour and its metastases"
                                    + " can be removed completely",
                            "FD-IV-1",
                            "FD-UNRES"))),
            Map.entry("R6", List.of(step("Preoperative radiotherapy", "FD-RT.1"), step("Surgery", "FD-SURG"))),
            Map.entry(
                    "R7",
                    List.of(
                            step("Surgery", "FD-SURG"),
                            step(
                                    "Postoperative chemotherapy if the resected"
                                            + " specimen shows regional lymph node metastases",
                                    Map.of(Finding.SPECIMEN_NODES, List.of("positive")),
                                    "FD-CT-POST"))),
            Map.entry("R8", List.of(step("Document the tumour's distance from the anal verge", "FD-RT.2"))),
            Map.entry("R9", List.of(step("Surgery", "FD-SURG"))),
            Map.entry("R10", List.of(step("Postoperative chemotherapy", "FD-CT-POST"))),
            Map.entry("R11", List.of(step("Postoperative chemotherapy", "FD-CT-POST"))),
            Map.entry(
                    "R31",
                    List.of(step("Restage after the preoperative treatment", "FD-CT-PRE"), step("Surgery", "FD-SURG"))),
            Map.entry(
                    "R32",
                    List.of(step("Surveillance, or surgery on regrowth: for the multidisciplinary team", "FD-SURG"))),
            Map.entry(
                    "R33",
                    List.of(step(
                            "Removal of the metastases with chemotherapy where they can be removed;"
                                    + " chemotherapy where they cannot",
                            "FD-IV-1",
                            "FD-CT-PRE",
                            "FD-UNRES"))),
            Map.entry("R34", List.of(step("Discuss the recurrence in the multidisciplinary team"))),
            Map.entry(
                    "R35",
                    List.of(
                            step("Chemotherapy before surgery, to shrink the tumour", "FD-CT-PRE"),
                            step("Surgery, without radiotherapy", "FD-RT.2", "FD-SURG"))),
            Map.entry(
                    "R36",
                    List.of(
                            step("Chemotherapy", "FD-UNRES", "FD-CT-PRE"),
                            step("Reassess whether the tumour can be removed", "FD-UNRES"))));

    private PackFhirExport() {}

    public static Bundle of(KnowledgePack pack, KnowledgeResources resources) {
        Manifest m = pack.manifest();
        String version = pack.version();
        String libraryUrl = LIBRARY_BASE_URL + m.id();

        List<MetadataResource> parts = new ArrayList<>();
        for (RuleDefinition rule : pack.rules()) {
            if (PATHWAY_GROUP.equals(rule.group().name())) {
                parts.add(pathway(pack, resources, rule, libraryUrl + "|" + version));
            }
        }
        for (var resource : resources.all()) {
            MetadataResource copy = ((MetadataResource) resource).copy();
            copy.setVersion(version);
            parts.add(copy);
        }
        parts.addAll(CodeSetValueSets.of(version, m.date()));
        parts.add(PathwayAgreementMeasure.of(m, version, libraryUrl));

        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setId(m.id() + "-" + version);
        add(bundle, library(m, libraryUrl, parts));
        parts.forEach(part -> add(bundle, part));
        return bundle;
    }

    private static void add(Bundle bundle, MetadataResource resource) {
        bundle.addEntry()
                .setFullUrl(CodeSystems.AMPULLA_BASE + "/" + resource.fhirType() + "/"
                        + resource.getIdElement().getIdPart())
                .setResource(resource);
    }

    // ---- the Library: the pack, its version, its sources and its parts ----------------------------------------------

    private static Library library(Manifest m, String url, List<MetadataResource> parts) {
        Library library = new Library();
        library.setId(m.id());
        library.setUrl(url);
        library.setVersion(m.version());
        library.setName(name(m.id()));
        library.setTitle(m.title());
        library.setStatus(PublicationStatus.fromCode(m.status()));
        library.setExperimental(false);
        library.setType(new CodeableConcept(new Coding(LIBRARY_TYPES, "logic-library", "Logic Library")));
        library.setDateElement(new DateTimeType(m.date()));
        library.setPublisher(m.publisher());
        library.setDescription(m.title() + ", version " + m.version() + " of " + m.date() + ": the clinical"
                + " knowledge Ampulla applies (rules, card texts, statements, findings, parameters, code sets and"
                + " tables), released and versioned as one pack. Developer: " + sentence(m.developer()) + " Funding: "
                + sentence(m.funding()) + " Approved by: " + sentence(String.join("; ", m.approvers())));
        m.editors().forEach(editor -> library.addEditor(new ContactDetail().setName(editor)));
        for (Manifest.Source s : m.sources()) {
            library.addRelatedArtifact()
                    .setType(RelatedArtifactType.CITATION)
                    .setLabel(s.id())
                    .setDisplay(s.title() + ", edition " + s.edition())
                    .setCitation(s.title() + ", edition " + s.edition() + ". " + s.use());
        }
        for (MetadataResource part : parts) {
            library.addRelatedArtifact()
                    .setType(RelatedArtifactType.COMPOSEDOF)
                    .setDisplay(part.fhirType() + " " + part.getTitle())
                    .setResource(part.getUrl() + "|" + part.getVersion());
        }
        return library;
    }

    // ---- one PlanDefinition per pathway rule ------------------------------------------------------------------------

    private static PlanDefinition pathway(
            KnowledgePack pack, KnowledgeResources resources, RuleDefinition rule, String library) {
        Manifest m = pack.manifest();
        String id = "rectal-pathway-" + rule.id().toLowerCase(Locale.ROOT);
        PlanDefinition pd = new PlanDefinition();
        pd.setId(id);
        pd.setUrl(PLAN_DEFINITION_BASE_URL + id);
        pd.setVersion(pack.version());
        pd.setName(name(id));
        pd.setTitle(rule.title());
        pd.setType(new CodeableConcept(new Coding(PLAN_DEFINITION_TYPES, "eca-rule", "ECA Rule")));
        pd.setStatus(PublicationStatus.fromCode(m.status()));
        pd.setExperimental(false);
        pd.setDateElement(new DateTimeType(m.date()));
        pd.setPublisher(m.publisher());
        pd.setDescription(
                "Rule " + rule.id() + " of the knowledge pack " + m.id() + " (source: " + source(m, rule.source())
                        + "). Applies when " + words(pack, rule.when().allowed()) + ". It applies "
                        + rule.quotes().stream().map(Quote::id).collect(Collectors.joining(", ")) + " (quoted as"
                        + " justifications)."
                        + (rule.folds().isEmpty()
                                ? ""
                                : " When " + String.join(", ", rule.folds())
                                        + " applies too, its advice is given with this rule's."));
        pd.addTopic().setText(rule.topic());
        pd.addLibrary(library);
        for (Quote q : rule.quotes()) {
            pd.addRelatedArtifact(justification(q));
        }
        if ("R3".equals(rule.id())
                && Arrays.stream(StageIvOption.values()).allMatch(o -> applies(pack, rule, o.statement()))
                && applies(pack, rule, "FD-RT.2")) {
            pd.addAction(stageIvOptions(pack, resources, rule));
        } else {
            List<Step> steps = STEPS.getOrDefault(rule.id(), List.of());
            if (steps.isEmpty()
                    || !steps.stream()
                            .flatMap(st -> st.statements().stream())
                            .allMatch(st -> applies(pack, rule, st))) {
                // a rule of another pack than the one the table was written for: one step, the rule itself
                steps = List.of(new Step(
                        rule.title(),
                        Map.of(),
                        rule.quotes().stream().map(Quote::id).toList()));
            }
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                PlanDefinitionActionComponent action = pd.addAction()
                        .setTitle(step.title())
                        .setDescription(
                                step.onlyIf().isEmpty()
                                        ? "When " + words(pack, rule.when().allowed()) + "."
                                        : "Once the step before has ended, only if " + words(pack, step.onlyIf())
                                                + ".");
                action.setId("step-" + (i + 1));
                step.statements().forEach(st -> action.addDocumentation(justification(quote(pack, st))));
                if (i > 0) {
                    action.addRelatedAction().setActionId("step-" + i).setRelationship(ActionRelationshipType.AFTEREND);
                }
            }
        }
        return pd;
    }

    /** R3: the founding document's three options, at most one chosen; option 3's radiotherapy follows FD-RT.2. */
    private static PlanDefinitionActionComponent stageIvOptions(
            KnowledgePack pack, KnowledgeResources resources, RuleDefinition rule) {
        PlanDefinitionActionComponent group = new PlanDefinitionActionComponent()
                .setTitle("The founding document's options: choose at most one")
                .setDescription("When " + words(pack, rule.when().allowed()) + ".")
                .setSelectionBehavior(ActionSelectionBehavior.ATMOSTONE);
        group.setId("options");
        for (StageIvOption option : StageIvOption.values()) {
            Map<Finding, List<String>> when = new EnumMap<>(Finding.class);
            when.putAll(rule.when().allowed());
            if (option.includesRadiotherapy()) {
                when.put(Finding.SEGMENT, List.of("middle-rectum", "lower-rectum"));
            }
            PlanDefinitionActionComponent action = group.addAction()
                    .setTitle(resources.planDefinition(option).getTitle())
                    .setDescription("When " + words(pack, when) + ".")
                    .setDefinition(new CanonicalType(option.canonicalUrl() + "|" + pack.version()));
            action.setId(option.planDefinitionId());
            action.addDocumentation(justification(quote(pack, option.statement())));
            if (option.includesRadiotherapy()) {
                action.addDocumentation(justification(quote(pack, "FD-RT.2")));
            }
        }
        return group;
    }

    // ---- words ------------------------------------------------------------------------------------------------------

    /**
     * Conditions in the words of findings.yaml: {@code key: words; key: "words" or "words"} (several values are quoted,
     * as their words may hold "or").
     */
    private static String words(KnowledgePack pack, Map<Finding, List<String>> allowed) {
        return allowed.entrySet().stream()
                .map(e -> e.getKey().key() + ": "
                        + e.getValue().stream()
                                .map(v -> pack.words(e.getKey(), v).words())
                                .map(w -> e.getValue().size() > 1 ? "\"" + w + "\"" : w)
                                .collect(Collectors.joining(" or ")))
                .collect(Collectors.joining("; "));
    }

    /** A statement or one of its sentences ({@code FD-RT.2}); null when the pack has no such statement. */
    private static Quote quote(KnowledgePack pack, String id) {
        String[] parts = id.split("\\.");
        Statement statement = pack.statements().get(parts[0]);
        int sentence = parts.length == 1 ? 0 : Integer.parseInt(parts[1]);
        return statement == null || sentence > statement.sentences().size() ? null : new Quote(statement, sentence);
    }

    /** Whether the rule applies that statement (or the statement of that sentence): the table cites no other. */
    private static boolean applies(KnowledgePack pack, RuleDefinition rule, String id) {
        Quote q = quote(pack, id);
        return q != null
                && rule.quotes().stream()
                        .anyMatch(r -> r.statement().id().equals(q.statement().id()));
    }

    private static RelatedArtifact justification(Quote q) {
        return new RelatedArtifact()
                .setType(RelatedArtifactType.JUSTIFICATION)
                .setLabel(q.id())
                .setDisplay(q.text());
    }

    private static String source(Manifest m, String id) {
        return m.sources().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .map(s -> s.title() + ", edition " + s.edition())
                .orElse(id);
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    /** {@code rectal-pathway-r6} → {@code RectalPathwayR6}. */
    private static String name(String id) {
        StringBuilder b = new StringBuilder();
        for (String w : id.split("-")) {
            b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }
}
