package dev.ampulla.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named, explicit set of codes. Membership goes through the code system's identity ({@link CodeSystemRegistry}):
 * a code written under any spelling of its system ({@code urn:oid:…}, an ICD-10 edition) is found, compared as that
 * system compares codes ({@link CodeComparison}). No terminology server is consulted, so every accepted code is
 * listed in the knowledge and can be reviewed.
 */
public final class CodeSet {
    private final String name;
    private final List<Code> codes;
    /** Normalised codes by identity index (null where the set has none of that system). */
    private final Set<String>[] codesByIdentity;
    /**
     * Every listed code made only of digits (SNOMED CT, RxNorm…), whatever its system: see {@link #contains}. Null
     * when the set lists codes whose digits are not compared as written (NDC), so no quick rejection is possible.
     */
    private final Set<String> digitCodes;

    private CodeSet(String name, List<Code> codes) {
        this.name = name;
        this.codes = List.copyOf(codes);
        Map<Integer, Set<String>> byIdentity = new HashMap<>();
        for (Code c : codes) {
            CodeSystemIdentity identity = CodeSystemRegistry.identify(c.system());
            if (identity == null) {
                throw new IllegalStateException("code set " + name + " lists " + c + " of an unknown code system");
            }
            byIdentity.computeIfAbsent(identity.index(), s -> new HashSet<>()).add(identity.normalise(c.code()));
        }
        @SuppressWarnings("unchecked") // Java cannot create an array of Set<String>; only Set<String> goes into it
        Set<String>[] sets = (Set<String>[]) new Set<?>[CodeSystemRegistry.count()];
        byIdentity.forEach((index, set) -> sets[index] = Set.copyOf(set));
        this.codesByIdentity = sets;
        Set<String> digits = new HashSet<>();
        byIdentity
                .values()
                .forEach(set -> set.stream().filter(CodeSet::isDigits).forEach(digits::add));
        boolean digitsAsWritten = codes.stream()
                .noneMatch(c -> CodeSystemRegistry.identify(c.system()).comparison() == CodeComparison.NDC);
        this.digitCodes = digitsAsWritten ? Set.copyOf(digits) : null;
    }

    public static CodeSet of(String name, Code... codes) {
        return new CodeSet(name, Arrays.asList(codes));
    }

    public static CodeSet of(String name, List<Code> codes) {
        return new CodeSet(name, codes);
    }

    public static CodeSet union(String name, CodeSet... sets) {
        List<Code> all = new ArrayList<>();
        for (CodeSet s : sets) {
            all.addAll(s.codes);
        }
        return new CodeSet(name, all);
    }

    public boolean contains(String system, String code) {
        return listed(system, code) != null;
    }

    /**
     * The listed code that holds this one, in its normalised form ({@code C20} for {@code C20.9}, an NDC product for
     * one of its packages), or null when the set does not hold it.
     */
    public String listed(String system, String code) {
        if (system == null || code == null) {
            return null;
        }
        // Most codes are SNOMED CT numbers. A code of digits alone is compared as written by the systems of most
        // sets (no dots to drop, no ICD category), so one the set lists under no system needs no look-up.
        if (digitCodes != null && isDigits(code) && !digitCodes.contains(code)) {
            return null;
        }
        CodeSystemIdentity identity = CodeSystemRegistry.identify(system);
        if (identity == null) {
            return null;
        }
        Set<String> set = codesByIdentity[identity.index()];
        if (set == null) {
            return null;
        }
        String normalised = identity.normalise(code);
        if (normalised == null) {
            return null;
        }
        if (set.contains(normalised)) {
            return normalised;
        }
        for (int shorter = identity.comparison().includingCodes(normalised); shorter > 0; shorter--) {
            String including = normalised.substring(0, normalised.length() - shorter);
            if (set.contains(including)) {
                return including;
            }
        }
        return null;
    }

    private static boolean isDigits(String code) {
        if (code.isEmpty()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
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
