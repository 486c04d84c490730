package dev.ampulla.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsRequest;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.cdshooks.Hooks;
import dev.ampulla.cdshooks.RequestLimits;
import dev.ampulla.cdshooks.ServiceDescriptor;
import dev.ampulla.fhir.FhirFetcher;
import dev.ampulla.fhir.PatientRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code rectal-cancer-pathways}: on chart open, the stage and the founding-document pathway as cards. */
public final class PatientViewService implements CdsService {
    public static final String ID = "rectal-cancer-pathways";
    public static final String HOOK = Hooks.PATIENT_VIEW;

    private final RectalCancerAdvisor advisor;
    private final PatientData patientData;
    private final RequestLimits limits;
    private final ServiceDescriptor descriptor;

    public PatientViewService(RectalCancerAdvisor advisor, FhirFetcher fetcher, RequestLimits limits) {
        this.advisor = advisor;
        this.limits = limits;
        this.patientData = new PatientData(fetcher);
        this.descriptor = new ServiceDescriptor(
                HOOK,
                "Rectal cancer stage and treatment pathway",
                "For a patient with rectal or rectosigmoid cancer: the AJCC 8th-edition stage computed from the"
                        + " record's TNM data, the treatment pathway of Ampulla's founding document (preoperative"
                        + " radiotherapy only for the middle and lower rectum; the three options for resectable stage"
                        + " IV disease), and the data problems that affect them. Other patients get no cards.",
                ID,
                PrefetchKey.templates(),
                PrefetchKey.USAGE_REQUIREMENTS);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CdsResponse call(JsonNode body, CallContext context) {
        CdsRequest request = CdsRequest.parse(body, HOOK, limits);
        PatientRecord record = patientData.read(request, context);
        List<AdvisedCard> advised = context.trace().engine(() -> advisor.adviseWithFacts(record, request.patientId()));
        Map<String, String> facts = new HashMap<>(advised.size() * 2);
        advised.forEach(a -> facts.put(a.card().uuid(), a.decisiveFacts()));
        return new CdsResponse(advised.stream().map(AdvisedCard::card).toList(), facts);
    }
}
