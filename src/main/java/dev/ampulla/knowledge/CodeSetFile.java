package dev.ampulla.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The code sets of {@code knowledge/code-sets.csv}, by name; a row with an unknown system or mark fails start-up. */
final class CodeSetFile {
    static final List<String> COLUMNS = List.of("set", "system", "code", "display", "verified", "source");
    static final Set<String> VERIFIED = Set.of("yes", "single-source", "no", "local");

    private static final Map<String, CodeSet> SETS = load();

    private CodeSetFile() {}

    private static Map<String, CodeSet> load() {
        Map<String, List<Code>> codes = new LinkedHashMap<>();
        for (KnowledgeCsv.Row row : KnowledgeCsv.read("code-sets.csv", COLUMNS)) {
            CodeSystemIdentity identity;
            try {
                identity = CodeSystemRegistry.identity(row.required("system"));
            } catch (IllegalArgumentException e) {
                throw row.error(e.getMessage());
            }
            if (!VERIFIED.contains(row.required("verified"))) {
                throw row.error("has verified '" + row.get("verified") + "'; expected one of " + VERIFIED);
            }
            row.required("source");
            codes.computeIfAbsent(row.required("set"), s -> new ArrayList<>())
                    .add(new Code(identity.canonicalUri(), row.required("code"), row.required("display")));
        }
        Map<String, CodeSet> sets = new LinkedHashMap<>();
        codes.forEach((name, list) -> sets.put(name, CodeSet.of(name, list)));
        return sets;
    }

    /** The set with this name; fails when the file has none, so a renamed set cannot silently become empty. */
    static CodeSet named(String name) {
        CodeSet set = SETS.get(name);
        if (set == null) {
            throw new IllegalStateException("knowledge/code-sets.csv has no set '" + name + "'");
        }
        return set;
    }

    static Set<String> names() {
        return SETS.keySet();
    }
}
