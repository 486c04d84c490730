package dev.ampulla.knowledge;

/**
 * The statements of Ampulla's founding document that drive cards, each with its identifier (clinical-reference §3.1).
 * Cards quote them so a clinician can check which statement a suggestion rests on.
 */
public enum FoundingDocument {
    FD_IV("Stage IV means distant metastases, regardless of the size of the primary tumour and of regional lymph nodes."),
    FD_IV_1("If the primary tumour and its metastases can be removed completely: combined surgery (resection of the"
            + " rectum and removal of the metastases), followed by chemotherapy."),
    FD_IV_2("If the primary tumour and its metastases can be removed completely: preoperative chemotherapy, surgery to"
            + " remove the tumour and its metastases, then intensive postoperative chemotherapy."),
    FD_IV_3("If the primary tumour and its metastases can be removed completely: preoperative chemoradiation therapy,"
            + " surgery, then intensified postoperative chemotherapy."),
    FD_UNRES("If rectal cancer cannot be removed surgically, the main treatment is chemotherapy."),
    FD_RT("Radiation therapy is mainly preoperative, for significant locoregional spread, to shrink the tumour and make"
            + " the operation more radical. It is given for tumours of the middle and lower ampullar rectum, and not for"
            + " tumours of the upper ampullar rectum or the rectosigmoid."),
    FD_CT_PRE("Chemotherapy may be given before surgery to shrink the primary tumour and existing metastases."),
    FD_CT_POST("Chemotherapy is given after surgery when the resected specimen shows regional lymph node metastases,"
            + " or when distant metastases are present."),
    FD_SURG("In every case, surgery is the main stage of treatment.");

    private final String statement;

    FoundingDocument(String statement) {
        this.statement = statement;
    }

    /** The identifier used in the clinical reference, e.g. {@code FD-IV-1}. */
    public String id() {
        return name().replace('_', '-');
    }

    public String statement() {
        return statement;
    }
}
