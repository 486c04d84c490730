package dev.ampulla.knowledge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classes of drugs the guideline layer's order checks name, with their ingredients from {@code
 * knowledge/drug-classes.csv}. A row naming an unknown class or an ingredient that antineoplastic-drugs.csv does not
 * list fails start-up.
 */
public enum DrugClass {
    /** EGFR antibodies (cetuximab, panitumumab): of use only for RAS wild-type tumours. */
    ANTI_EGFR("anti-egfr"),
    /** PD-1 and CTLA-4 antibodies. */
    IMMUNE_CHECKPOINT_INHIBITOR("immune-checkpoint-inhibitor"),
    /** BRAF inhibitors (encorafenib), given with cetuximab for BRAF V600E. */
    BRAF_INHIBITOR("braf-inhibitor");

    static final List<String> COLUMNS = List.of("class", "ingredient", "source");

    private final String key;

    DrugClass(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Whether one of the ingredients belongs to this class. */
    public boolean includesAny(List<String> ingredients) {
        Set<String> members = Members.BY_CLASS.get(this);
        for (String ingredient : ingredients) {
            if (members.contains(ingredient)) {
                return true;
            }
        }
        return false;
    }

    private static final class Members {
        static final Map<DrugClass, Set<String>> BY_CLASS = load();

        private static Map<DrugClass, Set<String>> load() {
            Map<DrugClass, Set<String>> out = new HashMap<>();
            for (DrugClass c : values()) {
                out.put(c, new HashSet<>());
            }
            for (KnowledgeCsv.Row row : KnowledgeCsv.read("drug-classes.csv", COLUMNS)) {
                String key = row.required("class");
                DrugClass c = null;
                for (DrugClass candidate : values()) {
                    if (candidate.key.equals(key)) {
                        c = candidate;
                    }
                }
                if (c == null) {
                    throw row.error("names the unknown drug class '" + key + "'");
                }
                String ingredient = row.required("ingredient");
                if (!AntineoplasticDrugs.isIngredient(ingredient)) {
                    throw row.error("names '" + ingredient + "', which antineoplastic-drugs.csv does not list");
                }
                row.required("source");
                out.get(c).add(ingredient);
            }
            return out;
        }
    }
}
