package dev.ampulla.knowledge;

/**
 * The founding document's three options for resectable stage IV disease. Each is a FHIR PlanDefinition shipped in
 * {@code src/main/resources/knowledge}; its title and steps are read from there.
 */
public enum StageIvOption {
    SURGERY_FIRST("rectal-stage-iv-option-1", "FD-IV-1", false),
    PREOPERATIVE_CHEMOTHERAPY("rectal-stage-iv-option-2", "FD-IV-2", false),
    PREOPERATIVE_CHEMORADIATION("rectal-stage-iv-option-3", "FD-IV-3", true);

    private final String planDefinitionId;
    private final String statement;
    private final boolean includesRadiotherapy;

    StageIvOption(String planDefinitionId, String statement, boolean includesRadiotherapy) {
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

    /** The id of the founding-document statement it implements (statements.yaml), e.g. {@code FD-IV-1}. */
    public String statement() {
        return statement;
    }

    /** Options with radiotherapy inherit FD-RT: offered only for middle and lower rectal tumours. */
    public boolean includesRadiotherapy() {
        return includesRadiotherapy;
    }
}
