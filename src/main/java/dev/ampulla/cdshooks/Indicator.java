package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonValue;

/** Card urgency, in increasing order. */
public enum Indicator {
    INFO,
    WARNING,
    CRITICAL;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
