package dev.ampulla.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import dev.ampulla.demo.InMemoryFhirServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A real FHIR R4 server for tests: Ampulla's in-memory HAPI FHIR server (the demo's) on loopback, holding the
 * fhir-examples patients. It can require a bearer token, page small, delay or hang every request, or fail with HTTP
 * 500, and it records what it was sent.
 */
public final class FhirTestServer implements AutoCloseable {
    public static final String TOKEN = "test-fhir-access-token-3d9c1e";

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final InMemoryFhirServer server;
    private volatile boolean requireToken = true;
    private volatile int delayMillis;
    private volatile boolean fail500;
    private volatile int holdUntil;
    /** Set once {@code holdUntil} requests were in flight together: every held request may then go on. */
    private boolean released;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Object holding = new Object();

    public FhirTestServer(int pageSize) throws Exception {
        server = new InMemoryFhirServer("127.0.0.1", 0, pageSize, List.of(), new Gate());
    }

    /** Loads every resource of the fhir-examples patient bundles. */
    public FhirTestServer loadExamples() throws IOException {
        var parser = FhirContext.forR4Cached().newJsonParser();
        for (String slug : Examples.patientSlugs()) {
            server.load(parser.parseResource(Bundle.class, Files.readString(Examples.patient(slug))));
        }
        return this;
    }

    /** Loads every resource of a transaction Bundle. */
    public FhirTestServer load(String bundleJson) {
        server.load(FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, bundleJson));
        return this;
    }

    /** Loads every resource of the fhir-examples/real-world records. */
    public FhirTestServer loadRealWorldRecords() throws IOException {
        var parser = FhirContext.forR4Cached().newJsonParser();
        for (String slug : RealWorldRecords.slugs()) {
            server.load(parser.parseResource(Bundle.class, Files.readString(RealWorldRecords.bundle(slug))));
        }
        return this;
    }

    public String base() {
        return server.base();
    }

    public FhirTestServer requireToken(boolean required) {
        this.requireToken = required;
        return this;
    }

    public FhirTestServer delayEveryRequest(int millis) {
        this.delayMillis = millis;
        return this;
    }

    /**
     * Holds every request until {@code count} requests are in flight at once (at most 10 s each): a client that sends
     * them one after the other never gets there, and {@link #maxInFlight} says so.
     */
    public FhirTestServer holdUntilInFlight(int count) {
        synchronized (holding) {
            this.holdUntil = count;
            this.released = false;
        }
        return this;
    }

    /**
     * Waits (at most 30 s) until no request is in flight — those of earlier tests that the server still delays —
     * then resets the counters, so that what follows is counted alone.
     */
    public FhirTestServer awaitIdle() throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        resetCounters();
        return this;
    }

    /** The most requests that were in flight at once since the counters were reset. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    public FhirTestServer failWith500(boolean fail) {
        this.fail500 = fail;
        return this;
    }

    public int requestCount() {
        return requests.get();
    }

    /** The Authorization headers received, "-" for none. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    public void resetCounters() {
        requests.set(0);
        maxInFlight.set(0);
        authorizations.clear();
    }

    @Override
    public void close() {
        server.close();
    }

    @Interceptor
    public final class Gate {
        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
        public boolean incoming(HttpServletRequest request, HttpServletResponse response) throws IOException {
            requests.incrementAndGet();
            String authorization = request.getHeader("Authorization");
            authorizations.add(authorization == null ? "-" : authorization);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                hold();
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            if (fail500) {
                return reject(response, 500, "exception");
            }
            if (requireToken && !("Bearer " + TOKEN).equals(authorization)) {
                return reject(response, 401, "login");
            }
            return true;
        }

        private void hold() throws InterruptedException {
            if (holdUntil <= 0) {
                return;
            }
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            synchronized (holding) {
                if (inFlight.get() >= holdUntil) {
                    released = true;
                    holding.notifyAll();
                }
                long left;
                while (!released && (left = end - System.nanoTime()) > 0) {
                    holding.wait(Math.max(1, left / 1_000_000));
                }
            }
        }

        private boolean reject(HttpServletResponse response, int status, String code) throws IOException {
            response.setStatus(status);
            response.setContentType("application/fhir+json");
            response.getWriter()
                    .write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\"," + "\"code\":\""
                            + code + "\"}]}");
            return false;
        }
    }
}
