package dev.ampulla.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.WorkingStage;
import dev.ampulla.extraction.DistanceFact;
import dev.ampulla.extraction.FactTime;
import dev.ampulla.extraction.Metastasis;
import dev.ampulla.extraction.PhaseMarker;
import dev.ampulla.extraction.RectalCancerCase;
import dev.ampulla.extraction.ResectabilityFact;
import dev.ampulla.extraction.Source;
import dev.ampulla.extraction.StagingFact;
import dev.ampulla.extraction.TreatmentFact;
import dev.ampulla.extraction.TreatmentKind;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.DrugClass;
import dev.ampulla.knowledge.StagingBasis;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.KnowledgePack;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A patient's case as the card viewer draws it: for each rectal primary, where the patient stands (stage, segment,
 * treatment phase, resectability, in the pack's words) and a dated list of what Ampulla read from the record
 * (diagnosis, staging by date and basis, tumour location, resectability, metastases, treatments, response and
 * recurrence records), each naming the resource it came from; and the draft orders of the hook, dated today. It
 * only shapes what extraction and assessment concluded; it decides nothing.
 */
final class CaseTimeline {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The order events of one day are listed in, so that a diagnosis comes before the staging of the same day. */
    private static final List<String> KINDS = List.of(
            "diagnosis", "staging", "location", "metastasis", "resectability", "treatment", "response", "draft-order");

    private record Event(String date, String kind, String label, List<String> sources, String primary) {}

    /** A draft order the order services would not check (not a rectal-cancer treatment): its reference and label. */
    record OtherOrder(String reference, String label) {}

    private final KnowledgePack pack;

    CaseTimeline(KnowledgePack pack) {
        this.pack = pack;
    }

    ObjectNode of(
            List<Assessment> assessments,
            List<TreatmentOrder> draftOrders,
            List<OtherOrder> otherOrders,
            LocalDate today) {
        ObjectNode root = JSON.objectNode();
        root.put("today", today.toString());
        ArrayNode cases = root.putArray("cases");
        List<Event> events = new ArrayList<>();
        for (Assessment a : assessments) {
            cases.add(position(a));
            events.addAll(events(a.rectalCase()));
        }
        for (TreatmentOrder order : draftOrders) {
            events.add(new Event(
                    today.toString(),
                    "draft-order",
                    "Draft order: " + order.kind().label() + (order.text() == null ? "" : " · " + order.text()),
                    List.of(order.reference()),
                    null));
        }
        for (OtherOrder order : otherOrders) {
            events.add(new Event(
                    today.toString(),
                    "draft-order",
                    "Draft order, not a rectal-cancer treatment · " + order.label(),
                    List.of(order.reference()),
                    null));
        }
        // undated facts first (their place in time is unknown), then by date and kind, keeping the record's order
        events.sort(Comparator.comparing((Event e) -> e.date() == null ? "" : e.date())
                .thenComparing(e -> KINDS.indexOf(e.kind())));
        ArrayNode list = root.putArray("events");
        for (Event e : events) {
            ObjectNode node = list.addObject();
            node.put("date", e.date());
            node.put("kind", e.kind());
            node.put("label", e.label());
            e.sources().forEach(node.putArray("sources")::add);
            node.put("primary", e.primary());
        }
        return root;
    }

    private ObjectNode position(Assessment a) {
        ObjectNode p = JSON.objectNode();
        WorkingStage stage = a.stage();
        p.put("primary", a.rectalCase().primary().reference());
        p.put("stageGroup", stage.group() == null ? null : stage.group().label());
        p.put("basis", stage.basis() == null ? null : stage.basis().label());
        List<String> tnm = new ArrayList<>();
        for (StagingFact f : new StagingFact[] {stage.t(), stage.n(), stage.m()}) {
            if (f != null) {
                tnm.add(f.prefixed());
            }
        }
        p.put("tnm", String.join(" ", tnm));
        String segment = a.segment().segment().findingValue();
        p.put("segment", segment);
        p.put("segmentWords", pack.words(Finding.SEGMENT, segment).words());
        String phase = a.phase().phase().findingValue();
        p.put("phase", phase);
        p.put("phaseWords", pack.words(Finding.TREATMENT_PHASE, phase).words());
        p.put(
                "resectability",
                a.resectability().value() == null
                        ? null
                        : a.resectability().value().code());
        p.put(
                "resectabilityWords",
                a.resectability().value() == null
                        ? "not documented"
                        : a.resectability().value().display().toLowerCase(java.util.Locale.ROOT));
        return p;
    }

