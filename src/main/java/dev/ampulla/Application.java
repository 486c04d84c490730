package dev.ampulla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.demo.CannedFhirServer;
import dev.ampulla.demo.ExampleCatalog;
import dev.ampulla.feedback.CardRecorder;
import dev.ampulla.feedback.FeedbackStore;
import dev.ampulla.feedback.OrderRecorder;
import dev.ampulla.fhir.Fhir;
import dev.ampulla.fhir.FhirFetcher;
import dev.ampulla.http.HttpApi;
import dev.ampulla.http.Readiness;
import dev.ampulla.knowledge.KnowledgeData;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.PackException;
import dev.ampulla.knowledge.pack.PackSource;
import dev.ampulla.ops.BuildVersion;
import dev.ampulla.ops.Metrics;
import dev.ampulla.security.JwtAuthenticator;
import dev.ampulla.security.TrustConfig;
import dev.ampulla.service.CallContext;
import dev.ampulla.service.CdsService;
import dev.ampulla.service.CdsServices;
import dev.ampulla.service.RectalCancerAdvisor;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Ampulla: the HTTP server answers at once ({@code /health/live}); the FHIR parser and the engine are warmed
 * on example requests before {@code /health/ready} says ready, so the first real call does not pay for class loading.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    /** Example requests (packaged from fhir-examples) that exercise every step of the engine. */
    private static final List<String> WARM_UP_REQUESTS = List.of(
            "/examples/requests/patient-view/09-stage-iva-resectable-lower.json",
            "/examples/requests/patient-view/14-adjuvant-after-resection-pn1b.json",
            "/examples/requests/patient-view/18-conflict-reported-group.json",
            "/examples/requests/order-sign/08-mixed-orders-stage-iv-upper.json",
            "/examples/requests/order-select/01-rt-selected-upper-rectum.json");
    /** Enough to load and link every class a call uses; the JIT is trained by real traffic afterwards. */
    private static final int WARM_UP_ROUNDS = 1;
    /** The patient of the first warm-up request, for the fetch path's warm-up in {@code serve}. */
    private static final String WARM_UP_PATIENT = "/examples/patients/09-stage-iva-resectable-lower.json";
    /** Warm-up fetches are not on a clinical clock: a busy machine must not make them fail. */
    private static final java.time.Duration WARM_UP_FETCH_DEADLINE = java.time.Duration.ofSeconds(30);

    private final AmpullaConfig config;
    private final Readiness readiness = new Readiness();
    private final List<CdsService> services;
    /** The same services, fetching with {@link #WARM_UP_FETCH_DEADLINE}: used only to warm up. */
    private final List<CdsService> warmUpServices;

    private final Metrics metrics = new Metrics();
    private final FeedbackStore store;
    /** Whose key sets are fetched after start-up (null in open mode). */
    private final JwtAuthenticator keySets;
    /** When the unavailable replay ledger was last logged (at most once a minute). */
    private volatile long lastLedgerWarning = System.nanoTime() - java.util.concurrent.TimeUnit.MINUTES.toNanos(2);

    private final CardRecorder recorder;
    private final dev.ampulla.presentation.Snoozes snoozes;
    private final OrderRecorder orderRecorder;
    private final java.util.concurrent.ScheduledExecutorService housekeeping =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ampulla-housekeeping");
                t.setDaemon(true);
                return t;
            });
    private final Javalin server;
    private final KnowledgePack pack;
    private final FhirFetcher fetcher;
    private final String demoFhirServer;

    public Application(AmpullaConfig config) {
        this(config, null, null);
    }

    private dev.ampulla.knowledge.pack.GuidelineLayer advisorLayer;

    /** The pack's guideline layer as this deployment's settings narrow it. */
    public static dev.ampulla.knowledge.pack.GuidelineLayer guidelineLayer(KnowledgePack pack, AmpullaConfig config) {
        AmpullaConfig.Guidelines g = config.guidelines();
        return pack.guidelineLayer(g.enabled(), g.sources(), g.topics());
    }

    private static String layerDescription(dev.ampulla.knowledge.pack.GuidelineLayer layer) {
        if (!layer.enabled()) {
            return "off";
        }
        return "on (sources: "
                + (layer.sources() == null ? "all" : String.join(",", new java.util.TreeSet<>(layer.sources())))
                + "; topics: "
                + (layer.topics() == null ? "all" : String.join(",", new java.util.TreeSet<>(layer.topics()))) + ")";
    }

    /**
     * @param examples the example patients and orders the card viewer offers, or null to read the packaged ones
     *     when the viewer first asks
     * @param demoFhirServer a FHIR server holding those patients, which the viewer names in hook calls; or null
     */
    public Application(AmpullaConfig config, ExampleCatalog examples, String demoFhirServer) {
        config.requireAuthenticationOrDevelopmentMode();
        this.config = config;
        this.demoFhirServer = demoFhirServer;
        // The FHIR context and the pack's FHIR resources do not need the checked pack: they are read on a second
        // thread while this one reads and checks the pack (on two CPUs, start-up's two largest steps overlap).
        java.util.concurrent.FutureTask<KnowledgeResources> resources = new java.util.concurrent.FutureTask<>(
                () -> KnowledgeResources.load(Fhir.context(), packSource(config)));
        Thread reader = new Thread(resources, "ampulla-start-fhir");
        reader.setDaemon(true);
        reader.start();
        this.pack = knowledgePack(config);
        LOG.info(
                "knowledge pack {} {} ({}) from {}",
                pack.manifest().id(),
                pack.version(),
                pack.manifest().date(),
                pack.source().describe());
        metrics.buildInfo(BuildVersion.current(), pack.version());
        metrics.readiness(readiness::isReady);
        this.advisorLayer = guidelineLayer(pack, config);
        RectalCancerAdvisor advisor = new RectalCancerAdvisor(
                pack, result(resources), () -> config.publicBaseUrl(port()), config.clock(), advisorLayer);
        LOG.info("guideline layer {}", layerDescription(advisorLayer));
        this.fetcher = new FhirFetcher(config.fhirLimits(), metrics::fhirQuery);
        FhirFetcher.Limits limits = config.fhirLimits();
        // not counted in the FHIR query metrics: warm-up calls are not clients' calls
        this.warmUpServices = CdsServices.all(
                advisor,
                new FhirFetcher(new FhirFetcher.Limits(
                        limits.connectTimeout(),
                        WARM_UP_FETCH_DEADLINE,
                        limits.maxPages(),
                        limits.maxResources(),
                        limits.maxBytes())),
                config.requestLimits());
        // a mistake in the controls stops start-up before anything is opened (the warm-up services have the same
        // hooks and ids)
        dev.ampulla.presentation.CardControls controls = cardControls(config, pack, warmUpServices);
        this.store = FeedbackStore.create(storeSettings(config.store()));
        this.orderRecorder = new OrderRecorder(
                store,
                config.store().patientHashKey() == null
                        ? null
                        : config.store().patientHashKey().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                pack.version(),
                config.clock(),
                10_000);
        orderRecorder.bindTo(metrics.registry());
        this.services = CdsServices.all(advisor, fetcher, config.requestLimits(), orderRecorder::offer);
        JwtAuthenticator authenticator = null;
        if (config.trustFile() != null) {
            TrustConfig trust = TrustConfig.load(config.trustFile());
            authenticator = new JwtAuthenticator(trust, this::recordToken);
            LOG.info(
                    "authentication on: {} trusted CDS client(s) from {}",
                    trust.clients().size(),
                    config.trustFile());
            if (config.metricsToken() == null) {
                LOG.warn("/metrics is closed: set AMPULLA_METRICS_TOKEN and give it to the Prometheus scraper");
            }
        } else {
            LOG.warn(
                    "OPEN DEVELOPMENT MODE: no trust file, so CDS clients are NOT authenticated and any caller may"
                            + " name any fhirServer; listening on {}. Set AMPULLA_TRUST_FILE before handling patient data.",
                    config.host());
        }
        LOG.info("feedback store: {}", store.describe());
        this.recorder = new CardRecorder(
                store,
                config.store().patientHashKey() == null
                        ? null
                        : config.store().patientHashKey().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                10_000);
        recorder.bindTo(metrics.registry());
        this.keySets = authenticator;
        this.snoozes = new dev.ampulla.presentation.Snoozes(
                store,
                config.store().patientHashKey() == null
                        ? null
                        : new dev.ampulla.feedback.PatientHasher(
                                config.store().patientHashKey().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                java.time.Duration.ofDays(config.snoozeDays()),
                java.time.Clock.systemUTC());
        logSnooze(config);
        this.server = new HttpApi(
                        config,
                        services,
                        readiness,
                        authenticator,
                        metrics,
                        examples,
                        demoFhirServer,
                        store,
                        recorder,
                        pack,
                        advisor,
                        new dev.ampulla.presentation.CardPresenter(controls, pack, snoozes),
                        snoozes)
                .create();
        every(6 * 60, "feedback store purge", this::purge);
        // other replicas' snoozes arrive within this period; this replica's own at once
        every(1, "snooze refresh", snoozes::refresh);
    }

    /** The deployment's card controls file, checked against the pack's topics, the hooks and the services. */
    private static dev.ampulla.presentation.CardControls cardControls(
            AmpullaConfig config, KnowledgePack pack, List<CdsService> services) {
        if (config.cardControls() == null) {
            return dev.ampulla.presentation.CardControls.NONE;
        }
        java.util.Set<String> topics = new java.util.TreeSet<>();
        pack.rules().forEach(rule -> topics.add(rule.topic()));
        java.util.Set<String> hooks = new java.util.TreeSet<>();
        java.util.Set<String> ids = new java.util.TreeSet<>();
        services.forEach(s -> {
            hooks.add(s.descriptor().hook());
            ids.add(s.descriptor().id());
        });
        dev.ampulla.presentation.CardControls controls =
                dev.ampulla.presentation.CardControlsFile.read(config.cardControls(), topics, hooks, ids);
        LOG.info("card controls from {}: {}", config.cardControls(), controls);
        java.util.Set<String> hiddenFoundingDocument = new java.util.TreeSet<>();
        pack.rules().stream()
                .filter(rule -> rule.source().equals("FD") && !controls.topics().shows(rule.topic()))
                .forEach(rule -> hiddenFoundingDocument.add(rule.topic()));
        if (!hiddenFoundingDocument.isEmpty()) {
            LOG.warn(
                    "card controls hide founding-document topics (computed and recorded, never shown): {}",
                    String.join(",", hiddenFoundingDocument));
        }
        return controls;
    }

    private void logSnooze(AmpullaConfig config) {
        if (snoozes.enabled()) {
            LOG.info("snooze on override: {} days at patient-view", config.snoozeDays());
        } else if (config.snoozeDays() > 0) {
            LOG.info("snooze on override off: it needs AMPULLA_PATIENT_HASH_KEY to recognise the patient");
        }
    }

    /** A start-up step's result; its failure is thrown as the step threw it. */
    private static <T> T result(java.util.concurrent.FutureTask<T> step) {
        try {
            return step.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during start-up", e);
        }
    }

    private static PackSource packSource(AmpullaConfig config) {
        return config.knowledgeDir() == null
                ? PackSource.shipped()
                : PackSource.directory(config.knowledgeDir().toAbsolutePath());
    }

    /**
     * The shipped pack, or the edited one of {@code --knowledge-dir}; its code sets and tables then replace the
     * shipped ones for this process. A pack that fails its checks stops start-up ({@link PackException}).
     */
    public static KnowledgePack knowledgePack(AmpullaConfig config) {
        if (config.knowledgeDir() == null) {
            KnowledgeData.readAll();
            return KnowledgePack.shipped();
        }
        PackSource source = packSource(config);
        KnowledgePack pack = KnowledgePack.load(source);
        KnowledgeData.use(source);
        KnowledgeData.readAll();
        LOG.warn(
                "running the knowledge pack in {} (version {}), not the shipped one",
                config.knowledgeDir(),
                pack.version());
        return pack;
    }

    private static FeedbackStore.Settings storeSettings(AmpullaConfig.Store s) {
        FeedbackStore.Settings settings = s.databaseUrl() == null
                ? FeedbackStore.Settings.sqlite(s.dataDir(), s.retention())
                : new FeedbackStore.Settings(s.databaseUrl(), s.databaseUser(), s.databasePassword(), s.retention());
        return settings.withOverrideComments(s.keepOverrideComments());
    }

    /** Deletes issued cards and feedback older than the retention period. */
    /**
     * A token id, recorded in the store every replica shares. While the store is down, each replica's memory alone
     * refuses replays: hooks keep answering (as they do for card recording), and the gap is logged.
     */
    private dev.ampulla.security.ReplayLedger.Answer recordToken(String issuer, String jti, long expiresAtMillis) {
        try {
            return store.recordToken(issuer, jti, expiresAtMillis)
                    ? dev.ampulla.security.ReplayLedger.Answer.FIRST_USE
                    : dev.ampulla.security.ReplayLedger.Answer.SEEN;
        } catch (dev.ampulla.feedback.StoreUnavailableException e) {
            long now = System.nanoTime();
            if (now - lastLedgerWarning > java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) {
                lastLedgerWarning = now;
                LOG.warn(
                        "token ids not shared with other replicas while the store is unavailable: {}",
                        FeedbackStore.describe(e));
            }
            return dev.ampulla.security.ReplayLedger.Answer.UNAVAILABLE;
        }
    }

    /**
     * Runs a housekeeping task every so many minutes, the first time a minute from now. A task that fails is logged
     * and runs again next time: an exception would otherwise end its schedule without a word.
     */
    @SuppressWarnings("FutureReturnValueIgnored") // nothing to wait for: the schedule ends when housekeeping stops
    private void every(long minutes, String task, Runnable run) {
        housekeeping.scheduleWithFixedDelay(
                () -> {
                    try {
                        run.run();
                    } catch (RuntimeException e) {
                        LOG.warn("{} failed, tried again in {} min: {}", task, minutes, e.toString());
                    }
                },
                1,
                minutes,
                java.util.concurrent.TimeUnit.MINUTES);
    }

    private void purge() {
        try {
            int rows = store.purgeBefore(java.time.Instant.now().minus(store.retention()))
                    + store.purgeExpiredTokens(java.time.Instant.now());
            if (rows > 0) {
                LOG.info(
                        "feedback store: purged {} rows older than {} days",
                        rows,
                        store.retention().toDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("feedback store: purge skipped, {}", e.getMessage());
        }
    }

    /** Waits until the cards of calls answered so far are written to the feedback store (tests). */
    public boolean flushRecordedCards(java.time.Duration within) {
        return recorder.flush(within);
    }

    /** Waits until the treatment orders signed so far are written to the feedback store (tests). */
    public boolean flushRecordedOrders(java.time.Duration within) {
        return orderRecorder.flush(within);
    }

    /** Starts listening, then warms up in the background. */
    public Application start() {
        server.start();
        Thread warmUp = new Thread(this::warmUp, "ampulla-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        LOG.info("Ampulla listening on port {}; discovery at {}/cds-services", port(), config.publicBaseUrl(port()));
        return this;
    }

    /** Starts and waits until warm-up is done (the demo, tests and tools). */
    public Application startAndAwaitReady() {
        server.start();
        LOG.info("Ampulla listening on port {}; discovery at {}/cds-services", port(), config.publicBaseUrl(port()));
        warmUp();
        return this;
    }

    public int port() {
        return server.port();
    }

    /**
     * Posts every packaged example request to this running server once, over HTTP, so that everything a real call
     * touches — Jetty, Javalin, the services — has been loaded. Used to record a class-data-sharing archive.
     */
    public void exerciseOverHttp() throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : WARM_UP_REQUESTS) {
            byte[] body;
            try (InputStream in = Application.class.getResourceAsStream(path)) {
                body = in.readAllBytes();
            }
            String hook = CdsJson.mapper().readTree(body).path("hook").asText();
            for (CdsService s : services) {
                if (s.descriptor().hook().equals(hook)) {
                    http.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port()
                                            + "/cds-services/" + s.descriptor().id()))
                                    .header("Content-Type", "application/json")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
                }
            }
        }
        http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + port() + "/cds-services"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    public boolean isReady() {
        return readiness.isReady();
    }

    private void warmUp() {
        long start = System.nanoTime();
        try {
            List<JsonNode> requests = new ArrayList<>();
            for (String path : WARM_UP_REQUESTS) {
                try (InputStream in = Application.class.getResourceAsStream(path)) {
                    if (in != null) {
                        requests.add(CdsJson.mapper().readTree(in));
                    }
                }
            }
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                for (JsonNode request : requests) {
                    warmUpCall(request);
                }
            }
            if (!requests.isEmpty()) {
                warmUpFetchPath(requests.get(0));
            }
            LOG.info(
                    "warm-up done in {} ms: engine, and fetch path from {}",
                    (System.nanoTime() - start) / 1_000_000,
                    demoFhirServer != null ? "the demo's FHIR server" : "a canned FHIR server on loopback");
        } catch (IOException | RuntimeException e) {
            LOG.warn("warm-up failed; serving anyway: {}", e.toString());
        }
        readiness.markReady();
        // After the engine is ready, so that a first call is not slowed down by them; hooks never need the database.
        try {
            housekeeping.execute(fetcher::prepare);
            housekeeping.execute(store::migrate);
            housekeeping.execute(snoozes::refresh);
            if (keySets != null) {
                housekeeping.execute(keySets::prefetchKeySets);
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopped during warm-up
        }
    }

    private void warmUpCall(JsonNode request) throws IOException {
        for (CdsService service : warmUpServices) {
            if (service.descriptor().hook().equals(request.path("hook").asText())) {
                CdsJson.mapper()
                        .writeValueAsBytes(service.call(request, CallContext.open(java.time.Duration.ofSeconds(5))));
            }
        }
    }

    /**
     * The fetch path is cold too, and so is the demo's FHIR server: a call that fetches instead of using prefetch —
     * from the demo's server, or in {@code serve} from a canned one on loopback holding the example's patient, so
     * that nothing outside this machine is contacted before a client names its server.
     */
    private void warmUpFetchPath(JsonNode example) throws IOException {
        ObjectNode fetching = example.deepCopy();
        fetching.remove("prefetch");
        if (demoFhirServer != null) {
            fetching.put("fhirServer", demoFhirServer);
            warmUpCall(fetching);
            return;
        }
        JsonNode patient;
        try (InputStream in = Application.class.getResourceAsStream(WARM_UP_PATIENT)) {
            if (in == null) {
                return; // a build without the examples
            }
            patient = CdsJson.mapper().readTree(in);
        }
        try (CannedFhirServer canned = new CannedFhirServer(patient)) {
            fetching.put("fhirServer", canned.base());
            warmUpCall(fetching);
        }
    }

    /**
     * After {@link #startAndAwaitReady}: waits until the tasks started once ready — the FHIR client's set-up, the
     * feedback store's migration, the trusted clients' key sets — are done (the demo, tests). False if they were not
     * done in time.
     */
    public boolean awaitStartupTasks(java.time.Duration within) {
        try {
            housekeeping.submit(() -> {}).get(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        server.stop();
        housekeeping.shutdownNow();
        recorder.close();
        orderRecorder.close();
        store.close();
        metrics.close();
    }
}
