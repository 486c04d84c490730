package dev.ampulla.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ampulla.fhir.Fhir;
import dev.ampulla.knowledge.fhir.CodeSetValueSets;
import dev.ampulla.knowledge.fhir.PackFhirExport;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.RuleDefinition;
import dev.ampulla.support.Examples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything Ampulla publishes or emits is valid FHIR R4 by HAPI's instance validator, with no network: the knowledge
 * resources, the code sets as ValueSets, the example patient Bundles and the resources the golden cards propose. One
 * test per file or resource, named by it; a failure lists every message the validator gave for it.
 *
 * <p>Warnings and information are allowed, errors and fatal messages are not. Offline, the validator knows the R4
 * core terminologies and Ampulla's own CodeSystems, not SNOMED CT, LOINC, ICD-10, ICD-O-3, UICC or the German
 * oncology code systems: it says "CodeSystem is unknown and can't be validated", as a warning, for their codes. The
 * IG profiles the records declare (mCODE, MII, DKTK) are not available either, so they are reported as not checked
 * (a warning) while the resource is still validated against the base R4 definitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FhirContext fhir = Fhir.context();
    private final KnowledgeResources knowledge = KnowledgeResources.load(fhir);
    private final KnowledgePack pack = KnowledgePack.shipped();
    private final Bundle packExport = PackFhirExport.of(pack, KnowledgeResources.load(fhir, pack.source()));
    private FhirValidator validator;

    /** Built once: loading the R4 definitions takes seconds, each validation after that milliseconds. */
    @BeforeAll
    void buildValidator() {
        PrePopulatedValidationSupport ampulla = new PrePopulatedValidationSupport(fhir);
        knowledge.all().stream().filter(CodeSystem.class::isInstance).forEach(ampulla::addCodeSystem);
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                new SnapshotGeneratingValidationSupport(fhir),
                ampulla);
        // FHIR asks one coding of a CodeableConcept to be in a required value set; HAPI's default asks all of them,
        // so MII's verificationStatus (condition-ver-status#confirmed beside its own Diagnosesicherung coding) failed
        // (hapifhir/hapi-fhir#8345).
        support.setCodeableConceptValidationSuccessfulIfNotAllCodingsAreValid(true);
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(support);
        // The records declare mCODE, MII and DKTK profiles whose packages are not here (no network): not checked,
        // said as a warning. Everything the base R4 definitions say is still checked.
        instanceValidator.setErrorForUnknownProfiles(false);
        validator = fhir.newValidator();
        validator.registerValidatorModule(instanceValidator);
    }

    // ---- what is validated ---------------------------------------------------------------------------------------

    /** The files as written, not as parsed: HAPI's parser drops an unknown element that the validator reports. */
    Stream<Arguments> knowledgeResources() {
        assertEquals(KnowledgeResources.FILES.size(), knowledge.all().size(), "one resource per knowledge file");
        return KnowledgeResources.FILES.stream().map(file -> Arguments.of(file, classpath("/knowledge/" + file)));
    }

    Stream<Arguments> valueSets() {
        return CodeSetValueSets.of("test", "2026-12-05").stream()
                .map(vs -> Arguments.of(
                        vs.getIdElement().getIdPart(), fhir.newJsonParser().encodeResourceToString(vs)));
    }

    /** Every resource of the pack's FHIR export, as /knowledge/fhir serves it. */
    Stream<Arguments> packExportResources() {
        return packExport.getEntry().stream()
                .map(e -> Arguments.of(
                        e.getResource().fhirType() + "/"
                                + e.getResource().getIdElement().getIdPart(),
                        fhir.newJsonParser().encodeResourceToString(e.getResource())));
    }

    Stream<Arguments> exampleBundles() {
        return Stream.of("patients", "real-world")
                .flatMap(folder -> jsonFiles(Examples.root().resolve(folder)))
                .map(p -> Arguments.of(Examples.root().relativize(p).toString(), read(p)));
    }

    Stream<Arguments> goldenResources() {
        List<Arguments> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Examples.root().resolve("golden"))) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                collectResources(JSON.readTree(p.toFile()), Examples.root().relativize(p) + " ", found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(found.isEmpty(), "the golden cards propose resources (the stage IV CarePlans)");
        return found.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knowledgeResources")
    void knowledgeResourceIsValid(String name, String json) {
        assertValid(name, json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void codeSetValueSetIsValid(String name, String json) {
        assertValid(name, json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packExportResources")
    void packExportResourceIsValid(String name, String json) {
        assertValid(name, json);
    }

    /** The Bundle itself: entry ids and full URLs, as a whole. */
    @Test
    void packExportBundleIsValid() {
        assertValid("pack export Bundle", fhir.newJsonParser().encodeResourceToString(packExport));
    }

    /** The Library carries the pack's version; one PlanDefinition per pathway rule; the Library names every part. */
    @Test
    void packExportCarriesTheVersionAndAPlanDefinitionPerPathwayRule() {
        assertEquals(Bundle.BundleType.COLLECTION, packExport.getType());
        List<MetadataResource> resources = packExport.getEntry().stream()
                .map(e -> (MetadataResource) e.getResource())
                .toList();
        List<Library> libraries = resources.stream()
                .filter(Library.class::isInstance)
                .map(Library.class::cast)
                .toList();
        assertEquals(1, libraries.size(), "one Library");
        Library library = libraries.get(0);
        assertEquals(pack.manifest().id(), library.getIdElement().getIdPart());
        assertEquals(pack.version(), library.getVersion());
        assertEquals("https://ampulla.dev/fhir/Library/" + pack.manifest().id(), library.getUrl());
        resources.forEach(r -> assertEquals(pack.version(), r.getVersion(), r.fhirType() + "/" + r.getId()));

        List<String> pathwayRules = pack.rules().stream()
                .filter(r -> r.group().name().equals("pathway"))
                .map(RuleDefinition::id)
                .toList();
        assertEquals(
                List.of(
                        "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R31", "R32", "R33", "R34", "R35",
                        "R36"),
                pathwayRules);
        List<String> pathways = resources.stream()
                .filter(PlanDefinition.class::isInstance)
                .map(r -> r.getIdElement().getIdPart())
                .filter(id -> id.startsWith("rectal-pathway-"))
                .toList();
        assertEquals(
                pathwayRules.stream()
                        .map(id -> "rectal-pathway-" + id.toLowerCase(Locale.ROOT))
                        .toList(),
                pathways);
        for (PlanDefinition pd : resources.stream()
                .filter(PlanDefinition.class::isInstance)
                .map(PlanDefinition.class::cast)
                .filter(p -> p.getId().startsWith("rectal-pathway-"))
                .toList()) {
            assertEquals(
                    List.of(library.getUrl() + "|" + pack.version()),
                    pd.getLibrary().stream().map(CanonicalType::getValue).toList(),
                    pd.getId());
            assertTrue(pd.hasAction(), pd.getId() + " has steps");
            // the export's table gives the shipped pack's steps; a step titled as its rule is the fallback
            assertTrue(
                    pd.getAction().stream().noneMatch(a -> a.getTitle().equals(pd.getTitle())),
                    pd.getId() + " has the steps of the table, not the fallback");
        }

        assertEquals(
                1
                        + pathwayRules.size()
                        + knowledge.all().size()
                        + CodeSetValueSets.of(pack.version(), pack.manifest().date())
                                .size()
                        + 1,
                resources.size(),
                "the Library, the pathways, the knowledge resources, the ValueSets and the pathway agreement Measure");

        Set<String> composedOf = library.getRelatedArtifact().stream()
                .filter(a -> a.getType() == RelatedArtifact.RelatedArtifactType.COMPOSEDOF)
                .map(RelatedArtifact::getResource)
                .collect(Collectors.toSet());
        Set<String> parts = resources.stream()
                .filter(r -> r != library)
                .map(r -> r.getUrl() + "|" + r.getVersion())
                .collect(Collectors.toSet());
        assertEquals(parts, composedOf, "the Library is composed of every other resource of the Bundle");
        assertEquals(
                pack.manifest().sources().size(),
                library.getRelatedArtifact().stream()
                        .filter(a -> a.getType() == RelatedArtifact.RelatedArtifactType.CITATION)
                        .count(),
                "one citation" + " per source");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleBundles")
    void examplePatientBundleIsValid(String name, String json) {
        assertValid(name, json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenResources")
    void proposedResourceIsValid(String name, String json) {
        assertValid(name, json);
    }

    @Test
    void theValidatorReportsAStructuralError() {
        PlanDefinition broken = knowledge.all().stream()
                .filter(PlanDefinition.class::isInstance)
                .map(PlanDefinition.class::cast)
                .findFirst()
                .orElseThrow()
                .copy();
        broken.setStatus(null);
        List<SingleValidationMessage> errors = errors(validator.validateWithResult(broken));
        assertTrue(
                errors.stream()
                        .anyMatch(m -> m.getLocationString().startsWith("PlanDefinition")
                                && m.getMessage().contains("status")),
                "a PlanDefinition without status is an error: " + errors);
    }

    @Test
    void theValidatorReportsACodeAmpullasCodeSystemsDoNotDefine() {
        String observation = """
                {"resourceType": "Observation", "status": "final", "code": {"coding": [
                  {"system": "%s", "code": "no-such-code"}]}}""".formatted(CodeSystems.AMPULLA_OBSERVATION_CODE);
        List<SingleValidationMessage> errors = errors(validator.validateWithResult(observation));
        assertTrue(
                errors.stream().anyMatch(m -> m.getMessage().contains("no-such-code")),
                "an unknown code of Ampulla's own code system is an error: " + errors);
    }

    /** What the validator does not check in a ValueSet: ids, systems, and Ampulla's own codes and displays. */
    @Test
    void valueSetsHaveUniqueIdsCanonicalSystemsAndAmpullasOwnCodes() {
        Map<String, String> ownDisplays = new HashMap<>();
        knowledge.all().stream()
                .filter(CodeSystem.class::isInstance)
                .map(CodeSystem.class::cast)
                .forEach(cs ->
                        cs.getConcept().forEach(c -> ownDisplays.put(cs.getUrl() + "|" + c.getCode(), c.getDisplay())));
        Set<String> ids = new HashSet<>();
        for (ValueSet vs : CodeSetValueSets.of("test", "2026-12-05")) {
            String id = vs.getIdElement().getIdPart();
            assertTrue(ids.add(id), "repeated id " + id);
            assertEquals(CodeSetValueSets.BASE_URL + id, vs.getUrl());
            assertTrue(vs.getCompose().hasInclude(), id + " includes codes");
            for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
                assertEquals(CodeSystemRegistry.identify(include.getSystem()).canonicalUri(), include.getSystem());
                if (include.getSystem().startsWith(CodeSystems.AMPULLA_BASE)) {
                    for (ValueSet.ConceptReferenceComponent c : include.getConcept()) {
                        String key = include.getSystem() + "|" + c.getCode();
                        assertTrue(ownDisplays.containsKey(key), id + ": " + key + " is in Ampulla's CodeSystem");
                        assertEquals(ownDisplays.get(key), c.getDisplay(), id + ": display of " + key);
                    }
                }
            }
        }
    }

    // ---- validation ----------------------------------------------------------------------------------------------

    private void assertValid(String name, String json) {
        ValidationResult result = validator.validateWithResult(json);
        List<SingleValidationMessage> errors = errors(result);
        String all =
                result.getMessages().stream().map(FhirValidationTest::describe).collect(Collectors.joining("\n  "));
        assertTrue(errors.isEmpty(), name + " has " + errors.size() + " error(s); all messages:\n  " + all);
    }

    private static List<SingleValidationMessage> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    private static String describe(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + " [" + m.getMessageId() + "] " + m.getMessage();
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    /**
     * Every resource of a golden card answer (today the CarePlans at cards[].suggestions[].actions[].resource; the
     * whole answer is searched so a resource placed elsewhere is not missed), named by its JSON path. The golden form
     * keeps a text of several lines as an array under "key (lines)"; it is joined back into the text the service
     * wrote.
     */
    private static void collectResources(JsonNode node, String path, List<Arguments> found) {
        if (node instanceof ObjectNode object) {
            if (object.has("resourceType")) {
                found.add(Arguments.of(path.strip(), unmaskLines(object).toString()));
                return;
            }
            object.properties().forEach(e -> collectResources(e.getValue(), path + "." + e.getKey(), found));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collectResources(array.get(i), path + "[" + i + "]", found);
            }
        }
    }

    private static JsonNode unmaskLines(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (e.getKey().endsWith(" (lines)")) {
                    List<String> lines = new ArrayList<>();
                    e.getValue().forEach(line -> lines.add(line.asText()));
                    out.set(
                            e.getKey().substring(0, e.getKey().length() - " (lines)".length()),
                            TextNode.valueOf(String.join("\n", lines)));
                } else {
                    out.set(e.getKey(), unmaskLines(e.getValue()));
                }
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JSON.createArrayNode();
            array.forEach(element -> out.add(unmaskLines(element)));
            return out;
        }
        return node;
    }

    private static Stream<Path> jsonFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpath(String resource) {
        try (InputStream in = FhirValidationTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
