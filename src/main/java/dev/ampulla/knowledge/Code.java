package dev.ampulla.knowledge;

/** One concept of a code system, with the display a clinician reads when reviewing code sets. */
public record Code(String system, String code, String display) {

    public static Code snomed(String code, String display) {
        return new Code(CodeSystems.SNOMED, code, display);
    }

    public static Code loinc(String code, String display) {
        return new Code(CodeSystems.LOINC, code, display);
    }

    @Override
    public String toString() {
        return system + "|" + code;
    }
}
