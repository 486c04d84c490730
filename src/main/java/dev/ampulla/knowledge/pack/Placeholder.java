package dev.ampulla.knowledge.pack;

import java.util.List;

/**
 * The closed vocabulary of card-text placeholders. A TEXT is printed with {@code {name}}; a FLAG is only tested with
 * {@code {?name}…{/name}} or {@code {!name}…{/name}}; a LIST is repeated with {@code {*name}…{/name}}, its items' fields
 * printed inside; a CHOICE is tested with {@code {?name=value|value}…{/name}} like a finding. Values taken from the
 * patient's record are Markdown-escaped in card details; the pack's own words are not (see {@link Template}).
 */
public enum Placeholder implements Keyed {
    STAGE_TEXT("stage-text", Kind.TEXT, "the stage group, with the sub-groups left open, e.g. III (IIIA or IIIB)"),
    STAGE_GROUP("stage-group", Kind.TEXT, "the stage group, e.g. IIIB"),
    BASIS("basis", Kind.TEXT, "clinical, pathological or post-therapy"),
    TNM("tnm", Kind.TEXT, "the T, N and M used, e.g. cT3 cN1a cM0"),
    MISSING("missing", Kind.TEXT, "which of T, N and M are missing, e.g. N, M"),
    T("t", Kind.TEXT, "the T category used, with its prefix, e.g. ypT0"),
    N("n", Kind.TEXT, "the N category used, with its prefix, e.g. pN1b"),
    T_FROM_SPECIMEN("t-from-specimen", Kind.FLAG, "the T category comes from a resection specimen"),
    SUB_GROUP_UNDECIDED("sub-group-undecided", Kind.FLAG, "the data leave more than one sub-group open"),
    UNDECIDED_REASON("undecided-reason", Kind.TEXT, "why the sub-group is open, e.g. T4 is not recorded as T4a or T4b"),
    FROM_REPORTED_GROUP("from-reported-group", Kind.FLAG, "the stage was taken from a reported stage group"),
    SEGMENT("segment", Kind.TEXT, "the segment's words (findings.yaml), e.g. upper rectum"),
    SEGMENT_DESCRIPTION("segment-description", Kind.TEXT, "the segment's description (findings.yaml)"),
    SEGMENT_THRESHOLDS("segment-thresholds", Kind.TEXT, "the segment thresholds of parameters.yaml, e.g. 5 / 10 / 15"),
    RESECTION_EVIDENCE("resection-evidence", Kind.TEXT, "what shows that the primary was resected"),
    PRIOR_TREATMENT("prior-treatment", Kind.TEXT, "the newest radiotherapy or chemotherapy already given"),
    RESECTABILITY_RESERVATION(
            "resectability-reservation", Kind.TEXT, "why the documented resectability assessment was not used"),
    METASTASES_LIMITED_TO_LIVER_OR_LUNG(
            "metastases-limited-to-liver-or-lung", Kind.FLAG, "every recorded metastasis is in the liver or the lungs"),
    OPTION_COUNT("option-count", Kind.TEXT, "how many stage IV options are offered"),
    STAGE_IV_OPTIONS(
            "stage-iv-options",
            Kind.LIST,
            "the stage IV options offered",
            List.of("number", "title", "statement"),
            List.of("radiotherapy-caveat")),
    PROBLEMS("problems", Kind.LIST, "the data problems of the card", List.of("text"), List.of("warning")),
    PROBLEM_COUNT("problem-count", Kind.TEXT, "how many data problems the card lists"),
    SINGLE_PROBLEM("single-problem", Kind.FLAG, "the card lists one data problem"),
    ORDERS(
            "orders",
            Kind.LIST,
            "the draft orders the card is about",
            List.of("order", "target", "evidence"),
            List.of()),
    MIXED_ORDERS(
            "mixed-orders",
            Kind.LIST,
            "orders naming both the primary and a metastasis or recurrence",
            List.of("order", "order-evidence"),
            List.of()),
    ORDER_TARGET_UNNAMED(
            "order-target-unnamed",
            Kind.FLAG,
            "an order of the card names no reason, site or intent saying it treats the rectal tumour"),
    ORDER_AIM(
            "order-aim",
            Kind.CHOICE,
            "what the card's first order is aimed at",
            List.of("palliative", "recurrence", "metastasis"),
            List.of()),
    SINGLE_ORDER("single-order", Kind.FLAG, "the card names one order"),
    ORDER_COUNT("order-count", Kind.TEXT, "how many orders the card names"),
    UNREAD_ORDERS("unread-orders", Kind.LIST, "orders that could not be read", List.of("order", "why"), List.of()),
    DIAGNOSES(
            "diagnoses",
            Kind.LIST,
            "diagnoses that look like rectal cancer but were not used",
            List.of("text"),
            List.of()),
    SINGLE_DIAGNOSIS("single-diagnosis", Kind.FLAG, "the card names one diagnosis"),
    DIAGNOSIS_COUNT("diagnosis-count", Kind.TEXT, "how many diagnoses the card names"),
    HEADLINE("headline", Kind.TEXT, "what the one diagnosis not used is, in a few words"),
    WITH_CASES("with-cases", Kind.FLAG, "the patient also has a rectal cancer Ampulla did read"),
    AT_ORDER_TIME("at-order-time", Kind.FLAG, "the call checks draft orders (order-select, order-sign)"),
    REMEDY_MANAGE_OUTSIDE_PATHWAY(
            "remedy-manage-outside-pathway",
            Kind.FLAG,
            "a diagnosis is managed outside this pathway (histology, situation)"),
    REMEDY_CLINICAL_STATUS("remedy-clinical-status", Kind.FLAG, "a diagnosis is not recorded as active"),
    REMEDY_CODE_NOT_READ("remedy-code-not-read", Kind.FLAG, "a diagnosis is coded in a way Ampulla does not read"),
    PHASE("phase", Kind.TEXT, "where the patient is in treatment, in findings.yaml's words"),
    PHASE_FACTS("phase-facts", Kind.TEXT, "the dated records the treatment phase rests on"),
    PHASE_DATA_MISSING(
            "phase-data-missing",
            Kind.TEXT,
            "the data the EHR did not provide, so the phase was judged without them, e.g. medication records"),
    NEWEST_DATA_DATE("newest-data-date", Kind.TEXT, "the date of the newest fact of the case"),
    STAGING_DATE("staging-date", Kind.TEXT, "the date of the newest staging record"),
    STALE_AFTER("stale-after", Kind.TEXT, "the pack's stale-data age, e.g. 183 days"),
    HIGH_RISK("high-risk", Kind.TEXT, "the high-risk features recorded, e.g. cT4b, extramural venous invasion"),
    CHEMOTHERAPY_BEFORE("chemotherapy-before", Kind.TEXT, "the systemic therapy given before the resection"),
    LATER_METASTASES("later-metastases", Kind.TEXT, "the distant metastases first recorded after the resection"),
    PRIOR_RADIOTHERAPY("prior-radiotherapy", Kind.TEXT, "the radiotherapy or chemoradiation already recorded"),
    RESTAGED("restaged", Kind.FLAG, "post-therapy clinical (yc) staging is recorded after the treatment"),
    RESTAGING("restaging", Kind.TEXT, "the post-therapy clinical (yc) T and N, with their date"),
    LOCAL_EXCISION("local-excision", Kind.TEXT, "the local excision of the tumour recorded, with its record"),
    BASELINE_TNM("baseline-tnm", Kind.TEXT, "the clinical T and N before treatment, when the stage is from later data"),
    GUIDELINE_SOURCE(
            "guideline-source",
            Kind.TEXT,
            "a guideline card's source and edition, e.g. ASCO rectal cancer guideline (2024)"),
    GUIDELINE_GRADE("guideline-grade", Kind.TEXT, "the grade the guideline gives the recommendation, as it writes it"),
    GUIDELINE_CITES(
            "guideline-cites", Kind.TEXT, "the trials and decisions a guideline card cites besides its guideline"),
    GUIDELINE_REVIEWED("guideline-reviewed", Kind.TEXT, "when the pack was last reviewed against the guideline"),
    DATA_USED("data-used", Kind.TEXT, "the results a guideline card read, with their records"),
    DATA_NOT_RECORDED("data-not-recorded", Kind.TEXT, "the inputs of a guideline card that are not recorded, and why"),
    MMR_RESULT("mmr-result", Kind.TEXT, "the mismatch-repair / MSI results, e.g. MSI-H (Observation/x, 2025-01-10)"),
    MMR_DISCORDANT(
            "mmr-discordant",
            Kind.FLAG,
            "MSI and mismatch-repair immunohistochemistry disagree (MSI-H with all proteins intact, or MSS with one lost)"),
    RAS_RESULT("ras-result", Kind.TEXT, "the RAS results"),
    BRAF_RESULT("braf-result", Kind.TEXT, "the BRAF results"),
    PERFORMANCE("performance", Kind.TEXT, "the newest performance status, e.g. ECOG 3 (Observation/x, 2025-01-10)"),
    AGE("age", Kind.TEXT, "the patient's age in years"),
    FITNESS_REASONS("fitness-reasons", Kind.TEXT, "why a fitness assessment is advised, e.g. ECOG 3, age 91"),
    PREGNANCY_STATUS("pregnancy-status", Kind.TEXT, "the pregnancy status recorded, with its record"),
    DRUGS_ORDERED("drugs-ordered", Kind.TEXT, "the drugs of the orders a card is about, e.g. cetuximab"),
    COMPARISON(
            "comparison",
            Kind.LIST,
            "the guideline cards that differ from the founding document's pathway card",
            List.of("topic", "guideline", "source", "grade", "differs"),
            List.of()),
    FOUNDING_DOCUMENT_SAYS(
            "founding-document-says", Kind.TEXT, "the summary of the founding document's pathway card for the patient"),
    FOUNDING_DOCUMENT_RULE("founding-document-rule", Kind.TEXT, "the rule of that pathway card, e.g. R4");

