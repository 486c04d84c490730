package dev.ampulla.knowledge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import dev.ampulla.knowledge.pack.PackSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.PlanDefinition;

/**
 * The FHIR resources that carry Ampulla's knowledge ({@code src/main/resources/knowledge}): the stage IV pathway
 * PlanDefinitions, Ampulla's CodeSystems and the ActivityDefinition of the mismatch-repair testing the guideline
 * layer proposes. Loaded once; immutable afterwards.
 */
public final class KnowledgeResources {
    public static final List<String> FILES = List.of(
            "PlanDefinition-rectal-stage-iv-option-1.json",
            "PlanDefinition-rectal-stage-iv-option-2.json",
            "PlanDefinition-rectal-stage-iv-option-3.json",
            "CodeSystem-card-topic.json",
            "CodeSystem-resectability.json",
            "CodeSystem-observation-code.json",
            "CodeSystem-override-reason.json",
            "ActivityDefinition-mmr-testing.json");

    private final Map<StageIvOption, PlanDefinition> planDefinitions = new EnumMap<>(StageIvOption.class);
    private final List<Code> overrideReasons = new ArrayList<>();
    private final Map<String, String> topicDisplays = new java.util.HashMap<>();
    private final List<IBaseResource> all = new ArrayList<>();
    private ActivityDefinition mmrTesting;

    private KnowledgeResources(FhirContext fhir, PackSource source) {
        IParser parser = fhir.newJsonParser();
        for (String file : FILES) {
            IBaseResource resource = parser.parseResource(new String(source.bytes(file), StandardCharsets.UTF_8));
            all.add(resource);
            if (resource instanceof PlanDefinition pd) {
                for (StageIvOption option : StageIvOption.values()) {
                    if (option.canonicalUrl().equals(pd.getUrl())) {
                        planDefinitions.put(option, pd);
                    }
                }
            } else if (resource instanceof CodeSystem cs && CodeSystems.AMPULLA_OVERRIDE_REASON.equals(cs.getUrl())) {
                for (CodeSystem.ConceptDefinitionComponent c : cs.getConcept()) {
                    overrideReasons.add(new Code(cs.getUrl(), c.getCode(), c.getDisplay()));
                }
            } else if (resource instanceof ActivityDefinition ad) {
                mmrTesting = ad;
            } else if (resource instanceof CodeSystem cs && CodeSystems.AMPULLA_CARD_TOPIC.equals(cs.getUrl())) {
                cs.getConcept().forEach(c -> topicDisplays.put(c.getCode(), c.getDisplay()));
            }
        }
        if (planDefinitions.size() != StageIvOption.values().length) {
            throw new IllegalStateException("a stage IV PlanDefinition is missing from the knowledge resources");
        }
        if (mmrTesting == null) {
            throw new IllegalStateException(
                    "the mismatch-repair testing ActivityDefinition is missing from the" + " knowledge resources");
        }
    }

    /** The resources of the shipped pack. */
    public static KnowledgeResources load(FhirContext fhir) {
        return new KnowledgeResources(fhir, PackSource.shipped());
    }

    public static KnowledgeResources load(FhirContext fhir, PackSource source) {
        return new KnowledgeResources(fhir, source);
    }

    public PlanDefinition planDefinition(StageIvOption option) {
        return planDefinitions.get(option);
    }

    /** The definition of the mismatch-repair / MSI testing a card may propose. */
    public ActivityDefinition mmrTesting() {
        return mmrTesting;
    }

    /** The display of a card topic, as published in the card-topic CodeSystem. */
    public String topicDisplay(String topic) {
        return topicDisplays.get(topic);
    }

    /** The reasons offered when a clinician dismisses a pathway card. */
    public List<Code> overrideReasons() {
        return List.copyOf(overrideReasons);
    }

    /** Every knowledge resource, for publication. */
    public List<IBaseResource> all() {
        return List.copyOf(all);
    }
}
