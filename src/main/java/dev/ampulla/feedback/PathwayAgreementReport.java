package dev.ampulla.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Agreement with Ampulla's pathway in a period {@code [from, to)}: the treatment orders signed ({@code orders}, the
 * measure) and clinicians' feedback on the cards issued ({@code cards}, what {@code /analytics/concordance} reports).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PathwayAgreementReport(String from, String to, OrderAgreementMeasures orders, ConcordanceReport cards) {}
