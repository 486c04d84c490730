package dev.ampulla.config;

import dev.ampulla.cdshooks.RequestLimits;
import dev.ampulla.fhir.FhirFetcher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ampulla's settings. Each comes from a command-line option ({@code --port 8080}), else an environment variable
 * ({@code AMPULLA_PORT}), else its default. {@link #OPTIONS} is the reference printed by {@code --help}.
 */
public record AmpullaConfig(
        String host,
        int port,
        String publicBaseUrl,
        List<String> corsAllowedOrigins,
        long maxBodyBytes,
        Path knowledgeDir,
        FhirFetcher.Limits fhirLimits,
        Path trustFile,
        RequestLimits requestLimits,
        int maxJsonDepth,
        int maxStringLength,
        Duration requestDeadline,
        int maxConcurrentRequests,
        int feedbackCallsPerMinute,
        String metricsToken,
        Duration bodyReadTimeout,
        Store store,
        LocalDate today,
        Guidelines guidelines,
        boolean developmentMode,
        Path cardControls,
        int snoozeDays) {

    /**
     * How this deployment narrows the knowledge pack's guideline layer: {@code enabled} null keeps the pack's
     * setting; {@code sources} and {@code topics} null keep the pack's (all, unless the pack narrows them). The
     * founding document's cards are never affected.
     */
    public record Guidelines(Boolean enabled, java.util.Set<String> sources, java.util.Set<String> topics) {
        public static final Guidelines AS_PACK = new Guidelines(null, null, null);
    }

    /**
     * The feedback store: an SQLite file in {@code dataDir}, or the database at {@code databaseUrl}; rows older than
     * {@code retention} are purged. {@code patientHashKey} (or null) keys the hash kept to count distinct patients;
     * {@code analyticsToken} (or null) is a bearer token that may read the analytics; free-text override comments are
     * kept only with {@code keepOverrideComments}.
     */
    public record Store(
            Path dataDir,
            String databaseUrl,
            String databaseUser,
            String databasePassword,
            Duration retention,
            String patientHashKey,
            String analyticsToken,
            boolean keepOverrideComments) {

        @Override
        public String toString() {
            return "Store[dataDir=" + dataDir + ", databaseUrl=" + (databaseUrl == null ? "-" : "(set)") + "]";
        }
    }

    /** One documented setting. */
    public record Option(String name, String env, String defaultValue, String description) {}

    public static final List<Option> OPTIONS = List.of(
            new Option(
                    "host",
                    "AMPULLA_HOST",
                    "0.0.0.0 with a trust file; 127.0.0.1 in development mode or without one",
                    "Address to listen on."),
            new Option("port", "AMPULLA_PORT", "8080", "HTTP port (0 picks a free port)."),
            new Option(
                    "public-base-url",
                    "AMPULLA_PUBLIC_BASE_URL",
                    "http://localhost:<port>",
                    "The URL clients use to reach Ampulla (behind a proxy: the proxy's URL)."),
            new Option(
                    "cors-origins",
                    "AMPULLA_CORS_ORIGINS",
                    "https://sandbox.cds-hooks.org",
                    "Comma-separated browser origins allowed to call the CDS Hooks endpoints (the public CDS Hooks"
                            + " sandbox by default; add the EHR's web origins), or * for any."),
            new Option(
                    "trust-file",
                    "AMPULLA_TRUST_FILE",
                    "(none: serve refuses to start)",
                    "JSON file of trusted CDS clients; with it every call needs a valid JWT (docs/security.md)."),
            new Option(
                    "development-mode",
                    "AMPULLA_DEVELOPMENT_MODE",
                    "false",
                    "Run without a trust file (true): CDS clients are not authenticated, and Ampulla listens on"
                            + " 127.0.0.1 unless --host says otherwise. For development with synthetic data only;"
                            + " `demo` always runs this way."),
            new Option(
                    "max-body-bytes",
                    "AMPULLA_MAX_BODY_BYTES",
                    "2097152",
                    "Largest request body accepted; larger bodies get 413."),
            new Option(
                    "max-json-depth",
                    "AMPULLA_MAX_JSON_DEPTH",
                    "100",
                    "Deepest JSON nesting accepted; deeper bodies get 400."),
            new Option(
                    "max-string-length",
                    "AMPULLA_MAX_STRING_LENGTH",
                    "1000000",
                    "Longest JSON string accepted; longer ones get 400."),
            new Option(
                    "max-resources",
                    "AMPULLA_MAX_RESOURCES",
                    "10000",
                    "Most FHIR resources in one request (prefetch and draft orders); more get 413."),
            new Option(
                    "max-draft-orders",
                    "AMPULLA_MAX_DRAFT_ORDERS",
                    "200",
                    "Most draft orders in one order-select or order-sign call; more get 400."),
            new Option(
                    "request-deadline-ms",
                    "AMPULLA_REQUEST_DEADLINE_MS",
                    "3000",
                    "Time one call may take: FHIR fetches are cut off at it (412); a call that still overruns gets"
                            + " 503."),
            new Option(
                    "body-read-timeout-ms",
                    "AMPULLA_BODY_READ_TIMEOUT_MS",
                    "10000",
                    "Time a request body may take to arrive in full; a slower sender's connection is closed."),
            new Option(
                    "max-concurrent-requests",
                    "AMPULLA_MAX_CONCURRENT_REQUESTS",
                    "32",
                    "Calls processed at once (a call waiting for a FHIR server counts); more get an immediate 503"
                            + " with Retry-After."),
            new Option(
                    "feedback-calls-per-minute",
                    "AMPULLA_FEEDBACK_CALLS_PER_MINUTE",
                    "1200",
                    "Feedback calls one client (its iss; its address in open mode) may make a minute, in bursts of"
                            + " a twentieth of it (at least 3); more get 429 with Retry-After."),
            new Option(
                    "fhir-connect-timeout-ms",
                    "AMPULLA_FHIR_CONNECT_TIMEOUT_MS",
                    "200",
                    "Time to connect to a CDS client's FHIR server."),
            new Option(
                    "fhir-deadline-ms",
                    "AMPULLA_FHIR_DEADLINE_MS",
                    "400",
                    "Time for all of one hook's FHIR fetches together (they run at once); past it: 412."),
            new Option("fhir-max-pages", "AMPULLA_FHIR_MAX_PAGES", "20", "Most pages followed for one search."),
            new Option(
                    "fhir-max-resources",
                    "AMPULLA_FHIR_MAX_RESOURCES",
                    "5000",
                    "Most resources accepted from one search."),
            new Option(
                    "fhir-max-answer-bytes",
                    "AMPULLA_FHIR_MAX_ANSWER_BYTES",
                    "4194304",
                    "Largest answer (one page) accepted from a FHIR server; a larger one makes its data unavailable."),
            new Option(
                    "log-format",
                    "AMPULLA_LOG_FORMAT",
                    "json",
                    "Log lines as one JSON object each (json), or as plain text for reading in a terminal (text)."),
            new Option(
                    "data-dir",
                    "AMPULLA_DATA_DIR",
                    "data",
                    "Directory of the embedded feedback store (an SQLite file), created on first start."),
            new Option(
                    "database-url",
                    "AMPULLA_DATABASE_URL",
                    "(none: SQLite in the data directory)",
                    "JDBC URL of a PostgreSQL feedback store shared by several replicas, e.g."
                            + " jdbc:postgresql://db:5432/ampulla."),
            new Option("database-user", "AMPULLA_DATABASE_USER", "(none)", "User for the database URL."),
            new Option(
                    "database-password",
                    "AMPULLA_DATABASE_PASSWORD",
                    "(none)",
                    "Password for the database URL (prefer the environment variable)."),
            new Option(
                    "feedback-retention-days",
                    "AMPULLA_FEEDBACK_RETENTION_DAYS",
                    "730",
                    "Days issued cards and feedback are kept; older rows are purged every six hours."),
            new Option(
                    "store-override-comments",
                    "AMPULLA_STORE_OVERRIDE_COMMENTS",
                    "false",
                    "Keep clinicians' free-text override comments in the feedback store (true), or only whether one"
                            + " was given (false). Comments may name the patient: opt in only where that is allowed."),
            new Option(
                    "patient-hash-key",
                    "AMPULLA_PATIENT_HASH_KEY",
                    "(none: nothing of the patient is kept)",
                    "Secret key of the HMAC-SHA256 of the patient id stored with each card, to count distinct"
                            + " patients and for snooze on override. At least 32 characters."),
            new Option(
                    "metrics-token",
                    "AMPULLA_METRICS_TOKEN",
                    "(none: /metrics is open)",
                    "Bearer token a Prometheus scraper must send to read /metrics (at least 32 characters)."),
            new Option(
                    "analytics-token",
                    "AMPULLA_ANALYTICS_TOKEN",
                    "(none)",
                    "Bearer token that may read /analytics/concordance (besides trusted clients' JWTs). At least 32"
                            + " characters."),
            new Option(
                    "knowledge-dir",
                    "AMPULLA_KNOWLEDGE_DIR",
                    "(none: the shipped knowledge pack)",
                    "Folder of an edited knowledge pack (start from `knowledge export DIR`); its rules, texts, code"
                            + " sets and thresholds replace the shipped ones. Checked at start-up."),
            new Option(
                    "today",
                    "AMPULLA_TODAY",
                    "(none: the system clock, UTC)",
                    "Judge the age of patient data and dates in the future as of this day (YYYY-MM-DD), for"
                            + " demonstrations and tests with dated example patients; `demo` uses the examples' day."
                            + " Leave it unset in production."),
            new Option(
                    "guidelines",
                    "AMPULLA_GUIDELINES",
                    "(the knowledge pack's setting: on)",
                    "Show the guideline layer's cards (on) or only the founding document's and Ampulla's own (off)."
                            + " This setting never switches the founding document's cards off (card controls can)."),
            new Option(
                    "guideline-sources",
                    "AMPULLA_GUIDELINE_SOURCES",
                    "(the knowledge pack's: all)",
                    "Show only the guideline cards of these guidelines (comma-separated reference ids of"
                            + " guidelines.yaml, e.g. ASCO-RECTAL-2024,ESMO-MCRC-2023)."),
            new Option(
                    "guideline-topics",
                    "AMPULLA_GUIDELINE_TOPICS",
                    "(the knowledge pack's: all)",
                    "Show only the guideline cards of these topics (comma-separated, e.g."
                            + " dmmr-immunotherapy,anti-egfr-check,pregnancy-check)."),
            new Option(
                    "card-controls",
                    "AMPULLA_CARD_CONTROLS",
                    "(none: every card is shown)",
                    "JSON file of this deployment's card controls: topics shown or hidden, a minimum indicator per"
                            + " hook, silent mode globally, per service, topic or client iss (docs/operations.md,"
                            + " \"Card controls and snooze\"). Checked at start-up."),
            new Option(
                    "snooze-days",
                    "AMPULLA_SNOOZE_DAYS",
                    "30",
                    "Days a patient-view card a clinician overrode is not shown again for that patient while the"
                            + " findings it rests on are unchanged; 0 turns snooze off. Needs the patient hash key."));

    /** Settings that became knowledge-pack parameters: they would change clinical advice without a pack version. */
    private static final List<String> MOVED_TO_PACK =
            List.of("AMPULLA_SEGMENT_LOWER_MAX_CM", "AMPULLA_SEGMENT_MIDDLE_MAX_CM", "AMPULLA_SEGMENT_UPPER_MAX_CM");

    private static final String LOOPBACK = "127.0.0.1";
    private static final String ANY_ADDRESS = "0.0.0.0";
    /** The demo's fetch deadline: its FHIR server is on this machine, and nothing there is on a clinical clock. */
    private static final Duration DEMO_FHIR_DEADLINE = Duration.ofSeconds(2);

    public static AmpullaConfig defaults() {
        return from(Map.of(), Map.of());
    }

    /**
     * Builds the settings from parsed command-line options and the environment.
     *
     * @throws IllegalArgumentException naming the setting with a bad value
     */
    public static AmpullaConfig from(Map<String, String> options, Map<String, String> environment) {
        // A setting given as an option, else in the environment; null when neither gives a value.
        Function<String, String> explicit = name -> {
            String v = options.containsKey(name)
                    ? options.get(name)
                    : environment.get(option(name).env());
            return v == null || v.isBlank() ? null : v.trim();
        };
        Function<String, String> value = name -> {
            String v = explicit.apply(name);
            return v != null ? v : option(name).defaultValue();
        };
        int port = parseInt("port", value.apply("port"), 0, 65535);
        String logFormat = value.apply("log-format");
        if (!logFormat.equals("json") && !logFormat.equals("text")) {
            throw new IllegalArgumentException("log-format must be json or text, got '" + logFormat + "'");
        }
        // Unset: http://localhost:<the port actually bound>, decided once the server listens.
        String base = explicit.apply("public-base-url") == null ? null : stripSlash(explicit.apply("public-base-url"));
        List<String> origins = Arrays.stream(value.apply("cors-origins").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        long maxBody = parseLong("max-body-bytes", value.apply("max-body-bytes"), 1024, 512L * 1024 * 1024);
        for (String moved : MOVED_TO_PACK) {
            if (environment.get(moved) != null && !environment.get(moved).isBlank()) {
                throw new IllegalArgumentException(moved + " is no longer a setting: the segment thresholds are"
                        + " parameters of the knowledge pack (parameters.yaml), versioned with it. Export the pack"
                        + " with `knowledge export DIR`, edit it, and run with --knowledge-dir DIR");
            }
        }
        String knowledgeDir = explicit.apply("knowledge-dir");
        FhirFetcher.Limits fhir = new FhirFetcher.Limits(
                Duration.ofMillis(
                        parseLong("fhir-connect-timeout-ms", value.apply("fhir-connect-timeout-ms"), 1, 60_000)),
                Duration.ofMillis(parseLong("fhir-deadline-ms", value.apply("fhir-deadline-ms"), 1, 60_000)),
                parseInt("fhir-max-pages", value.apply("fhir-max-pages"), 1, 1000),
                parseInt("fhir-max-resources", value.apply("fhir-max-resources"), 1, 1_000_000),
                parseInt("fhir-max-answer-bytes", value.apply("fhir-max-answer-bytes"), 1024, 256 * 1024 * 1024));
        String trust = explicit.apply("trust-file");
        RequestLimits limits = new RequestLimits(
                parseInt("max-resources", value.apply("max-resources"), 1, 10_000_000),
                parseInt("max-draft-orders", value.apply("max-draft-orders"), 1, 100_000));
        boolean developmentMode = parseBoolean("development-mode", value.apply("development-mode"));
        // development mode is unauthenticated, or authenticated by keys meant for testing (the sandbox's are public)
        String host = explicit.apply("host") != null
                ? explicit.apply("host")
                : trust == null || developmentMode ? LOOPBACK : ANY_ADDRESS;
        return new AmpullaConfig(
                host,
                port,
                base,
                origins,
                maxBody,
                knowledgeDir == null ? null : Path.of(knowledgeDir),
                fhir,
                trust == null ? null : Path.of(trust),
                limits,
                parseInt("max-json-depth", value.apply("max-json-depth"), 10, 10_000),
                parseInt("max-string-length", value.apply("max-string-length"), 1024, 100_000_000),
                Duration.ofMillis(parseLong("request-deadline-ms", value.apply("request-deadline-ms"), 10, 600_000)),
                parseInt("max-concurrent-requests", value.apply("max-concurrent-requests"), 1, 100_000),
                parseInt("feedback-calls-per-minute", value.apply("feedback-calls-per-minute"), 1, 1_000_000),
                metricsToken(explicit.apply("metrics-token")),
                Duration.ofMillis(parseLong("body-read-timeout-ms", value.apply("body-read-timeout-ms"), 10, 600_000)),
                store(explicit, value),
                today(explicit.apply("today")),
                guidelines(explicit),
                developmentMode,
                explicit.apply("card-controls") == null ? null : Path.of(explicit.apply("card-controls")),
                parseInt("snooze-days", value.apply("snooze-days"), 0, 3650));
    }

    /**
     * Settings for {@code demo}: open development mode, on 127.0.0.1 unless a host is given. The example patients'
     * FHIR server is local but may be slow to answer its first searches on a busy machine, so fetches get more time
     * unless a deadline is given.
     */
    public static AmpullaConfig forDemo(Map<String, String> options, Map<String, String> environment) {
        if (options.containsKey("trust-file")
                || !blank(environment.get(option("trust-file").env()))) {
            throw new IllegalArgumentException("demo runs in open development mode, without a trust file: drop"
                    + " --trust-file and unset AMPULLA_TRUST_FILE, or run serve with the trust file");
        }
        Map<String, String> demo = new LinkedHashMap<>(options);
        demo.put("development-mode", "true");
        if (!options.containsKey("fhir-deadline-ms")
                && blank(environment.get(option("fhir-deadline-ms").env()))) {
            demo.put("fhir-deadline-ms", Long.toString(DEMO_FHIR_DEADLINE.toMillis()));
        }
        return from(demo, environment);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Whether this configuration may serve: with a trust file, or in development mode asked for explicitly.
     *
     * @throws IllegalArgumentException naming the two ways out
     */
    public void requireAuthenticationOrDevelopmentMode() {
        if (trustFile == null && !developmentMode) {
            throw new IllegalArgumentException("no trust file: every CDS client would be unauthenticated. Give one"
                    + " with --trust-file or AMPULLA_TRUST_FILE (docs/security.md), or, for development with"
                    + " synthetic data only, --development-mode true or AMPULLA_DEVELOPMENT_MODE=true");
        }
    }

    private static Guidelines guidelines(Function<String, String> explicit) {
        String on = explicit.apply("guidelines");
        Boolean enabled = null;
        if (on != null) {
            if (!on.equals("on") && !on.equals("off")) {
                throw new IllegalArgumentException("guidelines must be on or off, got '" + on + "'");
            }
            enabled = on.equals("on");
        }
        return new Guidelines(
                enabled, list(explicit.apply("guideline-sources")), list(explicit.apply("guideline-topics")));
    }

    private static java.util.Set<String> list(String value) {
        if (value == null) {
            return null;
        }
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static LocalDate today(String day) {
        if (day == null) {
            return null;
        }
        try {
            return LocalDate.parse(day);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("today must be a date (YYYY-MM-DD), got '" + day + "'");
        }
    }

    /** The same settings, judging dates as of {@code day}. */
    public AmpullaConfig withToday(LocalDate day) {
        return new AmpullaConfig(
                host,
                port,
                publicBaseUrl,
                corsAllowedOrigins,
                maxBodyBytes,
                knowledgeDir,
                fhirLimits,
                trustFile,
                requestLimits,
                maxJsonDepth,
                maxStringLength,
                requestDeadline,
                maxConcurrentRequests,
                feedbackCallsPerMinute,
                metricsToken,
                bodyReadTimeout,
                store,
                day,
                guidelines,
                developmentMode,
                cardControls,
                snoozeDays);
    }

    /** The clock the clinical core judges dates with: fixed at the start of {@code today} if set, else UTC. */
    public java.time.Clock clock() {
        return today == null
                ? java.time.Clock.systemUTC()
                : java.time.Clock.fixed(
                        today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), java.time.ZoneOffset.UTC);
    }

    private static String metricsToken(String token) {
        if (token != null && token.length() < 32) {
            throw new IllegalArgumentException("metrics-token must be at least 32 characters");
        }
        return token;
    }

    private static Option option(String name) {
        return OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    private static Store store(Function<String, String> optional, Function<String, String> value) {
        String url = optional.apply("database-url");
        if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("database-url must be a jdbc:postgresql: or jdbc:sqlite: URL");
        }
        String hashKey = optional.apply("patient-hash-key");
        if (hashKey != null && hashKey.length() < 32) {
            throw new IllegalArgumentException("patient-hash-key must be at least 32 characters");
        }
        String token = optional.apply("analytics-token");
        if (token != null && token.length() < 32) {
            throw new IllegalArgumentException("analytics-token must be at least 32 characters");
        }
        return new Store(
                Path.of(value.apply("data-dir")),
                url,
                optional.apply("database-user"),
                optional.apply("database-password"),
                Duration.ofDays(
                        parseLong("feedback-retention-days", value.apply("feedback-retention-days"), 1, 36_500)),
                hashKey,
                token,
                parseBoolean("store-override-comments", value.apply("store-override-comments")));
    }

    private static boolean parseBoolean(String name, String v) {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
        };
    }

    /** Parses {@code --name value} and {@code --name=value} pairs. */
    public static Map<String, String> parseOptions(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String name = a.substring(2);
            String v;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                v = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size()) {
                v = args.get(++i);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            String known = name;
            if (OPTIONS.stream().noneMatch(o -> o.name().equals(known))) {
                throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
            }
            out.put(name, v);
        }
        return out;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static int parseInt(String name, String v, int min, int max) {
        return (int) parseLong(name, v, min, max);
    }

    private static long parseLong(String name, String v, long min, long max) {
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'", e);
        }
    }

    /** The configured public base URL, or {@code http://localhost:<boundPort>} when none is configured. */
    public String publicBaseUrl(int boundPort) {
        return publicBaseUrl != null ? publicBaseUrl : "http://localhost:" + boundPort;
    }
}
