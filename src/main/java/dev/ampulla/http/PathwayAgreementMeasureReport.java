package dev.ampulla.http;

import dev.ampulla.feedback.OrderAgreementMeasures;
import dev.ampulla.feedback.PathwayAgreementReport;
import dev.ampulla.knowledge.fhir.PathwayAgreementMeasure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The signed-order part of the pathway agreement report as a FHIR R4 summary MeasureReport of the pack's
 * {@link PathwayAgreementMeasure}: the populations of the whole period, then one stratum per modality and one per
 * systemic-therapy ingredient class.
 */
final class PathwayAgreementMeasureReport {
    private static final String POPULATIONS = "http://terminology.hl7.org/CodeSystem/measure-population";

    private PathwayAgreementMeasureReport() {}

    static MeasureReport of(PathwayAgreementReport report, String packVersion, Instant now) {
        OrderAgreementMeasures orders = report.orders();
        MeasureReport mr = new MeasureReport();
        mr.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        mr.setType(MeasureReport.MeasureReportType.SUMMARY);
        mr.setMeasure(PathwayAgreementMeasure.URL + "|" + packVersion);
        mr.setDate(Date.from(now));
        mr.setPeriod(new Period()
                .setStart(Date.from(Instant.parse(report.from())))
                .setEnd(Date.from(Instant.parse(report.to()))));
        MeasureReport.MeasureReportGroupComponent group = mr.addGroup();
        for (Population p : populations(orders.totals())) {
            group.addPopulation().setCode(p.concept()).setCount(Math.toIntExact(p.count()));
        }
        score(orders.totals(), group::setMeasureScore);

        Map<String, Totals> byModality = new LinkedHashMap<>();
        Map<String, Totals> byClass = new LinkedHashMap<>();
        for (OrderAgreementMeasures.Modality m : orders.modalities()) {
            byModality.computeIfAbsent(m.modality(), k -> new Totals()).add(m.counts());
            if (m.drugClass() != null) {
                byClass.computeIfAbsent(m.drugClass(), k -> new Totals()).add(m.counts());
            }
        }
        strata(group.addStratifier(), PathwayAgreementMeasure.MODALITY_STRATIFIER, byModality);
        strata(group.addStratifier(), PathwayAgreementMeasure.DRUG_CLASS_STRATIFIER, byClass);
        return mr;
    }

    /** The counts of several rows of the report, summed. */
    private static final class Totals {
        long signed;
        long decided;
        long on;

        void add(OrderAgreementMeasures.Counts c) {
            signed += c.ordersSigned();
            decided += c.pathwayDecided();
            on += c.onPathway();
        }

        OrderAgreementMeasures.Counts counts() {
            return new OrderAgreementMeasures.Counts(
                    signed,
                    on,
                    decided - on,
                    signed - decided,
                    decided,
                    decided == 0 ? null : (double) on / decided,
                    List.of());
        }
    }

    private static void strata(
            MeasureReport.MeasureReportGroupStratifierComponent stratifier, String code, Map<String, Totals> values) {
        stratifier.addCode(new CodeableConcept().setText(code));
        values.forEach((value, totals) -> {
            MeasureReport.StratifierGroupComponent stratum = stratifier.addStratum();
            stratum.setValue(new CodeableConcept().setText(value));
            for (Population p : populations(totals.counts())) {
                stratum.addPopulation().setCode(p.concept()).setCount(Math.toIntExact(p.count()));
            }
            score(totals.counts(), stratum::setMeasureScore);
        });
    }

    /** A population of the Measure and its count in a group or stratum. */
    private record Population(String code, String display, long count) {
        CodeableConcept concept() {
            return new CodeableConcept(new Coding(POPULATIONS, code, display));
        }
    }

    private static List<Population> populations(OrderAgreementMeasures.Counts c) {
        return List.of(
                new Population(PathwayAgreementMeasure.INITIAL_POPULATION, "Initial Population", c.ordersSigned()),
                new Population(PathwayAgreementMeasure.DENOMINATOR, "Denominator", c.pathwayDecided()),
                new Population(PathwayAgreementMeasure.NUMERATOR, "Numerator", c.onPathway()));
    }

    private static void score(OrderAgreementMeasures.Counts c, java.util.function.Consumer<Quantity> setter) {
        if (c.pathwayDecided() > 0) {
            setter.accept(new Quantity()
                    .setValue(BigDecimal.valueOf(c.onPathway())
                            .divide(BigDecimal.valueOf(c.pathwayDecided()), 4, java.math.RoundingMode.HALF_UP)));
        }
    }
}