    /** How a placeholder is used in a template. */
    public enum Kind {
        TEXT,
        FLAG,
        LIST,
        CHOICE
    }

    private final String key;
    private final Kind kind;
    private final String meaning;
    private final List<String> fields;
    private final List<String> flagFields;

    Placeholder(String key, Kind kind, String meaning) {
        this(key, kind, meaning, List.of(), List.of());
    }

    /** A LIST with its text and flag fields, or a CHOICE with its values (in {@code fields}). */
    Placeholder(String key, Kind kind, String meaning, List<String> fields, List<String> flagFields) {
        this.key = key;
        this.kind = kind;
        this.meaning = meaning;
        this.fields = fields;
        this.flagFields = flagFields;
    }

    @Override
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public String meaning() {
        return meaning;
    }

    /** For a LIST, the item fields printed with {@code {field}}; for a CHOICE, its values. */
    public List<String> fields() {
        return fields;
    }

    /** For a LIST, the item fields tested with {@code {?field}}. */
    public List<String> flagFields() {
        return flagFields;
    }

    /** The kinds of card whose texts are filled with this placeholder. */
    public java.util.Set<CardKind> filledOn() {
        return switch (this) {
            case ORDERS, MIXED_ORDERS, ORDER_TARGET_UNNAMED, ORDER_AIM -> java.util.EnumSet.of(CardKind.ORDER_CHECK);
            case PROBLEMS, PROBLEM_COUNT, SINGLE_PROBLEM ->
                java.util.EnumSet.of(CardKind.DATA_CONFLICTS, CardKind.DATA_ATTRIBUTION);
            case STAGE_IV_OPTIONS, OPTION_COUNT -> java.util.EnumSet.of(CardKind.ADVICE);
            case COMPARISON, FOUNDING_DOCUMENT_SAYS, FOUNDING_DOCUMENT_RULE ->
                java.util.EnumSet.of(CardKind.GUIDELINE_COMPARISON);
            case SINGLE_ORDER,
                    ORDER_COUNT,
                    UNREAD_ORDERS,
                    DIAGNOSES,
                    SINGLE_DIAGNOSIS,
                    DIAGNOSIS_COUNT,
                    HEADLINE,
                    WITH_CASES,
                    AT_ORDER_TIME,
                    REMEDY_MANAGE_OUTSIDE_PATHWAY,
                    REMEDY_CLINICAL_STATUS,
                    REMEDY_CODE_NOT_READ -> java.util.EnumSet.of(CardKind.NOT_READ);
            default -> java.util.EnumSet.complementOf(java.util.EnumSet.of(CardKind.NOT_READ));
        };
    }

    public static Placeholder byKey(String key) {
        return Keyed.byKey(values(), key);
    }
}
