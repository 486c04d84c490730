package dev.ampulla.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.cdshooks.Discovery;
import dev.ampulla.cdshooks.Feedback;
import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.demo.ExampleCatalog;
import dev.ampulla.feedback.CardRecorder;
import dev.ampulla.feedback.FeedbackRejectedException;
import dev.ampulla.feedback.FeedbackStore;
import dev.ampulla.feedback.StoreUnavailableException;
import dev.ampulla.fhir.HeapBudget;
import dev.ampulla.fhir.UnreadableResourceException;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.OverrideReasonCodes;
import dev.ampulla.ops.Metrics;
import dev.ampulla.security.AuthenticationFailure;
import dev.ampulla.security.Caller;
import dev.ampulla.security.JwtAuthenticator;
import dev.ampulla.service.CallContext;
import dev.ampulla.service.CallTrace;
import dev.ampulla.service.CdsService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of Ampulla: CDS Hooks discovery, service calls and feedback, health endpoints, metrics, the card
 * viewer, CORS, client authentication, admission control and OperationOutcome errors. It holds no clinical logic: a
 * call is parsed as JSON and handed to its service.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** One line per hook call, for log shippers: no patient data, no tokens. */
    private static final Logger HOOK_LOG = LoggerFactory.getLogger("ampulla.hooks");
    private static final String JSON = "application/json";
    private static final String CALLER = "ampulla.caller";
    private static final String ANSWERED = "ampulla.answered";
    private static final String PERMIT = "ampulla.permit";
    /** The request body, read and parsed before the call took its admission permit. */
    private static final String BODY = "ampulla.body";
    /** The heap the call reserved for its body and its processing. */
    private static final String MEMORY = "ampulla.memory";

    private final AmpullaConfig config;
    private final Map<String, CdsService> services = new LinkedHashMap<>();
    private final Readiness readiness;
    private final JwtAuthenticator authenticator;
    private final Cors cors;
    private final Semaphore admission;
    /** Feedback calls processed at once; each may wait for the database. */
    private final Semaphore feedbackAdmission = new Semaphore(8);
    /** Each client's share of the hook permits (half of them): by iss, or by address in open mode. */
    private final java.util.concurrent.ConcurrentHashMap<String, Semaphore> clientShares =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ObjectMapper reader;
    private final ObjectMapper writer = CdsJson.mapper();
    private final byte[] discovery;
    private final Metrics metrics;
    private final Viewer viewer;
    private final FeedbackStore store;
    private final CardRecorder recorder;
    /** Half the heap for the calls in flight: bodies, what parsing them builds, their answers. */
    private final MemoryBudget memoryBudget = MemoryBudget.ofHeap(0.5);
    /** Who may read /metrics: anyone, or only a bearer of the metrics token. */
    private final AnalyticsAccess metricsAccess;
    /** Feedback calls per client (its iss; its address in open mode). */
    private final RateLimiter feedbackRate;
    /** The report reads every card of its period: two at a time, so reports cannot crowd out the database. */
    private final Semaphore reportAdmission = new Semaphore(2);
    private final AnalyticsAccess analyticsAccess;

    /**
     * @param authenticator verifies client JWTs, or null for open development mode
     * @param demoFhirServer the FHIR server the card viewer names in its hook calls, or null to send prefetch only
     */
    public HttpApi(AmpullaConfig config, List<CdsService> services, Readiness readiness,
            JwtAuthenticator authenticator, Metrics metrics, ExampleCatalog examples, String demoFhirServer,
            FeedbackStore store, CardRecorder recorder) {
        this.config = config;
        for (CdsService s : services) {
            this.services.put(s.descriptor().id(), s);
        }
        this.readiness = readiness;
        this.authenticator = authenticator;
        this.cors = new Cors(config.corsAllowedOrigins());
        this.admission = new Semaphore(config.maxConcurrentRequests());
        this.feedbackRate = RateLimiter.perMinute(config.feedbackCallsPerMinute());
        this.metricsAccess = new AnalyticsAccess(null, config.metricsToken());
        this.reader = CdsJson.reader(config.maxJsonDepth(), config.maxStringLength());
        this.discovery = toJson(new Discovery(services.stream().map(CdsService::descriptor).toList()));
        this.metrics = metrics;
        this.viewer = new Viewer(examples, demoFhirServer);
        this.store = store;
        this.recorder = recorder;
        this.analyticsAccess = new AnalyticsAccess(authenticator, config.store().analyticsToken());
    }

    /** Creates (but does not start) the Javalin server. */
    public Javalin create() {
        return Javalin.create(c -> {
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.http.maxRequestSize = config.maxBodyBytes();
            c.http.prefer405over404 = true;
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Cache-Control", "no-store");
                // Only the CDS Hooks endpoints are for browser-based clients on other origins: metrics, reports and
                // the viewer are not readable cross-origin.
                if (ctx.path().startsWith("/cds-services") && cors.apply(ctx)) {
                    ctx.skipRemainingHandlers(); // a preflight never needs a token
                }
            });
            c.routes.before("/cds-services*", this::admitAndAuthenticate);
            c.routes.after("/cds-services*", this::release);
            c.routes.get("/health/live", ctx -> ctx.contentType(JSON).result("{\"status\":\"UP\"}"));
            c.routes.get("/health/ready", this::ready);
            c.routes.get("/cds-services", ctx -> ctx.contentType(JSON).result(discovery));
            c.routes.post("/cds-services/{id}", this::call);
            c.routes.post("/cds-services/{id}/feedback", this::feedback);
            c.routes.get("/metrics", this::metrics);
            c.routes.get("/analytics/concordance", this::concordance);
            viewer.addRoutes(c.routes);

            c.routes.exception(CdsProtocolException.class, (e, ctx) -> fail(ctx, e.status(), e.issueCode(),
                    e.getMessage()));
            c.routes.exception(Exception.class, this::unexpected);
            c.routes.error(404, ctx -> {
                Boolean answered = ctx.attribute(ANSWERED);
                if (!Boolean.TRUE.equals(answered)) {
                    fail(ctx, 404, "not-found", "No such endpoint: " + ctx.method().name() + " " + ctx.path() + ".");
                }
            });
            c.routes.error(405, ctx -> fail(ctx, 405, "not-supported",
                    "Method " + ctx.method().name() + " is not allowed on " + ctx.path() + "."));
        });
    }

    /** Prometheus metrics; with a metrics token configured, only for a scraper that sends it. */
    private void metrics(Context ctx) {
        try {
            metricsAccess.check(ctx.header("Authorization"), null);
        } catch (AuthenticationFailure e) {
            metrics.refused("unauthenticated");
            ctx.header("WWW-Authenticate", "Bearer");
            fail(ctx, 401, "login", "Authentication failed.");
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private void ready(Context ctx) {
        boolean ready = readiness.isReady();
        String mode = authenticator == null ? "OPEN DEVELOPMENT MODE: CDS clients are not authenticated"
                : "trusted clients only";
        ctx.status(ready ? 200 : 503).contentType(JSON).result("{\"status\":\"" + (ready ? "READY" : "STARTING")
                + "\",\"authentication\":\"" + mode + "\"}");
    }

    /**
     * The client's JWT first, checked against the exact URL called, and then the whole body, read and parsed: only a
     * call that is authenticated and has arrived takes an admission permit, so neither unauthenticated callers nor
     * slow senders can hold the places of the calls being processed.
     */
    private void admitAndAuthenticate(Context ctx) {
        if (authenticator == null) {
            ctx.attribute(CALLER, Caller.OPEN);
        } else {
            try {
                ctx.attribute(CALLER, authenticator.authenticate(ctx.header("Authorization"),
                        config.publicBaseUrl(ctx.req().getLocalPort()) + ctx.path()));
            } catch (AuthenticationFailure e) {
                // The reason is logged for the operator; the caller learns nothing that would help forge a token.
                LOG.warn("authentication failed path={} reason={}", ctx.path(), e.getMessage());
                metrics.refused("unauthenticated");
                ctx.attribute(ANSWERED, true);
                ctx.header("WWW-Authenticate", "Bearer");
                fail(ctx, 401, "login", "Authentication failed.");
                ctx.skipRemainingHandlers();
                return;
            }
        }
        if (ctx.method() == HandlerType.POST) {
            long declared = ctx.req().getContentLengthLong();
            MemoryBudget.Reservation memory = memoryBudget.tryReserve(declared >= 0
                    ? Math.min(declared, config.maxBodyBytes()) : config.maxBodyBytes());
            if (memory == null) {
                busy(ctx, "memory");
                return;
            }
            ctx.attribute(MEMORY, memory);
            JsonNode body;
            try {
                body = readJson(ctx, memory);
            } catch (RuntimeException e) {
                memory.release();
                throw e;
            }
            if (body == null) {
                memory.release();
                busy(ctx, "memory");
                return;
            }
            ctx.attribute(BODY, body);
        }
        // Feedback has its own few permits: while the database is slow or down, feedback calls must not take the
        // places of hook calls.
        Semaphore permits = ctx.path().endsWith("/feedback") ? feedbackAdmission : admission;
        // No client — a trusted client by its iss, or in open mode an address — may hold more than half the places:
        // one cannot starve the others.
        Caller caller = ctx.attribute(CALLER);
        Semaphore share = permits != admission ? null : clientShare(caller.isOpen()
                ? "address " + ctx.req().getRemoteAddr() : caller.issuer());
        if (share != null && !share.tryAcquire()) {
            release(ctx);
            busy(ctx, "client-share");
            return;
        }
        if (!permits.tryAcquire()) {
            if (share != null) {
                share.release();
            }
            release(ctx);
            busy(ctx, "busy");
            return;
        }
        ctx.attribute(PERMIT, new Permit(permits, share, new java.util.concurrent.atomic.AtomicBoolean()));
    }

    /** A client's share of the hook permits; the table is cleared when it holds more clients than any deployment. */
    private Semaphore clientShare(String client) {
        if (clientShares.size() > 10_000) {
            clientShares.clear();
        }
        return clientShares.computeIfAbsent(client, c -> new Semaphore(Math.max(1,
                config.maxConcurrentRequests() / 2)));
    }

    private void busy(Context ctx, String reason) {
        metrics.refused(reason);
        ctx.attribute(ANSWERED, true);
        ctx.header("Retry-After", "1");
        fail(ctx, 503, "transient", "Ampulla is busy; retry shortly.");
        ctx.skipRemainingHandlers();
    }

    /** An admission permit held by one call (and its client's share, or null), released exactly once. */
    private record Permit(Semaphore from, Semaphore share, java.util.concurrent.atomic.AtomicBoolean released) {
    }

    private void release(Context ctx) {
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

    private void call(Context ctx) {
        long start = System.nanoTime();
        CdsService service = service(ctx);
        MemoryBudget.Reservation memory = ctx.attribute(MEMORY);
        CallContext call = new CallContext(ctx.attribute(CALLER), start + config.requestDeadline().toNanos(),
                memory == null ? HeapBudget.UNLIMITED : memory::grow);
        JsonNode body = null;
        int status = 200;
        List<Card> cards = List.of();
        try {
            body = ctx.attribute(BODY);
            CdsResponse response = service.call(body, call);
            if (call.remainingNanos() < 0) {
                ctx.header("Retry-After", "1");
                throw new CdsProtocolException(503, "timeout", "The call took longer than "
                        + config.requestDeadline().toMillis() + " ms and was abandoned.");
            }
            cards = response.cards();
            ctx.contentType(JSON).result(toJson(response));
            recorder.offer(service.descriptor().id(), call.caller().issuer(),
                    body.path("context").path("patientId").asText(null), cards);
        } catch (UnreadableResourceException e) {
            status = 400;
            throw CdsProtocolException.badRequest("structure", e.getMessage() + ".");
        } catch (CdsProtocolException e) {
            status = e.status();
            throw e;
        } catch (RuntimeException e) {
            status = 500;
            throw e;
        } finally {
            record(service.descriptor().id(), body, status, System.nanoTime() - start, call.trace(), cards);
        }
    }

    /** Metrics and the hook's log line. hookInstance is a random id of the call, not patient data. */
    private void record(String service, JsonNode body, int status, long nanos, CallTrace trace, List<Card> cards) {
        List<Metrics.CardLabel> labels = new ArrayList<>(cards.size());
        List<String> topics = new ArrayList<>(cards.size());
        for (Card card : cards) {
            String topic = card.source().topic().code();
            labels.add(new Metrics.CardLabel(topic, card.indicator().json()));
            topics.add(topic);
        }
        metrics.hookCall(service, status, nanos, trace, labels);
        if (HOOK_LOG.isInfoEnabled()) {
            Map<String, String> prefetch = new LinkedHashMap<>();
            trace.keys().forEach((key, source) -> prefetch.put(key, source.name().toLowerCase(Locale.ROOT)));
            HOOK_LOG.atInfo().setMessage("hook call")
                    .addKeyValue("service", service)
                    .addKeyValue("hookInstance", safeHookInstance(body))
                    .addKeyValue("status", status)
                    .addKeyValue("durationMs", millis(nanos))
                    .addKeyValue("fetchMs", millis(trace.fetchNanos()))
                    .addKeyValue("engineMs", millis(trace.engineNanos()))
                    .addKeyValue("prefetch", prefetch)
                    .addKeyValue("cardTopics", topics)
                    .log();
        }
    }

    /** Milliseconds with microsecond precision, as a JSON number. */
    private static java.math.BigDecimal millis(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1000, 3);
    }

    private void feedback(Context ctx) {
        CdsService service = service(ctx);
        Caller caller = ctx.attribute(CALLER);
        if (!feedbackRate.tryTake(caller.isOpen() ? "address " + ctx.req().getRemoteAddr() : caller.issuer())) {
            metrics.refused("rate-limited");
            ctx.header("Retry-After", "1");
            throw new CdsProtocolException(429, "throttled", "Too much feedback from this client; retry shortly.");
        }
        List<Feedback> items = withAmpullasReasonDisplays(Feedback.parseAll(ctx.attribute(BODY)));
        int stored;
        try {
            stored = recordChecked(service, caller, items);
        } catch (FeedbackRejectedException e) {
            throw CdsProtocolException.badRequest("business-rule", e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.warn("feedback not stored, answering 503: {}", FeedbackStore.describe(e));
            ctx.header("Retry-After", "5");
            throw new CdsProtocolException(503, "transient",
                    "The feedback could not be stored and was not recorded; retry shortly.");
        }
        for (Feedback item : items) {
            metrics.feedback(service.descriptor().id(), item.outcome().name().toLowerCase(Locale.ROOT));
        }
        LOG.atInfo().setMessage("feedback").addKeyValue("service", service.descriptor().id())
                .addKeyValue("items", items.size()).addKeyValue("stored", stored).log();
        ctx.status(204);
    }

    /**
     * Feedback is checked against the cards the store recorded; a card issued a moment ago may still be on its way
     * there, so once the check fails the recorder is given up to two seconds to catch up, and the check is repeated.
     */
    private int recordChecked(CdsService service, Caller caller, List<Feedback> items) {
        try {
            return store.recordCheckedFeedback(service.descriptor().id(), caller.issuer(), items,
                    java.time.Instant.now());
        } catch (FeedbackRejectedException e) {
            if (!recorder.flush(java.time.Duration.ofSeconds(2))) {
                throw e;
            }
            return store.recordCheckedFeedback(service.descriptor().id(), caller.issuer(), items,
                    java.time.Instant.now());
        }
    }

    /** An override reason must be one of Ampulla's codes; its display is Ampulla's, never the caller's free text. */
    private static List<Feedback> withAmpullasReasonDisplays(List<Feedback> items) {
        List<Feedback> out = new java.util.ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Feedback f = items.get(i);
            dev.ampulla.cdshooks.Coding reason = f.overrideReason();
            if (reason == null) {
                out.add(f);
                continue;
            }
            String display = CodeSystems.AMPULLA_OVERRIDE_REASON.equals(reason.system())
                    ? OverrideReasonCodes.display(reason.code()) : null;
            if (display == null) {
                throw CdsProtocolException.badRequest("code-invalid", "feedback[" + i + "].overrideReason.reason must"
                        + " be one of the card's override reasons (" + CodeSystems.AMPULLA_OVERRIDE_REASON + ").");
            }
            out.add(new Feedback(f.card(), f.outcome(), f.acceptedSuggestions(), new dev.ampulla.cdshooks.Coding(
                    reason.system(), reason.code(), display), f.userComment(), f.outcomeTimestamp()));
        }
        return out;
    }

    /**
     * {@code GET /analytics/concordance?from=&to=}: how often cards issued in the period were followed or overridden.
     * Dates ({@code 2026-11-01}, {@code to} inclusive) or instants; the default is the last 30 days.
     */
    private void concordance(Context ctx) {
        try {
            analyticsAccess.check(ctx.header("Authorization"), config.publicBaseUrl(ctx.req().getLocalPort())
                    + ctx.path());
        } catch (AuthenticationFailure e) {
            LOG.warn("analytics access refused path={} reason={}", ctx.path(), e.getMessage());
            metrics.refused("unauthenticated");
            ctx.header("WWW-Authenticate", "Bearer");
            fail(ctx, 401, "login", "Authentication failed.");
            return;
        }
        ReportPeriod period = ReportPeriod.parse(ctx.queryParam("from"), ctx.queryParam("to"),
                java.time.Instant.now());
        if (!reportAdmission.tryAcquire()) {
            metrics.refused("busy");
            ctx.header("Retry-After", "1");
            throw new CdsProtocolException(503, "transient", "Reports are being computed; retry shortly.");
        }
        try {
            ctx.contentType(JSON).result(toJson(store.concordance(period.from(), period.to())));
        } catch (StoreUnavailableException e) {
            LOG.warn("concordance report unavailable: {}", FeedbackStore.describe(e));
            ctx.header("Retry-After", "5");
            throw new CdsProtocolException(503, "transient", "The feedback store is unavailable; retry shortly.");
        } finally {
            reportAdmission.release();
        }
    }

    private CdsService service(Context ctx) {
        CdsService service = services.get(ctx.pathParam("id"));
        if (service == null) {
            ctx.attribute(ANSWERED, true);
            throw new CdsProtocolException(404, "not-found", "No CDS service with that id; see GET /cds-services.");
        }
        return service;
    }

    /**
     * Reads at most the configured number of bytes and parses them as JSON: 415, 413 or 400 otherwise; null when what
     * parsing and answering the body would take does not fit the memory budget now.
     */
    private JsonNode readJson(Context ctx, MemoryBudget.Reservation memory) {
        String type = ctx.contentType();
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(JSON) && !mediaType.equals("application/fhir+json")) {
            throw new CdsProtocolException(415, "not-supported",
                    "The request body must be JSON sent with Content-Type: application/json.");
        }
        long limit = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes;
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ScheduledFuture<?> deadline = BODY_DEADLINES.schedule(() -> {
            timedOut.set(true);
            closeConnection(ctx);
        }, config.bodyReadTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = BodyReader.read(in, declared, limit);
        } catch (IOException | RuntimeException e) {
            throw timedOut.get() ? bodyTooSlow() : bodyNotReceived(e);
        } finally {
            deadline.cancel(false);
        }
        if (bytes == null) {
            throw tooLarge(limit);
        }
        if (bytes.length == 0) {
            throw CdsProtocolException.badRequest("required", "The request body is empty.");
        }
        if (!memory.resize((long) bytes.length * MemoryBudget.EXPANSION)) {
            return null;
        }
        return CdsJson.readBody(reader, bytes);
    }

    /** One timer for every body being read: a body not read in full by its deadline has its connection closed. */
    private static final java.util.concurrent.ScheduledExecutorService BODY_DEADLINES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ampulla-body-deadline");
                t.setDaemon(true);
                return t;
            });

    /**
     * Closes the connection of a request whose body is late: the blocked read ends, and the sender's thread and
     * memory reservation are freed however slowly it trickles bytes (an idle timeout would be reset by each byte).
     */
    private static void closeConnection(Context ctx) {
        var request = org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.getConnectionMetaData().getConnection().getEndPoint().close();
        }
    }

    private static CdsProtocolException bodyTooSlow() {
        LOG.info("request body not received in time");
        return new CdsProtocolException(408, "timeout", "The request body was not received in time.");
    }

    /**
     * A body the client did not finish sending — it stopped, the connection dropped or timed out, or its chunked
     * encoding is malformed — is the client's failure: 408 or 400, one log line, no stack trace.
     */
    private static CdsProtocolException bodyNotReceived(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                LOG.info("request body not received in time");
                return new CdsProtocolException(408, "timeout", "The request body was not received in time.");
            }
        }
        LOG.info("request body could not be read: {}", e.getClass().getSimpleName());
        return CdsProtocolException.badRequest("structure", "The request body could not be read: the connection"
                + " ended before it was complete, or its transfer encoding is malformed.");
    }

    private static CdsProtocolException tooLarge(long limit) {
        return new CdsProtocolException(413, "too-costly", "The request body is larger than " + limit + " bytes.");
    }

    private static String safeHookInstance(JsonNode body) {
        String h = body == null ? null : body.path("hookInstance").asText(null);
        return h != null && h.length() <= 64 && h.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '-')
                ? h : "-";
    }

    private void unexpected(Exception e, Context ctx) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("unexpected failure errorId={} {} {}", errorId, ctx.method().name(), ctx.path(), e);
        fail(ctx, 500, "exception", "Internal error " + errorId + ". The request was not processed.");
    }

    private static void fail(Context ctx, int status, String issueCode, String message) {
        ctx.attribute(ANSWERED, true);
        ctx.status(status).contentType(JSON).result(OperationOutcomes.error(issueCode, message));
    }

    private byte[] toJson(Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode response", e);
        }
    }
}
