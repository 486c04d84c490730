package dev.ampulla.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named, explicit set of codes. Membership is exact (system and code); no terminology server is consulted,
 * so every accepted code is listed here and can be reviewed.
 */
public final class CodeSet {
    private final String name;
    private final List<Code> codes;
    private final Map<String, Set<String>> codesBySystem;

    private CodeSet(String name, List<Code> codes) {
        this.name = name;
        this.codes = List.copyOf(codes);
        Map<String, Set<String>> bySystem = new HashMap<>();
        for (Code c : codes) {
            bySystem.computeIfAbsent(c.system(), s -> new HashSet<>()).add(c.code());
        }
        bySystem.replaceAll((system, set) -> Set.copyOf(set));
        this.codesBySystem = Map.copyOf(bySystem);
    }

    public static CodeSet of(String name, Code... codes) {
        return new CodeSet(name, Arrays.asList(codes));
    }

    public static CodeSet union(String name, CodeSet... sets) {
        List<Code> all = new ArrayList<>();
        for (CodeSet s : sets) {
            all.addAll(s.codes);
        }
        return new CodeSet(name, all);
    }

    public boolean contains(String system, String code) {
        if (system == null || code == null) {
            return false;
        }
        return codesBySystem.getOrDefault(system, Collections.emptySet()).contains(code);
    }

    public String name() {
        return name;
    }

    public List<Code> codes() {
        return codes;
    }

    @Override
    public String toString() {
        return name + codes;
    }
}
