package dev.ampulla.knowledge;

/**
 * The founding document's three options for resectable stage IV disease. Each is a FHIR PlanDefinition shipped in
 * {@code src/main/resources/knowledge}; its title and steps are read from there.
 */
public enum StageIvOption {
    SURGERY_FIRST("rectal-stage-iv-option-1", FoundingDocument.FD_IV_1, false),
    PREOPERATIVE_CHEMOTHERAPY("rectal-stage-iv-option-2", FoundingDocument.FD_IV_2, false),
    PREOPERATIVE_CHEMORADIATION("rectal-stage-iv-option-3", FoundingDocument.FD_IV_3, true);

    private final String planDefinitionId;
    private final FoundingDocument statement;
    private final boolean includesRadiotherapy;

    StageIvOption(String planDefinitionId, FoundingDocument statement, boolean includesRadiotherapy) {
        this.planDefinitionId = planDefinitionId;
        this.statement = statement;
        this.includesRadiotherapy = includesRadiotherapy;
    }

    public String planDefinitionId() {
        return planDefinitionId;
    }

    public String canonicalUrl() {
        return CodeSystems.AMPULLA_BASE + "/PlanDefinition/" + planDefinitionId;
    }

    public FoundingDocument statement() {
        return statement;
    }

    /** Options with radiotherapy inherit FD-RT: offered only for middle and lower rectal tumours. */
    public boolean includesRadiotherapy() {
        return includesRadiotherapy;
    }
}
