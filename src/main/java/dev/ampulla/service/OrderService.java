package dev.ampulla.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CdsRequest;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.cdshooks.Hooks;
import dev.ampulla.cdshooks.RequestLimits;
import dev.ampulla.cdshooks.ServiceDescriptor;
import dev.ampulla.extraction.OrderExtractor;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.extraction.UncheckedOrder;
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
    private final FhirFetcher fetcher;
    private final PatientData patientData;
    private final RequestLimits limits;
    private final String hook;
    private final ServiceDescriptor descriptor;
    /** Order-sign's decisions go here; order-select's are not kept (browsing is not ordering). */
    private final SignedOrderSink signed;

    private OrderService(
            RectalCancerAdvisor advisor,
            FhirFetcher fetcher,
            RequestLimits limits,
            String hook,
            String id,
            String title,
            String acts,
            SignedOrderSink signed) {
        this.advisor = advisor;
        this.signed = signed;
        this.fetcher = fetcher;
        this.limits = limits;
        this.patientData = new PatientData(fetcher);
        this.hook = hook;
        this.descriptor = new ServiceDescriptor(
                hook,
                title,
                "For a patient with rectal or rectosigmoid cancer, checks " + acts + " against the founding"
                        + " document's pathway: radiotherapy for a tumour of the upper rectum or rectosigmoid (warning,"
                        + " with a one-click removal), radiotherapy while the tumour location is unknown (warning),"
                        + " without significant locoregional spread, or after resection. With any treatment order it"
                        + " also returns the patient's pathway and data-quality cards. Orders that are not"
                        + " rectal-cancer treatment get no cards.",
                id,
                PrefetchKey.templates(),
                PrefetchKey.USAGE_REQUIREMENTS);
    }

    public static OrderService select(RectalCancerAdvisor advisor, FhirFetcher fetcher, RequestLimits limits) {
        return new OrderService(
                advisor,
                fetcher,
                limits,
                Hooks.ORDER_SELECT,
                SELECT_ID,
                "Rectal cancer treatment orders (selection)",
                "the selected radiotherapy, chemoradiation, systemic-therapy and rectal-surgery orders",
                SignedOrderSink.NONE);
    }

    public static OrderService sign(RectalCancerAdvisor advisor, FhirFetcher fetcher, RequestLimits limits) {
        return sign(advisor, fetcher, limits, SignedOrderSink.NONE);
    }

    /** @param signed where the signed treatment orders' standing against the pathway goes */
    public static OrderService sign(
            RectalCancerAdvisor advisor, FhirFetcher fetcher, RequestLimits limits, SignedOrderSink signed) {
        return new OrderService(
                advisor,
                fetcher,
                limits,
                Hooks.ORDER_SIGN,
                SIGN_ID,
                "Rectal cancer treatment orders (signing)",
                "every radiotherapy, chemoradiation, systemic-therapy and rectal-surgery order about to be signed",
                signed);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CdsResponse call(JsonNode body, CallContext context) {
        CdsRequest request = CdsRequest.parse(body, hook, limits);
        List<ObjectNode> acted = request.ordersActedOn();
        List<ObjectNode> beside = new ArrayList<>(request.draftOrderResources());
        ReferencedResources.Plan plan = ReferencedResources.plan(acted, beside, request.fhirServer());
        // one deadline for everything read from the FHIR server in this call, drugs and patient data alike
        long deadline = plan.fetches() ? FhirServerAccess.deadline(fetcher, context) : 0;
        ReferencedResources.Read referenced = ReferencedResources.read(plan, request, fetcher, context, deadline);
        beside.addAll(referenced.resources());
        Fhir.ReadOrders read = Fhir.readOrders(acted, beside);
        List<UncheckedOrder> unchecked = new ArrayList<>(referenced.unchecked());
        read.unreadable()
                .forEach(order -> unchecked.add(new UncheckedOrder(
                        order, "what names it (its code or medication, status or reasons) is not valid FHIR R4")));
        List<TreatmentOrder> orders = OrderExtractor.treatmentOrders(read.orders());
        if (orders.isEmpty()) {
            return unchecked.isEmpty() ? CdsResponse.EMPTY : new CdsResponse(advisor.unreadableOrders(unchecked, hook));
        }
        PatientRecord record =
                !plan.fetches() ? patientData.read(request, context) : patientData.read(request, context, deadline);
        List<Card> cards = new ArrayList<>(context.trace()
                .engine(() -> signed == SignedOrderSink.NONE
                        ? advisor.adviseOnOrders(record, request.patientId(), orders, hook)
                        : advisor.adviseOnOrders(
                                record,
                                request.patientId(),
                                orders,
                                hook,
                                decisions ->
                                        signed.signed(context.caller().issuer(), request.patientId(), decisions))));
        if (!unchecked.isEmpty()) {
            cards.addAll(advisor.unreadableOrders(unchecked, hook));
        }
        return new CdsResponse(cards);
    }
}
