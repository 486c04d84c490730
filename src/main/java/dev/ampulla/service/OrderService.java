package dev.ampulla.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsRequest;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.cdshooks.Hooks;
import dev.ampulla.cdshooks.RequestLimits;
import dev.ampulla.cdshooks.ServiceDescriptor;
import dev.ampulla.extraction.OrderExtractor;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.fhir.Fhir;
import dev.ampulla.fhir.FhirFetcher;
import dev.ampulla.fhir.PatientRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rectal-cancer-order-select} and {@code rectal-cancer-order-sign}: check radiotherapy, chemoradiation,
 * systemic-therapy and rectal-surgery orders against the patient's pathway. Other orders get no cards, and the
 * patient's data is not even read for them.
 */
public final class OrderService implements CdsService {
    public static final String SELECT_ID = "rectal-cancer-order-select";
    public static final String SIGN_ID = "rectal-cancer-order-sign";

    private final RectalCancerAdvisor advisor;
    private final PatientData patientData;
    private final RequestLimits limits;
    private final String hook;
    private final ServiceDescriptor descriptor;

    private OrderService(RectalCancerAdvisor advisor, FhirFetcher fetcher, RequestLimits limits, String hook,
            String id, String title, String acts) {
        this.advisor = advisor;
        this.limits = limits;
        this.patientData = new PatientData(fetcher);
        this.hook = hook;
        this.descriptor = new ServiceDescriptor(hook, title,
                "For a patient with rectal or rectosigmoid cancer, checks " + acts + " against the founding"
                        + " document's pathway: radiotherapy for a tumour of the upper rectum or rectosigmoid (warning,"
                        + " with a one-click removal), radiotherapy while the tumour location is unknown (warning),"
                        + " without significant locoregional spread, or after resection. With any treatment order it"
                        + " also returns the patient's pathway and data-quality cards. Orders that are not"
                        + " rectal-cancer treatment get no cards.",
                id, PrefetchKey.templates(), PrefetchKey.USAGE_REQUIREMENTS);
    }

    public static OrderService select(RectalCancerAdvisor advisor, FhirFetcher fetcher, RequestLimits limits) {
        return new OrderService(advisor, fetcher, limits, Hooks.ORDER_SELECT, SELECT_ID,
                "Rectal cancer treatment orders (selection)",
                "the selected radiotherapy, chemoradiation, systemic-therapy and rectal-surgery orders");
    }

    public static OrderService sign(RectalCancerAdvisor advisor, FhirFetcher fetcher, RequestLimits limits) {
        return new OrderService(advisor, fetcher, limits, Hooks.ORDER_SIGN, SIGN_ID,
                "Rectal cancer treatment orders (signing)",
                "every radiotherapy, chemoradiation, systemic-therapy and rectal-surgery order about to be signed");
    }

    @Override
    public ServiceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CdsResponse call(JsonNode body, CallContext context) {
        CdsRequest request = CdsRequest.parse(body, hook, limits);
        Fhir.ReadOrders read = Fhir.readOrders(request.ordersActedOn(), request.draftMedications());
        List<TreatmentOrder> orders = OrderExtractor.treatmentOrders(read.orders());
        if (orders.isEmpty()) {
            return read.unreadable().isEmpty() ? CdsResponse.EMPTY
                    : new CdsResponse(List.of(advisor.unreadableOrders(read.unreadable())));
        }
        PatientRecord record = patientData.read(request, context);
        List<Card> cards = new ArrayList<>(context.trace().engine(() -> advisor.adviseOnOrders(record,
                request.patientId(), orders)));
        if (!read.unreadable().isEmpty()) {
            cards.add(advisor.unreadableOrders(read.unreadable()));
        }
        return new CdsResponse(cards);
    }
}
