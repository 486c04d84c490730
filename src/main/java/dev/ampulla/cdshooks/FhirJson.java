package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;

/** A FHIR resource already encoded as JSON by the FHIR parser, embedded as it is in a CDS Hooks document. */
public record FhirJson(String json) {

    @JsonValue
    @JsonRawValue
    @Override
    public String json() {
        return json;
    }
}
