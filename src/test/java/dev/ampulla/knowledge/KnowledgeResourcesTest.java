package dev.ampulla.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.RuleDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.junit.jupiter.api.Test;

/** The published FHIR knowledge resources agree with the rules the code applies. */
class KnowledgeResourcesTest {
    private final KnowledgeResources knowledge = KnowledgeResources.load(FhirContext.forR4Cached());

    private CodeSystem codeSystem(String url) {
        return knowledge.all().stream()
                .filter(r -> r instanceof CodeSystem cs && url.equals(cs.getUrl()))
                .map(CodeSystem.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theCardTopicCodeSystemListsExactlyTheRuleTopics() {
        CodeSystem topics = codeSystem(CodeSystems.AMPULLA_CARD_TOPIC);
        Map<String, String> published = new LinkedHashMap<>();
        topics.getConcept().forEach(c -> published.put(c.getCode(), c.getDisplay()));
        Map<String, String> rules = new LinkedHashMap<>();
        for (RuleDefinition r : KnowledgePack.shipped().rules()) {
            rules.put(r.topic(), knowledge.topicDisplay(r.topic()));
        }
        assertEquals(
                new java.util.TreeMap<>(published),
                new java.util.TreeMap<>(rules),
                "same codes, and cards carry the published display");
        for (RuleDefinition r : KnowledgePack.shipped().rules()) {
            String definition = topics.getConcept().stream()
                    .filter(c -> c.getCode().equals(r.topic()))
                    .findFirst()
                    .orElseThrow()
                    .getDefinition();
            assertTrue(definition.contains(r.id()), r.topic() + " definition names " + r.id());
        }
        assertEquals(topics.getConcept().size(), topics.getCount());
    }

    @Test
    void everyStageIvOptionHasItsPlanDefinition() {
        for (StageIvOption option : StageIvOption.values()) {
            PlanDefinition pd = knowledge.planDefinition(option);
            assertNotNull(pd);
            assertTrue(pd.getUrl().endsWith("/PlanDefinition/" + option.planDefinitionId()));
            assertTrue(pd.getTitle().startsWith("Option " + (option.ordinal() + 1)));
            assertFalse(pd.getAction().isEmpty(), "steps are described");
            assertEquals(option.statement(), pd.getRelatedArtifactFirstRep().getLabel());
        }
        assertTrue(knowledge
                .planDefinition(StageIvOption.PREOPERATIVE_CHEMORADIATION)
                .getDescription()
                .contains("not offered for tumours of the upper rectum or the rectosigmoid"));
    }

    @Test
    void resectabilityCodesMatchTheEnum() {
        CodeSystem cs = codeSystem(CodeSystems.AMPULLA_RESECTABILITY);
        assertEquals(Resectability.values().length, cs.getConcept().size());
        for (Resectability r : Resectability.values()) {
            assertTrue(cs.getConcept().stream().anyMatch(c -> c.getCode().equals(r.code())), r.code());
        }
    }

    @Test
    void overrideReasonsHaveDisplays() {
        assertFalse(knowledge.overrideReasons().isEmpty());
        knowledge.overrideReasons().forEach(c -> assertFalse(c.display().isBlank()));
    }
}
