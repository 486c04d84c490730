package dev.ampulla.ops;

import java.util.Locale;

/** Why a call was refused before it reached a service: a small fixed set, the {@code reason} label of the metric. */
public enum Refusal {
    /** No valid client JWT (or metrics/analytics token): 401. */
    UNAUTHENTICATED,
    /** Every admission place is taken: 503. */
    BUSY,
    /** The calling client already holds its share of the places: 503. */
    CLIENT_SHARE,
    /** The memory budget for calls in flight cannot hold this one: 503. */
    MEMORY,
    /** The client sent more feedback than its rate allows: 429. */
    RATE_LIMITED,
    /** The body is larger than the configured limit: 413. */
    TOO_LARGE,
    /** The body is not JSON: 415. */
    UNSUPPORTED_MEDIA_TYPE,
    /** The body did not arrive within the body-read deadline: 408. */
    BODY_TIMEOUT;

    /** The label value: {@code client-share}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
