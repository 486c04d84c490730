package dev.ampulla.cards;

import ca.uhn.fhir.parser.IParser;
import dev.ampulla.assessment.Assessment;
import dev.ampulla.cdshooks.Action;
import dev.ampulla.cdshooks.FhirJson;
import dev.ampulla.cdshooks.Suggestion;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.StageIvOption;
import dev.ampulla.pathway.Recommendation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;

/** The stage IV options as suggestions: each a draft CarePlan proposal instantiating its PlanDefinition. */
final class StageIvSuggestions {
    private final KnowledgeResources knowledge;
    private final Supplier<IParser> fhirParser;

    StageIvSuggestions(KnowledgeResources knowledge, Supplier<IParser> fhirParser) {
        this.knowledge = knowledge;
        this.fhirParser = fhirParser;
    }

    List<Suggestion> of(Assessment a, Recommendation.StageIvOptions r, String patientId) {
        IParser parser = fhirParser.get();
        List<Suggestion> suggestions = new ArrayList<>(r.options().size());
        for (StageIvOption option : r.options()) {
            PlanDefinition pd = knowledge.planDefinition(option);
            CarePlan plan = new CarePlan()
                    .setStatus(CarePlan.CarePlanStatus.DRAFT)
                    .setIntent(CarePlan.CarePlanIntent.PROPOSAL)
                    .setTitle(pd.getTitle())
                    .setDescription(pd.getDescription())
                    .setSubject(new Reference("Patient/" + patientId));
            plan.addInstantiatesCanonical(option.canonicalUrl());
            plan.addAddresses(new Reference(a.rectalCase().primary().reference()));
            String label = pd.getTitle();
            if (option.includesRadiotherapy() && r.radiotherapyCaveat()) {
                label += " (middle/lower rectum only)";
            }
            suggestions.add(new Suggestion(
                    label,
                    Uuids.timeOrdered(),
                    null,
                    List.of(Action.create(
                            "Propose care plan: " + pd.getTitle(),
                            new FhirJson(parser.encodeResourceToString(plan))))));
        }
        return suggestions;
    }
}
