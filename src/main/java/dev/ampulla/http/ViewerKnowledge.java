package dev.ampulla.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.fhir.PackFhirExport;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.RuleDefinition;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;

/**
 * What the card viewer shows of the knowledge pack ({@code GET /viewer/knowledge}): the card topics' displays from
 * the card-topic CodeSystem, the treatment phases in the pack's words, and the pathway as the pack's FHIR export
 * publishes it — one PlanDefinition per pathway rule with its steps — each with the treatment phases its rule applies
 * in, so the viewer can lay the pathway out by phase. Read from the same Bundle {@code /knowledge/fhir} serves. No
 * patient data.
 */
final class ViewerKnowledge {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ViewerKnowledge() {}

    static ObjectNode of(KnowledgePack pack, Bundle export) {
        ObjectNode root = JSON.objectNode();
        root.putObject("pack").put("id", pack.manifest().id()).put("version", pack.version());
        ObjectNode topics = root.putObject("topics");
        ArrayNode phases = root.putArray("phases");
        for (String phase : Finding.TREATMENT_PHASE.domain()) {
            phases.addObject()
                    .put("code", phase)
                    .put("words", pack.words(Finding.TREATMENT_PHASE, phase).words());
        }
        ArrayNode plans = root.putArray("plans");
        for (Bundle.BundleEntryComponent entry : export.getEntry()) {
            if (entry.getResource() instanceof CodeSystem cs && CodeSystems.AMPULLA_CARD_TOPIC.equals(cs.getUrl())) {
                cs.getConcept().forEach(c -> topics.put(c.getCode(), c.getDisplay()));
            } else if (entry.getResource() instanceof PlanDefinition pd) {
                RuleDefinition rule = ruleOf(pack, pd);
                if (rule != null) {
                    plans.add(plan(pd, rule));
                }
            }
        }
        return root;
    }

    /** The pathway rule a PlanDefinition was exported from, or null (the stage IV options are steps, not rules). */
    private static RuleDefinition ruleOf(KnowledgePack pack, PlanDefinition pd) {
        for (RuleDefinition rule : pack.rules()) {
            if (PackFhirExport.PATHWAY_GROUP.equals(rule.group().name())
                    && pd.getIdElement()
                            .getIdPart()
                            .equals("rectal-pathway-" + rule.id().toLowerCase(Locale.ROOT))) {
                return rule;
            }
        }
        return null;
    }

    private static ObjectNode plan(PlanDefinition pd, RuleDefinition rule) {
        ObjectNode plan = JSON.objectNode();
        plan.put("id", pd.getIdElement().getIdPart());
        plan.put("url", pd.getUrl());
        plan.put("rule", rule.id());
        plan.put("title", pd.getTitle());
        plan.put("topic", pd.getTopicFirstRep().getText());
        plan.put("description", pd.getDescription());
        List<String> phases = rule.when().allowed().get(Finding.TREATMENT_PHASE);
        (phases == null ? Finding.TREATMENT_PHASE.domain() : phases).forEach(plan.putArray("phases")::add);
        ArrayNode steps = plan.putArray("steps");
        for (PlanDefinitionActionComponent action : pd.getAction()) {
            ObjectNode step = steps.addObject().put("id", action.getId()).put("title", action.getTitle());
            if (action.hasAction()) {
                ArrayNode options = step.putArray("options");
                action.getAction()
                        .forEach(o -> options.addObject().put("id", o.getId()).put("title", o.getTitle()));
            }
        }
        return plan;
    }
}
