package dev.ampulla.knowledge.pack;

import java.util.Arrays;

/** One value for every {@link Finding}: what rules are evaluated against. */
public final class Findings {
    private static final int COUNT = Finding.values().length;

    private final int[] values = new int[COUNT];

    private Findings() {}

    /** Starts with each finding at its first value; set every one that matters. */
    public static Findings start() {
        return new Findings();
    }

    public Findings set(Finding finding, String value) {
        int index = finding.indexOf(value);
        if (index < 0) {
            throw new IllegalArgumentException(finding.key() + " has no value " + value);
        }
        values[finding.ordinal()] = index;
        return this;
    }

    Findings setIndex(Finding finding, int index) {
        values[finding.ordinal()] = index;
        return this;
    }

    int index(Finding finding) {
        return values[finding.ordinal()];
    }

    /** The value index of the finding with this ordinal. */
    int index(int ordinal) {
        return values[ordinal];
    }

    public String get(Finding finding) {
        return finding.domain().get(values[finding.ordinal()]);
    }

    public boolean is(Finding finding, String value) {
        return get(finding).equals(value);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Finding f : Finding.values()) {
            s.append(s.length() == 0 ? "" : ", ").append(f.key()).append(": ").append(get(f));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Findings f && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
