package dev.ampulla.knowledge;

import java.util.Locale;

/** How two codes of one code system are compared: the normalisation each system needs. */
public enum CodeComparison {
    /** The code as written, spaces at the ends removed (SNOMED CT, LOINC, RxNorm, UCUM…). */
    EXACT,
    /**
     * ICD-10 in any edition: letters compared in upper case, the dot left out ({@code C20.9} = {@code C209}), the
     * dagger/asterisk/exclamation marks of ICD-10-GM left out; a category includes its subdivisions, so a set that
     * lists {@code C20} also holds {@code C20.9}.
     */
    ICD_10,
    /** German OPS procedure codes: as ICD-10, a code including its subdivisions from 5 characters ({@code 5-484}). */
    OPS,
    /** ICD-O-3 topography: upper case, the dot left out ({@code C20.9} = {@code C209}). */
    ICD_O_3,
    /**
     * US National Drug Codes, in the HIPAA 11-digit form (labeler, product and package padded to 5-4-2, no hyphens):
     * the FDA's hyphenated 10-digit forms (4-4-2, 5-3-2, 5-4-1) are padded to it, and a product code (labeler and
     * product, 5-4) includes every package of the product. An unhyphenated 10-digit code is ambiguous (which segment
     * to pad is not said) and is left as written, so it matches nothing.
     */
    NDC;

    public static CodeComparison parse(String name) {
        return switch (name) {
            case "exact" -> EXACT;
            case "icd-10" -> ICD_10;
            case "ops" -> OPS;
            case "icd-o-3" -> ICD_O_3;
            case "ndc" -> NDC;
            default ->
                throw new IllegalArgumentException(
                        "unknown code comparison '" + name + "' (exact, icd-10, ops, icd-o-3, ndc)");
        };
    }

    /** The code in the form codes of this system are stored and compared in; null for a blank code. */
    public String normalise(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        return switch (this) {
            case EXACT -> trimmed;
            case ICD_O_3 -> trimmed.replace(".", "").toUpperCase(Locale.ROOT);
            case NDC -> ndc(trimmed);
            case ICD_10, OPS -> {
                if (isPlainIcd(trimmed)) {
                    yield trimmed; // the usual case: nothing to drop or raise, no copy
                }
                StringBuilder sb = new StringBuilder(trimmed.length());
                for (int i = 0; i < trimmed.length(); i++) {
                    char ch = trimmed.charAt(i);
                    if (ch != '.' && ch != '+' && ch != '*' && ch != '!' && ch != '\u2020') {
                        sb.append(Character.toUpperCase(ch));
                    }
                }
                yield sb.toString();
            }
        };
    }

    /** The 11-digit (package) or 9-digit (product) form of an NDC; the code as written when it is neither. */
    private static String ndc(String code) {
        String[] segments = code.split("-", -1);
        int[] widths = segments.length == 3 ? new int[] {5, 4, 2} : segments.length == 2 ? new int[] {5, 4} : null;
        if (widths == null) {
            return code; // 11 digits (package) or 9 (product) as stored; anything else matches nothing
        }
        StringBuilder sb = new StringBuilder(11);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()
                    || segment.length() > widths[i]
                    || !segment.chars().allMatch(Character::isDigit)) {
                return code;
            }
            sb.append("0".repeat(widths[i] - segment.length())).append(segment);
        }
        return sb.toString();
    }

    private static boolean isPlainIcd(String code) {
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == '.' || ch == '+' || ch == '*' || ch == '!' || ch == '\u2020' || Character.isLowerCase(ch)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many shorter codes include this one (ICD-10 categories, an NDC's product), most specific first; none for
     * other systems.
     */
    int includingCodes(String normalised) {
        if (this == NDC) {
            return normalised.length() == 11 ? 2 : 0;
        }
        int category = this == ICD_10 ? 3 : this == OPS ? 5 : Integer.MAX_VALUE;
        return normalised.length() > category ? normalised.length() - category : 0;
    }
}
