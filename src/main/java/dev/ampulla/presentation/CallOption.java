package dev.ampulla.presentation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options an EHR may set per call, advertised in discovery in the form Da Vinci CRD defines for its
 * {@code davinci-crd.configuration-options} services extension (HL7 Da Vinci CRD STU 2,
 * StructureDefinition CDSHookServicesExtensionConfiguration): code, type, name, description, default. Each turns a
 * kind of card off for the call; all default to on, so a call without options is answered as before.
 */
public enum CallOption {
    GUIDELINES(
            "guidelines",
            "Guideline cards",
            "Show the guideline layer's cards and the cards comparing the founding document with a guideline (false:"
                    + " only the founding document's pathway and Ampulla's own cards)."),
    STAGE(
            "stage",
            "Stage card",
            "Show the card with the patient's computed stage, or saying why no stage group can be given."),
    DATA_QUALITY(
            "data-quality",
            "Data-quality cards",
            "Show the cards about conflicting or unattributable data in the record.");

    private final String code;
    private final String title;
    private final String description;

    CallOption(String code, String title, String description) {
        this.code = code;
        this.title = title;
        this.description = description;
    }

    public String code() {
        return code;
    }

    /** Every option's type: a JSON boolean. */
    public String type() {
        return "boolean";
    }

    public boolean defaultValue() {
        return true;
    }

    /** This option as one entry of the discovery extension. */
    public Map<String, Object> discoveryEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", code);
        entry.put("type", type());
        entry.put("name", title);
        entry.put("description", description);
        entry.put("default", defaultValue());
        return entry;
    }

    public static CallOption byCode(String code) {
        for (CallOption o : values()) {
            if (o.code.equals(code)) {
                return o;
            }
        }
        return null;
    }
}
