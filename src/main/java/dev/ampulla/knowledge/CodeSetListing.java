package dev.ampulla.knowledge;

import java.util.ArrayList;
import java.util.List;

/** The rows of {@code knowledge/code-sets.csv} for some sets, for documentation: code, display and how verified. */
public final class CodeSetListing {

    /** One code of a set: its system's label, the code, the display, and its mark (yes, single-source, no, local). */
    public record Row(String set, String system, String code, String display, String verified) {}

    private CodeSetListing() {}

    public static List<Row> of(List<String> sets) {
        List<Row> out = new ArrayList<>();
        for (KnowledgeCsv.Row row : KnowledgeCsv.read("code-sets.csv", CodeSetFile.COLUMNS)) {
            if (sets.contains(row.required("set"))) {
                out.add(new Row(
                        row.required("set"),
                        CodeSystemRegistry.identity(row.required("system")).label(),
                        row.required("code"),
                        row.required("display"),
                        row.required("verified")));
            }
        }
        return out;
    }
}
