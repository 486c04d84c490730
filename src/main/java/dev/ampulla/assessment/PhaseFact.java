package dev.ampulla.assessment;

import dev.ampulla.extraction.Source;

/**
 * One dated fact behind the treatment phase: a kind of treatment or record ({@code what}), with the first and the
 * newest record of it ({@code count} records in all), and whether it is still ongoing.
 */
public record PhaseFact(String what, int count, Source first, Source last, boolean ongoing) {

    /** {@code radiotherapy (Procedure/x, 2024-10-21 to 2024-11-29)}; several records name the first and the newest. */
    public String text() {
        StringBuilder s = new StringBuilder(what);
        if (ongoing) {
            s.append(", ongoing");
        }
        s.append(" (").append(first.cite());
        if (count > 1) {
            s.append(count == 2 ? "; " : "; " + count + " records, the newest ").append(last.cite());
        }
        return s.append(')').toString();
    }
}
