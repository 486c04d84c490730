package dev.ampulla.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;

/**
 * Parsing policy for patient data. Elements of the wrong JSON type, invalid values (a malformed date, an unknown
 * status) and repeated single elements are errors: silently dropping them could hide a diagnosis or reorder
 * findings, and a clinician would get wrong cards without knowing. Unknown elements and missing required elements
 * are tolerated, because real clients send them (newer FHIR versions, the CDS Hooks sandbox). Nothing is logged.
 */
final class StructuralErrorHandler extends LenientErrorHandler {

    StructuralErrorHandler() {
        super(false);
    }

    @Override
    public void incorrectJsonType(
            IParseLocation location,
            String elementName,
            BaseJsonLikeValue.ValueType expected,
            BaseJsonLikeValue.ScalarType expectedScalar,
            BaseJsonLikeValue.ValueType found,
            BaseJsonLikeValue.ScalarType foundScalar) {
        throw new DataFormatException("element of the wrong JSON type");
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        throw new DataFormatException("invalid value");
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        throw new DataFormatException("repeated element");
    }
}