    private static List<Event> events(RectalCancerCase c) {
        String primary = c.primary().reference();
        List<Event> events = new ArrayList<>();
        Source diagnosis = c.primary().diagnosis();
        events.add(new Event(
                day(diagnosis.date()),
                "diagnosis",
                "Diagnosis: rectal cancer",
                List.of(diagnosis.reference()),
                primary));
        events.addAll(staging(c.staging(), primary));
        for (DistanceFact d : c.distances()) {
            events.add(new Event(
                    day(d.source().date()),
                    "location",
                    "Tumour " + centimetres(d.centimetres()) + " cm from the anal verge",
                    List.of(d.source().reference()),
                    primary));
        }
        for (Metastasis m : c.metastases()) {
            events.add(new Event(
                    day(m.source().date()),
                    "metastasis",
                    "Metastasis: " + m.site().label(),
                    List.of(m.source().reference()),
                    primary));
        }
        for (ResectabilityFact r : c.resectability()) {
            events.add(new Event(
                    day(r.source().date()),
                    "resectability",
                    "Resectability: "
                            + r.value().display().toLowerCase(java.util.Locale.ROOT)
                            + (r.coversPrimary() ? "" : " (of the metastases)"),
                    List.of(r.source().reference()),
                    primary));
        }
        for (TreatmentFact t : c.treatments()) {
            events.add(new Event(
                    day(t.source().date()),
                    "treatment",
                    treatment(t),
                    List.of(t.source().reference()),
                    primary));
        }
        for (PhaseMarker m : c.markers()) {
            String label = m.kind().label();
            events.add(new Event(
                    day(m.source().date()),
                    "response",
                    Character.toUpperCase(label.charAt(0)) + label.substring(1),
                    List.of(m.source().reference()),
                    primary));
        }
        return events;
    }

    /** One event per date and basis: {@code Clinical staging: cT3 cN1 cM1a} naming every record it came from. */
    private static List<Event> staging(List<StagingFact> facts, String primary) {
        Map<String, List<StagingFact>> byDateAndBasis = new LinkedHashMap<>();
        for (StagingFact f : facts) {
            byDateAndBasis
                    .computeIfAbsent(day(f.source().date()) + "|" + f.basis(), k -> new ArrayList<>())
                    .add(f);
        }
        List<Event> events = new ArrayList<>();
        for (List<StagingFact> group : byDateAndBasis.values()) {
            group.sort(Comparator.comparing(StagingFact::axis));
            StagingBasis basis = group.get(0).basis();
            String words = basis == StagingBasis.POST_THERAPY_CLINICAL
                    ? "Clinical restaging after treatment"
                    : basis == StagingBasis.POST_THERAPY
                            ? "Pathological staging after treatment"
                            : Character.toUpperCase(basis.label().charAt(0))
                                    + basis.label().substring(1) + " staging";
            events.add(new Event(
                    day(group.get(0).source().date()),
                    "staging",
                    words + ": "
                            + String.join(
                                    " ",
                                    group.stream()
                                            .map(f -> f.axis() == dev.ampulla.knowledge.StagingCodes.Axis.GROUP
                                                    ? "stage " + f.prefixed()
                                                    : f.prefixed())
                                            .toList()),
                    group.stream().map(f -> f.source().reference()).distinct().toList(),
                    primary));
        }
        return events;
    }

    private static String treatment(TreatmentFact t) {
        String kind = t.kind() == TreatmentKind.CHEMOTHERAPY
                ? (DrugClass.IMMUNE_CHECKPOINT_INHIBITOR.includesAny(t.drugs()) ? "Immunotherapy" : "Systemic therapy")
                : Character.toUpperCase(t.kind().label().charAt(0))
                        + t.kind().label().substring(1);
        StringBuilder label = new StringBuilder(kind);
        if (!t.drugs().isEmpty()) {
            label.append(": ").append(String.join(", ", t.drugs()));
        }
        if (t.ongoing()) {
            label.append(" (ongoing)");
        } else if (t.end() != FactTime.ABSENT) {
            label.append(" (until ")
                    .append(Instant.ofEpochMilli(t.end())
                            .atOffset(ZoneOffset.UTC)
                            .toLocalDate())
                    .append(')');
        }
        return label.toString();
    }

    /** The day of a date or date-time as the record writes it; null when the record gives none. */
    private static String day(String written) {
        return written == null || written.length() < 10 ? written : written.substring(0, 10);
    }

    private static String centimetres(double cm) {
        return cm == Math.rint(cm) ? String.valueOf((long) cm) : String.valueOf(cm);
    }
}
