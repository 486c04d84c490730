package dev.ampulla.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.assessment.Assessment;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.demo.ExampleCatalog;
import dev.ampulla.extraction.OrderExtractor;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.fhir.Fhir;
import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.fhir.PatientRecordBuilder;
import dev.ampulla.service.ClinicalSelection;
import dev.ampulla.service.RectalCancerAdvisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An example patient's case for the card viewer's timeline: the example's Bundle read as a hook's data is
 * ({@link PatientRecordBuilder}), assessed by the advisor the services use, and the draft orders the viewer would
 * send, made and read as the order services read them. Only packaged examples: the viewer never sends patient data
 * here, and nothing is fetched.
 */
final class ExampleCase {
    private final RectalCancerAdvisor advisor;
    private final CaseTimeline timeline;
    private final Clock clock;

    ExampleCase(RectalCancerAdvisor advisor, CaseTimeline timeline, Clock clock) {
        this.advisor = advisor;
        this.timeline = timeline;
        this.clock = clock;
    }

    ObjectNode of(ExampleCatalog.Patient patient, List<ExampleCatalog.DraftOrder> orders) {
        PatientRecord record;
        try {
            record = new PatientRecordBuilder(ClinicalSelection.INSTANCE)
                    .add(CdsJson.mapper().readTree(patient.bundle()))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("a packaged example is not JSON", e);
        }
        List<Assessment> assessments = advisor.assessments(record);
        List<ObjectNode> drafts = drafts(orders, patient.patientId());
        List<TreatmentOrder> treatments =
                OrderExtractor.treatmentOrders(Fhir.readOrders(drafts).orders());
        Set<String> checked = new HashSet<>();
        treatments.forEach(t -> checked.add(t.reference()));
        List<CaseTimeline.OtherOrder> others = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            String reference = drafts.get(i).path("resourceType").asText() + "/"
                    + drafts.get(i).path("id").asText();
            if (!checked.contains(reference)) {
                others.add(new CaseTimeline.OtherOrder(reference, orders.get(i).label()));
            }
        }
        return timeline.of(assessments, treatments, others, LocalDate.now(clock));
    }

    /** The orders as the viewer sends them: ids draft-1, draft-2…, status draft, for this patient. */
    private static List<ObjectNode> drafts(List<ExampleCatalog.DraftOrder> orders, String patientId) {
        List<ObjectNode> drafts = new ArrayList<>();
        for (ExampleCatalog.DraftOrder order : orders) {
            ObjectNode draft = ((ObjectNode) order.resource()).deepCopy();
            draft.put("id", "draft-" + (drafts.size() + 1));
            draft.put("status", "draft");
            draft.putObject("subject").put("reference", "Patient/" + patientId);
            drafts.add(draft);
        }
        return drafts;
    }
}
