package dev.ampulla.http;

import dev.ampulla.fhir.Fhir;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Error bodies: a FHIR OperationOutcome with one issue, as CDS Hooks recommends for non-2xx answers. */
final class OperationOutcomes {
    private OperationOutcomes() {}

    static String json(String severity, String issueCode, String diagnostics) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.fromCode(severity))
                .setCode(OperationOutcome.IssueType.fromCode(issueCode))
                .setDiagnostics(diagnostics);
        return Fhir.jsonParser().encodeResourceToString(oo);
    }

    static String error(String issueCode, String diagnostics) {
        return json("error", issueCode, diagnostics);
    }
}
