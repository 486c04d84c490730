package dev.ampulla.http;

import java.util.concurrent.atomic.AtomicBoolean;

/** Whether start-up work (warming the FHIR parser and the engine) has finished. */
public final class Readiness {
    private final AtomicBoolean ready = new AtomicBoolean();

    public boolean isReady() {
        return ready.get();
    }

    public void markReady() {
        ready.set(true);
    }
}
