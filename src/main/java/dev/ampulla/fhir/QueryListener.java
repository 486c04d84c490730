package dev.ampulla.fhir;

import java.net.URI;

/** Told of each FHIR query's outcome, for the operator's metrics: the server's base only, never the query. */
@FunctionalInterface
public interface QueryListener {
    QueryListener NONE = (base, succeeded) -> {};

    void queried(URI base, boolean succeeded);
}
