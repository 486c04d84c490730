package dev.ampulla.cards;

import ca.uhn.fhir.parser.IParser;
import dev.ampulla.assessment.Assessment;
import dev.ampulla.cdshooks.Action;
import dev.ampulla.cdshooks.FhirJson;
import dev.ampulla.cdshooks.Suggestion;
import dev.ampulla.knowledge.KnowledgeResources;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * The suggestion to test mismatch repair: a draft ServiceRequest (a proposal) for this patient's tumour, from the
 * pack's ActivityDefinition; its category is FHIR's example ServiceRequest category "Laboratory procedure" (SNOMED CT
 * 108252007, https://hl7.org/fhir/R4/valueset-servicerequest-category.html).
 */
final class MmrTestingSuggestion {
    private final KnowledgeResources knowledge;
    private final Supplier<IParser> fhirParser;

    MmrTestingSuggestion(KnowledgeResources knowledge, Supplier<IParser> fhirParser) {
        this.knowledge = knowledge;
        this.fhirParser = fhirParser;
    }

    /** A draft ServiceRequest (proposal) that instantiates the pack's ActivityDefinition, for this tumour. */
    List<Suggestion> of(Assessment a, String patientId) {
        ActivityDefinition definition = knowledge.mmrTesting();
        ServiceRequest request = new ServiceRequest()
                .setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                .setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL)
                .setCode(definition.getCode().copy())
                .setSubject(new Reference("Patient/" + patientId));
        request.addInstantiatesCanonical(definition.getUrl());
        request.addCategory()
                .addCoding()
                .setSystem("http://snomed.info/sct")
                .setCode("108252007")
                .setDisplay("Laboratory procedure");
        request.addReasonReference(new Reference(a.rectalCase().primary().reference()));
        String json = fhirParser.get().encodeResourceToString(request);
        return List.of(new Suggestion(
                "Propose mismatch-repair / MSI testing",
                Uuids.timeOrdered(),
                null,
                List.of(Action.create(
                        "Propose a draft order: " + request.getCode().getText(), new FhirJson(json)))));
    }
}
