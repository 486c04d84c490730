package dev.ampulla.http;

import dev.ampulla.feedback.ConcordanceReport;
import dev.ampulla.feedback.OrderAgreementMeasures;
import dev.ampulla.feedback.PathwayAgreementReport;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The signed-order measures of the pathway agreement report as CSV (RFC 4180: a header row, CRLF line ends, fields
 * quoted when they hold a comma, a quote or a line end): one row for the totals, then one per modality, per pathway
 * rule and per month. Off-pathway reasons are one field, {@code code=count} pairs separated by {@code ;}
 * ({@code none} for off-pathway orders without a reason).
 */
final class PathwayAgreementCsv {
    static final String HEADER = "period_from,period_to,dimension,value,detail,orders_signed,on_pathway,off_pathway,"
            + "outside_pathway,pathway_decided,on_pathway_rate,off_pathway_reasons";

    private PathwayAgreementCsv() {}

    static String of(PathwayAgreementReport report) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        OrderAgreementMeasures o = report.orders();
        row(out, report, "total", "", "", o.totals());
        for (OrderAgreementMeasures.Modality m : o.modalities()) {
            row(out, report, "modality", m.modality(), m.drugClass(), m.counts());
        }
        for (OrderAgreementMeasures.Rule r : o.rules()) {
            row(out, report, "rule", r.rule() == null ? "none" : r.rule(), r.topic(), r.counts());
        }
        for (OrderAgreementMeasures.Month m : o.months()) {
            row(out, report, "month", m.month(), "", m.counts());
        }
        return out.toString();
    }

    private static void row(
            StringBuilder out,
            PathwayAgreementReport report,
            String dimension,
            String value,
            String detail,
            OrderAgreementMeasures.Counts c) {
        List<String> fields = List.of(
                report.from(),
                report.to(),
                dimension,
                value,
                detail == null ? "" : detail,
                Long.toString(c.ordersSigned()),
                Long.toString(c.onPathway()),
                Long.toString(c.offPathway()),
                Long.toString(c.outsidePathway()),
                Long.toString(c.pathwayDecided()),
                c.onPathwayRate() == null ? "" : String.format(Locale.ROOT, "%.3f", c.onPathwayRate()),
                reasons(c.offPathwayReasons()));
        out.append(fields.stream().map(PathwayAgreementCsv::field).collect(Collectors.joining(",")))
                .append("\r\n");
    }

    private static String reasons(List<ConcordanceReport.OverrideReason> reasons) {
        return reasons.stream()
                .map(r -> (r.code() == null ? "none" : r.code()) + "=" + r.count())
                .collect(Collectors.joining(";"));
    }

    private static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
