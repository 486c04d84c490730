package dev.ampulla.assessment;

import dev.ampulla.extraction.BiomarkerResult;
import java.util.List;

/**
 * What the record's results say of one biomarker (or of a pair read together, KRAS and NRAS): {@code value} is the
 * finding's value (e.g. {@code deficient}, {@code mutant}, {@code not-recorded}); {@code used} the results it rests on,
 * oldest first; {@code gap} what is missing or unclear when no status could be given (e.g. "NRAS not recorded"), else
 * null; {@code discordant} the results of another method that disagree with the status (a proficient
 * immunohistochemistry beside MSI-H, or MSS beside a lost protein), to be confirmed.
 */
public record BiomarkerStatus(String value, List<BiomarkerResult> used, String gap, List<BiomarkerResult> discordant) {

    public BiomarkerStatus {
        used = List.copyOf(used);
        discordant = List.copyOf(discordant);
    }

    public BiomarkerStatus(String value, List<BiomarkerResult> used, String gap) {
        this(value, used, gap, List.of());
    }

    public boolean isRecorded() {
        return !value.equals(NOT_RECORDED);
    }

    public static final String NOT_RECORDED = "not-recorded";
}
