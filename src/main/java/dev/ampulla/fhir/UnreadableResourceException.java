package dev.ampulla.fhir;

/** A resource in the patient data is not valid FHIR R4 JSON; the message names it but holds none of its content. */
public final class UnreadableResourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableResourceException(String resource, Throwable cause) {
        super(resource + " is not a valid FHIR R4 resource", cause);
    }
}
