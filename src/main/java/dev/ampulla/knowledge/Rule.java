package dev.ampulla.knowledge;

import java.util.List;

/**
 * The decision rules that produce cards (clinical-reference §4.3). The {@code topic} is a published, stable contract:
 * it is the code of the card's {@code source.topic} in the {@code card-topic} code system, and EHR analytics and
 * feedback reports key on it. Two rules may share a topic (R10 and R11 both advise adjuvant chemotherapy).
 */
public enum Rule {
    STAGE_SUMMARY("R1", "stage-summary", "Rectal cancer stage", RuleSource.ENG, List.of()),
    STAGING_INCOMPLETE("R2", "staging-incomplete", "Staging incomplete", RuleSource.ENG, List.of()),
    STAGE_IV_RESECTABLE("R3", "stage-iv-resectable", "Stage IV, resectable: founding-document options",
            RuleSource.FD, List.of(FoundingDocument.FD_IV_1, FoundingDocument.FD_IV_2, FoundingDocument.FD_IV_3,
                    FoundingDocument.FD_RT, FoundingDocument.FD_SURG)),
    STAGE_IV_UNRESECTABLE("R4", "stage-iv-unresectable", "Stage IV, unresectable: chemotherapy", RuleSource.FD,
            List.of(FoundingDocument.FD_UNRES)),
    RESECTABILITY_ASSESSMENT_NEEDED("R5", "resectability-assessment-needed", "Stage IV: resectability assessment needed",
            RuleSource.ENG, List.of(FoundingDocument.FD_IV_1, FoundingDocument.FD_UNRES)),
    NEOADJUVANT_RADIOTHERAPY("R6", "neoadjuvant-radiotherapy", "Preoperative radiotherapy, then surgery",
            RuleSource.FD, List.of(FoundingDocument.FD_RT, FoundingDocument.FD_SURG)),
    SURGERY_WITHOUT_RADIOTHERAPY("R7", "surgery-without-radiotherapy", "Surgery without preoperative radiotherapy",
            RuleSource.FD, List.of(FoundingDocument.FD_RT, FoundingDocument.FD_SURG, FoundingDocument.FD_CT_POST)),
    TUMOUR_LOCATION_NEEDED("R8", "tumor-location-needed", "Tumour location needed to decide on radiotherapy",
            RuleSource.ENG, List.of(FoundingDocument.FD_RT)),
    SURGERY_PRIMARY("R9", "surgery-primary", "Surgery is the main treatment", RuleSource.FD,
            List.of(FoundingDocument.FD_SURG)),
    ADJUVANT_CHEMOTHERAPY_NODES("R10", "adjuvant-chemotherapy", "Postoperative chemotherapy: regional node metastases",
            RuleSource.FD, List.of(FoundingDocument.FD_CT_POST)),
    ADJUVANT_CHEMOTHERAPY_METASTASES("R11", "adjuvant-chemotherapy",
            "Postoperative chemotherapy: distant metastases", RuleSource.FD, List.of(FoundingDocument.FD_CT_POST)),
    RADIOTHERAPY_NOT_INDICATED_LOCATION("R12", "radiotherapy-not-indicated-location",
            "Radiotherapy ordered for an upper-rectum or rectosigmoid tumour", RuleSource.FD,
            List.of(FoundingDocument.FD_RT)),
    RADIOTHERAPY_LOCATION_UNKNOWN("R13", "radiotherapy-location-unknown",
            "Radiotherapy ordered while the tumour location is unknown", RuleSource.ENG,
            List.of(FoundingDocument.FD_RT)),
    RADIOTHERAPY_WITHOUT_INDICATION("R14", "radiotherapy-without-indication",
            "Radiotherapy ordered without significant locoregional spread", RuleSource.FD,
            List.of(FoundingDocument.FD_RT)),
    RADIOTHERAPY_POSTOPERATIVE("R15", "radiotherapy-postoperative", "Radiotherapy ordered after resection",
            RuleSource.FD, List.of(FoundingDocument.FD_RT)),
    DATA_CONFLICT("R25", "data-conflict", "Conflicting data", RuleSource.ENG, List.of()),
    DATA_ATTRIBUTION("R26", "data-attribution", "Staging data not attributable to a tumour", RuleSource.ENG,
            List.of()),
    DIAGNOSIS_NOT_RECOGNISED("R28", "diagnosis-not-recognised", "A possible rectal cancer that could not be used",
            RuleSource.ENG, List.of()),
    ORDER_OUTSIDE_PATHWAY("R29", "order-outside-pathway", "Treatment order aimed outside the founding-document pathway",
            RuleSource.ENG, List.of(FoundingDocument.FD_RT)),
    ORDER_NOT_READ("R30", "order-not-read", "Draft order that could not be read", RuleSource.ENG, List.of());

    private final String id;
    private final String topic;
    private final String title;
    private final RuleSource source;
    private final List<FoundingDocument> statements;

    Rule(String id, String topic, String title, RuleSource source, List<FoundingDocument> statements) {
        this.id = id;
        this.topic = topic;
        this.title = title;
        this.source = source;
        this.statements = statements;
    }

    /** The decision-table id, e.g. {@code R6}. */
    public String id() {
        return id;
    }

    /** The card-topic code. */
    public String topic() {
        return topic;
    }

    public String title() {
        return title;
    }

    public RuleSource source() {
        return source;
    }

    /** Founding-document statements the rule applies (empty for ENG rules that only ask for data). */
    public List<FoundingDocument> statements() {
        return statements;
    }

    /** Codes of the override-reason CodeSystem offered when a clinician dismisses this rule's card. */
    public List<String> overrideReasonCodes() {
        return switch (this) {
            case STAGE_SUMMARY, STAGING_INCOMPLETE, DATA_CONFLICT, DATA_ATTRIBUTION, DIAGNOSIS_NOT_RECOGNISED,
                    ORDER_OUTSIDE_PATHWAY, ORDER_NOT_READ -> List.of();
            case RADIOTHERAPY_NOT_INDICATED_LOCATION, RADIOTHERAPY_LOCATION_UNKNOWN ->
                    List.of("mdt-decision", "location-reassessed", "clinical-trial", "data-incorrect");
            default -> List.of("mdt-decision", "patient-preference", "clinical-trial", "data-incorrect",
                    "contraindication");
        };
    }
}
