package dev.ampulla.cards;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code dev.ampulla.stage} card extension: what Ampulla concluded, in machine-readable form. Members are left out
 * when unknown. {@code t}, {@code n} and {@code m} carry their AJCC prefix ({@code cT3}, {@code ypN1a}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StageExtension(String group, String basis, String t, String n, String m, String segment,
        String resectability) {

    public static final String KEY = "dev.ampulla.stage";
}
