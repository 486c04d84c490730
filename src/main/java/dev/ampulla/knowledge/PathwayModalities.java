package dev.ampulla.knowledge;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which modalities each pathway card puts on the pathway, from {@code knowledge/pathway-modalities.csv}: the clinical
 * mapping behind "on the pathway" in the pathway agreement report. A rule with no modality, or not listed, decides no
 * pathway yet. An unknown modality fails start-up.
 */
public final class PathwayModalities {
    static final List<String> COLUMNS = List.of("rule", "modalities", "basis");

    private static final Map<String, Set<TreatmentModality>> BY_RULE = load();

    private PathwayModalities() {}

    /** The modalities rule {@code ruleId}'s card puts on the pathway; empty when it decides none. */
    public static Set<TreatmentModality> of(String ruleId) {
        Set<TreatmentModality> modalities = BY_RULE.get(ruleId);
        return modalities == null ? Set.of() : modalities;
    }

    private static Map<String, Set<TreatmentModality>> load() {
        Map<String, Set<TreatmentModality>> out = new HashMap<>();
        for (KnowledgeCsv.Row row : KnowledgeCsv.read("pathway-modalities.csv", COLUMNS)) {
            Set<TreatmentModality> modalities = EnumSet.noneOf(TreatmentModality.class);
            String listed = row.get("modalities");
            for (String code : listed.isBlank() ? new String[0] : listed.split("\\|")) {
                TreatmentModality m = TreatmentModality.byCode(code.strip());
                if (m == null) {
                    throw row.error("names the unknown modality '" + code.strip() + "'");
                }
                modalities.add(m);
            }
            row.required("basis");
            out.put(row.required("rule"), Set.copyOf(modalities));
        }
        return Map.copyOf(out);
    }
}
