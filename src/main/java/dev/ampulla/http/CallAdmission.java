package dev.ampulla.http;

import static dev.ampulla.http.ErrorAnswers.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.fhir.HeapBudget;
import dev.ampulla.ops.Metrics;
import dev.ampulla.ops.Refusal;
import dev.ampulla.security.AuthenticationFailure;
import dev.ampulla.security.Caller;
import dev.ampulla.security.JwtAuthenticator;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * Who gets in, and in what order, for the CDS Hooks endpoints: the client's JWT (or open mode), then the whole body
 * within the memory budget, then a place — the call's client's share first (half the places), then one of the
 * places for hooks or for feedback. What a call took is released once, when it ends. Refusals are fast: 401, 503;
 * a call that finds every place (or its client's share, or the memory) taken is refused from its headers, its body
 * never parsed. Jetty then discards the part of the body already received and keeps the connection; a body still
 * on its way ends the connection instead (after the answer, which the client still receives).
 * Each refusal is counted by service and reason, and a refused hook call gets its place in the hook histogram and
 * its log line like any other.
 */
final class CallAdmission {
    private static final String CALLER = "ampulla.caller";
    private static final String PERMIT = "ampulla.permit";
    /** The request body, read and parsed before the call took its admission permit. */
    private static final String BODY = "ampulla.body";
    /** The heap the call reserved for its body and its processing. */
    private static final String MEMORY = "ampulla.memory";
    /** The answer to every call refused for want of a place or of memory, written once. */
    private static final byte[] BUSY = OperationOutcomes.error("transient", "Ampulla is busy; retry shortly.")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final JwtAuthenticator authenticator;
    private final IntFunction<String> publicBaseUrl;
    private final Metrics metrics;
    private final ServiceLabels labels;
    private final HookCallLog hookLog;
    private final AuthenticationFailures authenticationFailures;
    private final RequestBody requestBody;
    private final long maxBodyBytes;
    private final int maxConcurrentRequests;
    private final Semaphore admission;
    /** Feedback calls processed at once; each may wait for the database. */
    private final Semaphore feedbackAdmission = new Semaphore(8);
    /** Each client's share of the hook permits (half of them): by iss, or by address in open mode. */
    private final ConcurrentHashMap<String, Semaphore> clientShares = new ConcurrentHashMap<>();
    /** Half the heap for the calls in flight: bodies, what parsing them builds, their answers. */
    private final MemoryBudget memoryBudget = MemoryBudget.ofHeap(0.5);

    /**
     * @param authenticator verifies client JWTs, or null for open development mode
     * @param publicBaseUrl the URL clients call, by local port (a JWT's aud is checked against it)
     */
    CallAdmission(
            JwtAuthenticator authenticator,
            IntFunction<String> publicBaseUrl,
            Metrics metrics,
            ServiceLabels labels,
            HookCallLog hookLog,
            RequestBody requestBody,
            long maxBodyBytes,
            int maxConcurrentRequests) {
        this.authenticator = authenticator;
        this.publicBaseUrl = publicBaseUrl;
        this.metrics = metrics;
        this.labels = labels;
        this.hookLog = hookLog;
        this.authenticationFailures = new AuthenticationFailures(metrics);
        this.requestBody = requestBody;
        this.maxBodyBytes = maxBodyBytes;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.admission = new Semaphore(maxConcurrentRequests);
    }

    static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    static JsonNode body(Context ctx) {
        return ctx.attribute(BODY);
    }

    /** What the call may still take of the heap (its FHIR answers draw on it). */
    static HeapBudget heap(Context ctx) {
        MemoryBudget.Reservation memory = ctx.attribute(MEMORY);
        return memory == null ? HeapBudget.UNLIMITED : memory::grow;
    }

    /**
     * The client's JWT first, checked against the exact URL called, and then the whole body, read and parsed: only a
     * call that is authenticated and has arrived takes an admission permit, so neither unauthenticated callers nor
     * slow senders can hold the places of the calls being processed. Whether a place is free is looked at first,
     * though: under overload a refusal costs neither reading nor parsing the body.
     */
    void admit(Context ctx) {
        long start = System.nanoTime();
        if (authenticator == null) {
            ctx.attribute(CALLER, Caller.OPEN);
        } else {
            String authorization = ctx.header("Authorization");
            try {
                ctx.attribute(
                        CALLER,
                        authenticator.authenticateCdsCall(
                                authorization, publicBaseUrl.apply(ctx.req().getLocalPort()) + ctx.path()));
            } catch (AuthenticationFailure e) {
                // The reason is logged for the operator; the caller learns nothing that would help forge a token.
                authenticationFailures.record(labels.of(ctx.path()), authorization, e);
                ctx.header("WWW-Authenticate", "Bearer");
                fail(ctx, 401, "login", "Authentication failed.");
                ctx.skipRemainingHandlers();
                hookRefused(ctx, start, 401, "login", e.reason().code());
                return;
            }
        }
        // Feedback has its own few permits: while the database is slow or down, feedback calls must not take the
        // places of hook calls.
        Semaphore permits = ctx.path().endsWith("/feedback") ? feedbackAdmission : admission;
        // No client — a trusted client by its iss, or in open mode an address — may hold more than half the places:
        // one cannot starve the others.
        Caller caller = ctx.attribute(CALLER);
        Semaphore share = permits != admission
                ? null
                : clientShare(caller.isOpen() ? "address " + ctx.req().getRemoteAddr() : caller.issuer());
        if (ctx.method().equals(HandlerType.POST)) {
            // With every place taken, the call is refused from its headers: reading and parsing a body only to refuse
            // it would spend, under overload, the CPU that the calls being processed need.
            if (permits.availablePermits() == 0) {
                busy(ctx, start, Refusal.BUSY);
                return;
            }
            if (share != null && share.availablePermits() == 0) {
                busy(ctx, start, Refusal.CLIENT_SHARE);
                return;
            }
            long declared = ctx.req().getContentLengthLong();
            MemoryBudget.Reservation memory =
                    memoryBudget.tryReserve(declared >= 0 ? Math.min(declared, maxBodyBytes) : maxBodyBytes);
            if (memory == null) {
                busy(ctx, start, Refusal.MEMORY);
                return;
            }
            ctx.attribute(MEMORY, memory);
            JsonNode body;
            try {
                body = requestBody.read(ctx, memory);
            } catch (CdsProtocolException e) {
                memory.release();
                bodyRefused(ctx, start, e);
                throw e;
            } catch (RuntimeException e) {
                memory.release();
                throw e;
            }
            if (body == null) {
                memory.release();
                busy(ctx, start, Refusal.MEMORY);
                return;
            }
            ctx.attribute(BODY, body);
        }
        if (share != null && !share.tryAcquire()) {
            release(ctx);
            busy(ctx, start, Refusal.CLIENT_SHARE);
            return;
        }
        if (!permits.tryAcquire()) {
            if (share != null) {
                share.release();
            }
            release(ctx);
            busy(ctx, start, Refusal.BUSY);
            return;
        }
        ctx.attribute(PERMIT, new Permit(permits, share, new java.util.concurrent.atomic.AtomicBoolean()));
    }

    /** A client's share of the hook permits; the table is cleared when it holds more clients than any deployment. */
    private Semaphore clientShare(String client) {
        if (clientShares.size() > 10_000) {
            clientShares.clear();
        }
        return clientShares.computeIfAbsent(client, c -> new Semaphore(Math.max(1, maxConcurrentRequests / 2)));
    }

    private void busy(Context ctx, long start, Refusal reason) {
        metrics.refused(labels.of(ctx.path()), reason);
        ctx.header("Retry-After", "1");
        ErrorAnswers.answer(ctx, 503, BUSY);
        ctx.skipRemainingHandlers();
        hookRefused(ctx, start, 503, "transient", reason.code());
    }

    /** A body refused as too large, not JSON, late or unreadable (the exception then answers the call). */
    private void bodyRefused(Context ctx, long start, CdsProtocolException e) {
        Refusal refusal = switch (e.status()) {
            case 413 -> Refusal.TOO_LARGE;
            case 415 -> Refusal.UNSUPPORTED_MEDIA_TYPE;
            case 408 -> Refusal.BODY_TIMEOUT;
            default -> null; // a malformed body is the client's error, not a refusal
        };
        if (refusal != null) {
            metrics.refused(labels.of(ctx.path()), refusal);
        }
        hookRefused(ctx, start, e.status(), e.issueCode(), e.reason());
    }

    /** A hook call refused here still counts in the hook histogram and gets its log line. */
    private void hookRefused(Context ctx, long start, int status, String issueCode, String reason) {
        String service = labels.hookService(ctx);
        if (service != null) {
            hookLog.refused(
                    service,
                    ctx.attribute(CALLER),
                    new HookCallLog.Outcome(status, issueCode, reason),
                    System.nanoTime() - start);
        }
    }

    /** An admission permit held by one call (and its client's share, or null), released exactly once. */
    private record Permit(Semaphore from, Semaphore share, java.util.concurrent.atomic.AtomicBoolean released) {}

    void release(Context ctx) {
        Permit permit = ctx.attribute(PERMIT);
        if (permit != null && permit.released().compareAndSet(false, true)) {
            permit.from().release();
            if (permit.share() != null) {
                permit.share().release();
            }
        }
        MemoryBudget.Reservation memory = ctx.attribute(MEMORY);
        if (memory != null) {
            memory.release();
        }
    }
}
