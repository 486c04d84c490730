package dev.ampulla.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The treatment orders signed in a period and how many were on Ampulla's pathway: in total, per modality (systemic
 * therapy per ingredient class), per pathway rule in force ({@code null} when no pathway card was issued) and per
 * month (UTC, {@code 2026-11}). Orders withdrawn by accepting a warning's suggestion were not signed and are counted
 * apart ({@code withdrawnAfterWarning}), outside every other number.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OrderAgreementMeasures(
        Counts totals, long withdrawnAfterWarning, List<Modality> modalities, List<Rule> rules, List<Month> months) {

    /**
     * @param ordersSigned every treatment order signed (the initial population)
     * @param pathwayDecided orders on or off the pathway: a pathway was decided for the patient (the denominator)
     * @param onPathwayRate {@code onPathway / pathwayDecided}, null when no pathway was decided for any
     * @param offPathwayReasons why off-pathway orders were signed: the override reason of the warning naming the
     *     order, or "No reason given"
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Counts(
            long ordersSigned,
            long onPathway,
            long offPathway,
            long outsidePathway,
            long pathwayDecided,
            Double onPathwayRate,
            List<ConcordanceReport.OverrideReason> offPathwayReasons) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Modality(String modality, String drugClass, Counts counts) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rule(String rule, String topic, Counts counts) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Month(String month, Counts counts) {}
}
