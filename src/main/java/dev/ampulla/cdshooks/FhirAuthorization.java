package dev.ampulla.cdshooks;

/** The OAuth 2.0 bearer token a CDS client grants for its FHIR server. Never printed: see {@link #toString()}. */
public record FhirAuthorization(
        String accessToken, String tokenType, long expiresIn, String scope, String subject, String patient) {

    @Override
    public String toString() {
        return "FhirAuthorization[accessToken=<redacted>, scope=" + scope + ", subject=" + subject + "]";
    }
}
