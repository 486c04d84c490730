package dev.ampulla.extraction;

import dev.ampulla.knowledge.pack.DataProblemCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Something in the data a clinician should know about because it affected, or could affect, the conclusions:
 * {@code kind} says which card lists it; {@code warning} that it changes the conclusions; {@code code} names its
 * sentence in the knowledge pack ({@code data-problems.yaml}) and {@code arguments} fill it (plain text from the
 * record, naming the resources involved; card rendering escapes them).
 */
public record DataProblem(Kind kind, boolean warning, DataProblemCode code, Map<String, String> arguments) {

    /** Which data-quality card lists a problem. */
    public enum Kind {
        /** Data that contradict each other or the AJCC rules (R25). */
        CONFLICT,
        /** Staging data that name no tumour when the patient has more than one primary (R26). */
        ATTRIBUTION
    }

    /** A stable order (warnings first); cards list them by their sentences. */
    public static final java.util.Comparator<DataProblem> ORDER = java.util.Comparator.comparing(
                    (DataProblem p) -> !p.warning())
            .thenComparing(p -> p.code().key())
            .thenComparing(p -> p.arguments().toString());

    public DataProblem {
        if (!List.copyOf(arguments.keySet()).equals(code.arguments())) {
            throw new IllegalArgumentException(
                    code.key() + " takes " + code.arguments() + ", got " + arguments.keySet());
        }
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** @param arguments the code's arguments in its order, as name, value, name, value… */
    public static DataProblem conflict(boolean warning, DataProblemCode code, String... arguments) {
        return new DataProblem(Kind.CONFLICT, warning, code, pairs(arguments));
    }

    public static DataProblem attribution(DataProblemCode code, String... arguments) {
        return new DataProblem(Kind.ATTRIBUTION, true, code, pairs(arguments));
    }

    private static Map<String, String> pairs(String... nameValue) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            out.put(nameValue[i], nameValue[i + 1]);
        }
        return out;
    }
}
