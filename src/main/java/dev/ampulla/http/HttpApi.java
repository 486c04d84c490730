package dev.ampulla.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.cards.CardWriter;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.cdshooks.Discovery;
import dev.ampulla.cdshooks.RequestReader;
import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.demo.ExampleCatalog;
import dev.ampulla.feedback.CardRecorder;
import dev.ampulla.feedback.FeedbackStore;
import dev.ampulla.feedback.RecordableCard;
import dev.ampulla.feedback.StoreUnavailableException;
import dev.ampulla.fhir.UnreadableResourceException;
import dev.ampulla.knowledge.TumourSegment;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.ops.Metrics;
import dev.ampulla.presentation.CallOptions;
import dev.ampulla.presentation.CardPresenter;
import dev.ampulla.presentation.PresentationCall;
import dev.ampulla.presentation.PresentedCard;
import dev.ampulla.presentation.Snoozes;
import dev.ampulla.security.AuthenticationFailure;
import dev.ampulla.security.JwtAuthenticator;
import dev.ampulla.service.CallContext;
import dev.ampulla.service.CdsService;
import dev.ampulla.service.ClinicalSelection;
import dev.ampulla.service.RectalCancerAdvisor;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of Ampulla: the routes — CDS Hooks discovery and service calls (with their metrics, log line and card
 * recording), health, metrics, the report, the card viewer — and CORS and errors. Who gets in is
 * {@link CallAdmission}'s (with {@link RequestBody}), feedback is {@link FeedbackEndpoint}'s. It holds no clinical
 * logic: a call's parsed body is handed to its service.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String JSON = "application/json";

    private final AmpullaConfig config;
    private final Map<String, CdsService> services = new LinkedHashMap<>();
    private final Readiness readiness;
    private final JwtAuthenticator authenticator;
    private final Cors cors;
    private final ObjectMapper writer = CdsJson.mapper();
    private final byte[] discovery;
    private final KnowledgePages knowledgePages;
    private final Metrics metrics;
    private final Viewer viewer;
    private final FeedbackStore store;
    private final CardRecorder recorder;
    private final CallAdmission admission;
    private final HookCallLog hookLog;
    private final AuthenticationFailures authenticationFailures;
    private final FeedbackEndpoint feedback;
    /** Who may read /metrics: anyone, or only a bearer of the metrics token. */
    private final AnalyticsAccess metricsAccess;
    /** The report reads every card of its period: two at a time, so reports cannot crowd out the database. */
    private final Semaphore reportAdmission = new Semaphore(2);

    private final AnalyticsAccess analyticsAccess;
    /** Decides which computed cards the answer carries. */
    private final CardPresenter presenter;

    private final String packVersion;

    /**
     * @param authenticator verifies client JWTs, or null for open development mode
     * @param demoFhirServer the FHIR server the card viewer names in its hook calls, or null to send prefetch only
     * @param advisor the services' advisor, for the card viewer's view of an example patient's case
     */
    public HttpApi(
            AmpullaConfig config,
            List<CdsService> services,
            Readiness readiness,
            JwtAuthenticator authenticator,
            Metrics metrics,
            ExampleCatalog examples,
            String demoFhirServer,
            FeedbackStore store,
            CardRecorder recorder,
            KnowledgePack pack,
            RectalCancerAdvisor advisor,
            CardPresenter presenter,
            Snoozes snoozes) {
        this.config = config;
        this.presenter = presenter;
        this.knowledgePages = new KnowledgePages(pack);
        for (CdsService s : services) {
            this.services.put(s.descriptor().id(), s);
        }
        this.readiness = readiness;
        this.authenticator = authenticator;
        this.cors = new Cors(config.corsAllowedOrigins());
        metrics.registerRefusals(List.copyOf(this.services.keySet()));
        this.hookLog = new HookCallLog(metrics);
        this.authenticationFailures = new AuthenticationFailures(metrics);
        this.admission = new CallAdmission(
                authenticator,
                config::publicBaseUrl,
                metrics,
                new ServiceLabels(this.services.keySet()),
                hookLog,
                new RequestBody(
                        config.maxBodyBytes(),
                        config.bodyReadTimeout(),
                        new RequestReader(
                                CdsJson.reader(config.maxJsonDepth(), config.maxStringLength()),
                                ClinicalSelection.INSTANCE::readsElement,
                                config.maxStringLength())),
                config.maxBodyBytes(),
                config.maxConcurrentRequests());
        this.feedback = new FeedbackEndpoint(store, recorder, metrics, config.feedbackCallsPerMinute(), snoozes);
        this.metricsAccess = AnalyticsAccess.metrics(authenticator == null, config.metricsToken());
        // CDS Hooks 3.0 (ballot) adds a service "version", but as the version of the CDS Hooks specification
        // implemented; the knowledge version is Ampulla's own, so it travels in each service's extension.
        Map<String, Object> knowledge = new LinkedHashMap<>();
        knowledge.put(CardWriter.KNOWLEDGE_EXTENSION, KnowledgeAttributes.of(pack));
        knowledge.putAll(CallOptions.discoveryExtension());
        this.discovery = toJson(new Discovery(services.stream()
                .map(service -> service.descriptor().withExtension(knowledge))
                .toList()));
        this.metrics = metrics;
        Map<String, String> segmentWords = new java.util.LinkedHashMap<>();
        for (TumourSegment segment : TumourSegment.values()) {
            segmentWords.put(
                    segment.code(),
                    pack.words(Finding.SEGMENT, segment.findingValue()).words());
        }
        this.viewer = new Viewer(examples, demoFhirServer, segmentWords, pack, advisor, config.clock());
        this.store = store;
        this.recorder = recorder;
        this.analyticsAccess =
                AnalyticsAccess.analytics(authenticator, config.store().analyticsToken());
        this.packVersion = pack.version();
    }

    /**
     * Jetty's threads, bounded by what the service admits: twice the hook calls it runs at once (the others are
     * refused from their headers, or wait for their body under its deadline), and never fewer than 64 for feedback,
     * health checks, metrics and the viewer. With Javalin's default of 250, a flood of connections on a busy core
     * grows the process by a thread stack and its buffers for every connection, and in a 256 MiB container the kernel
     * kills it for memory (docs/performance.md, "Memory and the jar").
     */
    private static QueuedThreadPool threadPool(int maxConcurrentRequests) {
        int max = Math.max(64, 2 * maxConcurrentRequests);
        QueuedThreadPool pool = new QueuedThreadPool(max, 8, 60_000);
        pool.setName("ampulla-http");
        return pool;
    }

    /** Creates (but does not start) the Javalin server. */
    public Javalin create() {
        return Javalin.create(c -> {
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.jetty.threadPool = threadPool(config.maxConcurrentRequests());
            c.http.maxRequestSize = config.maxBodyBytes();
            c.http.prefer405over404 = true;
            // A hook's answer (8 KB for three cards) is written in one piece with its Content-Length: Jetty gathers
            // writes up to the aggregation size and sends what it holds at completion with its length, while a larger
            // first write goes out at once, chunked, and costs a second write for the terminal chunk.
            c.jetty.modifyHttpConfiguration(http -> http.setOutputAggregationSize(http.getOutputBufferSize()));
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
            c.routes.before("/cds-services*", admission::admit);
            c.routes.after("/cds-services*", admission::release);
            c.routes.get("/health/live", ctx -> ctx.contentType(JSON).result("{\"status\":\"UP\"}"));
            c.routes.get("/health/ready", this::ready);
            c.routes.get("/cds-services", ctx -> ctx.contentType(JSON).result(discovery));
            c.routes.post("/cds-services/{id}", this::call);
            c.routes.post(
                    "/cds-services/{id}/feedback",
                    ctx -> feedback.handle(ctx, service(ctx), CallAdmission.caller(ctx), CallAdmission.body(ctx)));
            c.routes.get("/metrics", this::metrics);
            c.routes.get("/analytics/concordance", this::concordance);
            c.routes.get(
                    "/analytics/pathway-agreement",
                    ctx -> pathwayAgreement(ctx, ctx.queryParam("format") == null ? "json" : ctx.queryParam("format")));
            c.routes.get("/analytics/pathway-agreement.csv", ctx -> pathwayAgreement(ctx, "csv"));
            if (authenticator == null) {
                // the viewer sends hooks without a client's JWT and lists example patients: development only
                viewer.addRoutes(c.routes);
            }
            knowledgePages.addRoutes(c.routes);

            c.routes.exception(
                    CdsProtocolException.class, (e, ctx) -> fail(ctx, e.status(), e.issueCode(), e.getMessage()));
            c.routes.exception(Exception.class, this::unexpected);
            c.routes.error(404, ctx -> {
                if (!ErrorAnswers.answered(ctx)) {
                    fail(
                            ctx,
                            404,
                            "not-found",
                            "No such endpoint: " + ctx.method().name() + " " + ctx.path() + ".");
                }
            });
            c.routes.error(
                    405,
                    ctx -> fail(
                            ctx,
                            405,
                            "not-supported",
                            "Method " + ctx.method().name() + " is not allowed on " + ctx.path() + "."));
        });
    }

    /** Prometheus metrics; with a metrics token configured, only for a scraper that sends it. */
    private void metrics(Context ctx) {
        try {
            metricsAccess.check(ctx.header("Authorization"), null);
        } catch (AuthenticationFailure e) {
            authenticationFailures.record(Metrics.METRICS, ctx.header("Authorization"), e);
            ctx.header("WWW-Authenticate", "Bearer");
            fail(ctx, 401, "login", "Authentication failed.");
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private void ready(Context ctx) {
        boolean ready = readiness.isReady();
        String mode = authenticator == null
                ? "OPEN DEVELOPMENT MODE: CDS clients are not authenticated"
                : "trusted clients only";
        ctx.status(ready ? 200 : 503)
                .contentType(JSON)
                .result("{\"status\":\"" + (ready ? "READY" : "STARTING") + "\",\"authentication\":\"" + mode + "\"}");
    }

    private void call(Context ctx) {
        long start = System.nanoTime();
        CdsService service = service(ctx);
        CallContext call = new CallContext(
                CallAdmission.caller(ctx), start + config.requestDeadline().toNanos(), CallAdmission.heap(ctx));
        JsonNode body = null;
        HookCallLog.Outcome outcome = HookCallLog.Outcome.OK;
        List<Card> cards = List.of();
        try {
            body = CallAdmission.body(ctx);
            CallOptions options = CallOptions.read(body);
            CdsResponse response = service.call(body, call);
            if (call.remainingNanos() < 0) {
                ctx.header("Retry-After", "1");
                throw new CdsProtocolException(
                        503,
                        "timeout",
                        "deadline-exceeded",
                        "The call took longer than " + config.requestDeadline().toMillis() + " ms and was abandoned.");
            }
            cards = response.cards();
            String serviceId = service.descriptor().id();
            String patientId = body.path("context").path("patientId").asText(null);
            List<PresentedCard> presented = presenter.present(
                    new PresentationCall(
                            serviceId,
                            service.descriptor().hook(),
                            call.caller().issuer(),
                            patientId,
                            options),
                    response);
            ctx.contentType(JSON).result(toJson(new CdsResponse(CardPresenter.shown(presented))));
            recorder.offerPresented(
                    serviceId,
                    call.caller().issuer(),
                    patientId,
                    presented.stream()
                            .map(p -> new RecordableCard(
                                    p.card(), p.presentation().code(), p.decisiveFacts()))
                            .toList());
            for (PresentedCard p : presented) {
                if (!p.presentation().shown()) {
                    metrics.suppressed(
                            serviceId,
                            p.card().source().topic().code(),
                            p.presentation().reason());
                }
            }
        } catch (UnreadableResourceException e) {
            outcome = new HookCallLog.Outcome(400, "structure", "unreadable-resource");
            throw CdsProtocolException.badRequest("structure", e.getMessage() + ".");
        } catch (CdsProtocolException e) {
            outcome = new HookCallLog.Outcome(e.status(), e.issueCode(), e.reason());
            throw e;
        } catch (RuntimeException e) {
            outcome = new HookCallLog.Outcome(500, "exception", "internal-error");
            throw e;
        } finally {
            hookLog.answered(
                    service.descriptor().id(),
                    call.caller(),
                    body,
                    outcome,
                    System.nanoTime() - start,
                    call.trace(),
                    cards);
        }
    }

    /**
     * {@code GET /analytics/concordance?from=&to=}: how often cards issued in the period were followed or overridden.
     * Dates ({@code 2026-11-01}, {@code to} inclusive) or instants; the default is the last 30 days. The older name of
     * the report's card part; {@code /analytics/pathway-agreement} gives it with the signed-order measures.
     */
    private void concordance(Context ctx) {
        report(ctx, period -> ctx.contentType(JSON).result(toJson(store.concordance(period.from(), period.to()))));
    }

    /**
     * {@code GET /analytics/pathway-agreement?from=&to=&format=}: the treatment orders signed in the period and how
     * many were on Ampulla's pathway, with the card feedback of {@link #concordance}. {@code format}: {@code json}
     * (the default), {@code csv} (also at {@code /analytics/pathway-agreement.csv}) or {@code measure-report} (a FHIR
     * R4 MeasureReport of the pack's Measure).
     */
    private void pathwayAgreement(Context ctx, String format) {
        if (!List.of("json", "csv", "measure-report").contains(format)) {
            throw CdsProtocolException.badRequest("value", "'format' must be json, csv or measure-report.");
        }
        report(ctx, period -> {
            var report = store.pathwayAgreement(period.from(), period.to());
            switch (format) {
                case "csv" ->
                    ctx.contentType("text/csv; charset=utf-8; header=present").result(PathwayAgreementCsv.of(report));
                case "measure-report" ->
                    ctx.contentType("application/fhir+json")
                            .result(dev.ampulla.fhir.Fhir.jsonParser()
                                    .encodeResourceToString(PathwayAgreementMeasureReport.of(
                                            report, packVersion, java.time.Instant.now())));
                default -> ctx.contentType(JSON).result(toJson(report));
            }
        });
    }

    /** Answers a report request: checks the analytics token, parses the period, admits at most two at a time. */
    private void report(Context ctx, java.util.function.Consumer<ReportPeriod> answer) {
        try {
            analyticsAccess.check(
                    ctx.header("Authorization"), config.publicBaseUrl(ctx.req().getLocalPort()) + ctx.path());
        } catch (AuthenticationFailure e) {
            authenticationFailures.record(Metrics.ANALYTICS, ctx.header("Authorization"), e);
            ctx.header("WWW-Authenticate", "Bearer");
            fail(ctx, 401, "login", "Authentication failed.");
            return;
        }
        ReportPeriod period = ReportPeriod.parse(ctx.queryParam("from"), ctx.queryParam("to"), java.time.Instant.now());
        if (!reportAdmission.tryAcquire()) {
            metrics.refused(Metrics.ANALYTICS, dev.ampulla.ops.Refusal.BUSY);
            ctx.header("Retry-After", "1");
            throw new CdsProtocolException(503, "transient", "Reports are being computed; retry shortly.");
        }
        try {
            answer.accept(period);
        } catch (StoreUnavailableException e) {
            LOG.warn("report unavailable: {}", FeedbackStore.describe(e));
            ctx.header("Retry-After", "5");
            throw new CdsProtocolException(503, "transient", "The feedback store is unavailable; retry shortly.");
        } finally {
            reportAdmission.release();
        }
    }

    private CdsService service(Context ctx) {
        CdsService service = services.get(ctx.pathParam("id"));
        if (service == null) {
            ctx.attribute(ErrorAnswers.ANSWERED, true);
            throw new CdsProtocolException(404, "not-found", "No CDS service with that id; see GET /cds-services.");
        }
        return service;
    }

    private void unexpected(Exception e, Context ctx) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("unexpected failure errorId={} {} {}", errorId, ctx.method().name(), ctx.path(), e);
        fail(ctx, 500, "exception", "Internal error " + errorId + ". The request was not processed.");
    }

    private static void fail(Context ctx, int status, String issueCode, String message) {
        ErrorAnswers.fail(ctx, status, issueCode, message);
    }

    private byte[] toJson(Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode response", e);
        }
    }
}
