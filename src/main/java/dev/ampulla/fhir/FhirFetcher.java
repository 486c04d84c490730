package dev.ampulla.fhir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Fetches patient data from a CDS client's FHIR server: every query at once, all within one deadline, each search
 * followed through its pages while the {@code next} link stays on the same server. The bearer token goes only to
 * that server (redirects are not followed) and appears in no message.
 *
 * <p>Answers are read as JSON trees, and the resources they hold are returned as such: they are turned into HAPI
 * model objects by {@link PatientRecordBuilder}, exactly as prefetched ones are. Here only the answer itself is
 * checked: that it is a FHIR resource, and when it is a Bundle (whose envelope HAPI's parser reads, without the entry
 * resources) that its entries hold FHIR resources.
 */
public final class FhirFetcher {
    /** Why an answer, or a resource in it, was not used: it is not FHIR R4 JSON. */
    public static final String INVALID_ANSWER = "the FHIR server's answer is not valid FHIR R4 JSON";
    /** Heap a parsed answer takes per byte of JSON: the tree, and the FHIR objects made of what the rules read. */
    public static final int EXPANSION = 12;
    /** Deeper than any FHIR resource, shallow enough that a hostile answer cannot exhaust the stack. */
    private static final int MAX_NESTING_DEPTH = 100;

    private static final ObjectMapper JSON = reader();

    /** Limits on one hook's fetching. */
    public record Limits(Duration connectTimeout, Duration deadline, int maxPages, int maxResources, int maxBytes) {}

    /** What a query gave: its resources as JSON objects (all pages), or why it gave nothing usable. */
    public sealed interface Outcome {
        record Fetched(List<ObjectNode> resources) implements Outcome {}

        record Failed(String reason) implements Outcome {}
    }

    /**
     * The threads that read and parse answers: a fixed few, so that however many answers arrive at once they are
     * parsed a few at a time rather than all together.
     */
    private static final java.util.concurrent.ExecutorService PARSERS =
            java.util.concurrent.Executors.newFixedThreadPool(
                    Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                        Thread t = new Thread(r, "ampulla-fhir-reader");
                        t.setDaemon(true);
                        return t;
                    });

    private final Limits limits;
    private final QueryListener listener;
    /** Created on first use: building it sets up TLS, which would add about a fifth to start-up. */
    private volatile HttpClient http;

    public FhirFetcher(Limits limits) {
        this(limits, QueryListener.NONE);
    }

    /** @param listener told of each query's outcome (metrics by FHIR server) */
    public FhirFetcher(Limits limits, QueryListener listener) {
        this.limits = limits;
        this.listener = listener;
    }

    /** Creates the HTTP client now (after start-up), so that the first fetch does not pay for it. */
    public void prepare() {
        client();
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                c = http;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(limits.connectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .executor(PARSERS)
                            .build();
                    http = c;
                }
            }
        }
        return c;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Runs the queries concurrently and waits for all of them, at most until the deadline.
     *
     * @param base the FHIR server base URL
     * @param bearerToken the access token, or null to call without one
     * @param queries key → query relative to {@code base} ({@code Condition?patient=1}) or an absolute URL on it
     * @param deadline {@link System#nanoTime()} by which everything must have been fetched
     */
    public Map<String, Outcome> fetchAll(URI base, String bearerToken, Map<String, String> queries, long deadline) {
        return fetchAll(base, bearerToken, queries, deadline, HeapBudget.UNLIMITED);
    }

    /**
     * As {@link #fetchAll(URI, String, Map, long)}, each answer parsed only when the call's {@code heap} still holds
     * what parsing it takes ({@link #EXPANSION} times its size) and its deadline has not passed.
     */
    public Map<String, Outcome> fetchAll(
            URI base, String bearerToken, Map<String, String> queries, long deadline, HeapBudget heap) {
        Map<String, CompletableFuture<Outcome>> running = new LinkedHashMap<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            Search search = new Search(base, bearerToken, deadline, heap);
            URI first = resolve(base, q.getValue());
            CompletableFuture<Outcome> outcome;
            if (first == null) {
                outcome = CompletableFuture.completedFuture(new Outcome.Failed("the query is not on the FHIR server"));
            } else {
                try {
                    outcome = search.page(first).exceptionally(FhirFetcher::failure);
                } catch (RuntimeException e) { // a request the HTTP client refuses to build
                    outcome = CompletableFuture.completedFuture(failure(e));
                }
            }
            running.put(q.getKey(), outcome);
        }
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Outcome>> r : running.entrySet()) {
            Outcome outcome;
            try {
                long left = Math.max(1, deadline - System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(50);
                outcome = r.getValue().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                r.getValue().cancel(true);
                outcome = new Outcome.Failed(timeoutReason());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = new Outcome.Failed("interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                outcome = failure(e.getCause());
            }
            out.put(r.getKey(), outcome);
            listener.queried(base, outcome instanceof Outcome.Fetched);
        }
        return out;
    }

    private static ObjectMapper reader() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        return mapper;
    }

    private static String timeoutReason() {
        return "the FHIR server did not answer in time";
    }

    /** One search, page after page. */
    private final class Search {
        private final URI base;
        private final String token;
        private final long deadline;
        private final HeapBudget heap;
        private final List<ObjectNode> resources = new ArrayList<>();
        /** Every resource of every page so far, those in Bundles inside entries included. */
        private long counted;

        private int pages;

        Search(URI base, String token, long deadline, HeapBudget heap) {
            this.base = base;
            this.token = token;
            this.deadline = deadline;
            this.heap = heap;
        }

        CompletableFuture<Outcome> page(URI url) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return CompletableFuture.completedFuture(new Outcome.Failed(timeoutReason()));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofNanos(left))
                    .header("Accept", "application/fhir+json")
                    .GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return client().sendAsync(request.build(), info -> new LimitedBody(limits.maxBytes(), heap))
                    .thenApply(this::read)
                    .thenCompose(this::next);
        }

        private ObjectNode read(HttpResponse<byte[]> response) {
            if (response.statusCode() != 200) {
                throw new FetchFailure("the FHIR server answered HTTP " + response.statusCode());
            }
            // An answer that arrived after the deadline, or that the call has no room for, is not parsed: the call has
            // given up on it, or parsing it could exhaust the heap.
            if (System.nanoTime() > deadline) {
                throw new FetchFailure(timeoutReason());
            }
            if (!heap.reserve((long) response.body().length * EXPANSION)) {
                throw new FetchFailure("Ampulla is busy reading other answers: this one did not fit its memory budget");
            }
            JsonNode answer;
            try {
                answer = JSON.readTree(response.body());
            } catch (IOException | RuntimeException e) { // not JSON, a duplicate key, too deep
                throw new FetchFailure(INVALID_ANSWER);
            }
            if (!isResource(answer)) {
                throw new FetchFailure(INVALID_ANSWER);
            }
            return (ObjectNode) answer;
        }

        private CompletableFuture<Outcome> next(ObjectNode answer) {
            String type = answer.get("resourceType").textValue();
            if (type.equals("OperationOutcome")) {
                return CompletableFuture.completedFuture(
                        new Outcome.Failed("the FHIR server answered with an" + " OperationOutcome"));
            }
            if (!type.equals("Bundle")) {
                resources.add(answer); // a read
                return CompletableFuture.completedFuture(new Outcome.Fetched(List.copyOf(resources)));
            }
            Bundle bundle = envelope(answer);
            pages++;
            for (JsonNode entry : answer.path("entry")) {
                if (entry.get("resource") instanceof ObjectNode resource
                        && !"OperationOutcome"
                                .equals(resource.get("resourceType").textValue())) {
                    resources.add(resource);
                    counted += nestedResources(resource);
                }
            }
            if (counted > limits.maxResources()) {
                return failed("the search returned more than " + limits.maxResources() + " resources");
            }
            Bundle.BundleLinkComponent link = bundle.getLink(Bundle.LINK_NEXT);
            if (link == null || link.getUrl() == null || link.getUrl().isBlank()) {
                return CompletableFuture.completedFuture(new Outcome.Fetched(List.copyOf(resources)));
            }
            if (pages >= limits.maxPages()) {
                return failed("the search has more than " + limits.maxPages() + " pages");
            }
            URI nextPage = resolve(base, link.getUrl());
            if (nextPage == null) {
                return failed("the search's next page is not on the FHIR server");
            }
            return page(nextPage);
        }

        private CompletableFuture<Outcome> failed(String reason) {
            return CompletableFuture.completedFuture(new Outcome.Failed(reason));
        }
    }

    /** Collects a response body without blocking a thread, and gives up past {@code max} bytes. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final int max;
        private Flow.Subscription subscription;
        private long seen;
        private boolean over;

        private final HeapBudget heap;

        LimitedBody(int max, HeapBudget heap) {
            this.max = max;
            this.heap = heap;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return bytes.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            bytes.onSubscribe(s);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (over) {
                return;
            }
            long arriving = 0;
            for (ByteBuffer b : items) {
                arriving += b.remaining();
            }
            seen += arriving;
            if (seen > max) {
                stop(new FetchFailure("the FHIR server's answer is larger than " + max + " bytes"));
                return;
            }
            // the bytes as they arrive, and once more for the array they are copied into at the end
            if (!heap.reserve(2 * arriving)) {
                stop(new FetchFailure(
                        "Ampulla is busy reading other answers: this one did not fit its memory" + " budget"));
                return;
            }
            bytes.onNext(items);
        }

        private void stop(FetchFailure why) {
            over = true;
            subscription.cancel();
            bytes.onError(why);
        }

        @Override
        public void onError(Throwable t) {
            if (!over) {
                bytes.onError(t);
            }
        }

        @Override
        public void onComplete() {
            if (!over) {
                bytes.onComplete();
            }
        }
    }

    /** A resource counted as it would be read: 1, or a Bundle's entries at any depth. */
    private static long nestedResources(JsonNode resource) {
        if (!"Bundle".equals(resource.path("resourceType").asText(""))) {
            return 1;
        }
        long n = 0;
        for (JsonNode entry : resource.path("entry")) {
            n += nestedResources(entry.path("resource"));
        }
        return n;
    }

    /** An object naming a resource type of FHIR R4. */
    private static boolean isResource(JsonNode json) {
        JsonNode type = json instanceof ObjectNode ? json.get("resourceType") : null;
        return type != null && type.isTextual() && Fhir.isResourceType(type.textValue());
    }

    /**
     * The Bundle without its entries' resources, read by HAPI's parser, which checks it as it checked whole answers;
     * each entry's resource must be a FHIR resource (its content is read, or not, with the patient data).
     */
    private static Bundle envelope(ObjectNode bundle) {
        ObjectNode envelope = bundle.objectNode();
        for (Map.Entry<String, JsonNode> field : bundle.properties()) {
            if (!field.getKey().equals("entry") || !field.getValue().isArray()) {
                envelope.set(field.getKey(), field.getValue());
                continue;
            }
            ArrayNode entries = envelope.putArray("entry");
            for (JsonNode entry : field.getValue()) {
                JsonNode resource = entry.get("resource");
                if (resource == null || resource.isNull()) {
                    entries.add(entry);
                    continue;
                }
                if (!isResource(resource)) {
                    throw new FetchFailure(INVALID_ANSWER);
                }
                ObjectNode withoutResource = entries.addObject();
                for (Map.Entry<String, JsonNode> member : entry.properties()) {
                    if (!member.getKey().equals("resource")) {
                        withoutResource.set(member.getKey(), member.getValue());
                    }
                }
            }
        }
        try {
            return Fhir.parse(envelope, Bundle.class);
        } catch (UnreadableResourceException e) {
            throw new FetchFailure(INVALID_ANSWER);
        }
    }

    private static final class FetchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FetchFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    private static Outcome failure(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof FetchFailure f) {
            return new Outcome.Failed(f.getMessage());
        }
        if (cause instanceof HttpTimeoutException) {
            return new Outcome.Failed("the FHIR server did not answer in time");
        }
        if (cause instanceof ConnectException) {
            return new Outcome.Failed("the FHIR server could not be reached");
        }
        if (cause instanceof IOException) {
            return new Outcome.Failed("the connection to the FHIR server failed");
        }
        return new Outcome.Failed("the FHIR server's answer could not be read");
    }

    /**
     * Resolves a query or link against the base: relative queries are appended to the base; absolute URLs are
     * accepted only on the same scheme, host, port and base path. Null when the URL leaves the server.
     */
    public static URI resolve(URI base, String queryOrUrl) {
        URI target;
        try {
            if (queryOrUrl.startsWith("http://") || queryOrUrl.startsWith("https://")) {
                target = new URI(queryOrUrl);
            } else {
                int q = queryOrUrl.indexOf('?');
                String resourcePath = q < 0 ? queryOrUrl : queryOrUrl.substring(0, q);
                String basePath = base.getPath() == null ? "" : base.getPath();
                String path = (basePath.endsWith("/") ? basePath : basePath + "/") + resourcePath;
                // The multi-argument constructor quotes what a URI may not hold, such as | in system|code tokens.
                target = new URI(
                        base.getScheme(),
                        base.getRawAuthority() == null ? null : base.getAuthority(),
                        path,
                        q < 0 ? null : queryOrUrl.substring(q + 1),
                        null);
            }
        } catch (URISyntaxException e) {
            return null;
        }
        return isOnBase(base, target) ? target : null;
    }

    static boolean isOnBase(URI base, URI target) {
        if (target.getScheme() == null
                || target.getHost() == null
                || target.getRawUserInfo() != null
                || !target.getScheme().equalsIgnoreCase(base.getScheme())
                || !target.getHost().equalsIgnoreCase(base.getHost())
                || port(target) != port(base)) {
            return false;
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        if (!(path.equals(basePath) || path.startsWith(basePath + "/"))) {
            return false;
        }
        // What follows the base must stay under it however a server decodes or normalises it: no dot segments,
        // encoded dots or slashes, backslashes or path parameters (";"), which servers and proxies read differently.
        String rest = path.substring(basePath.length());
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("%5c")
                || rest.indexOf(';') >= 0
                || rest.indexOf('\\') >= 0) {
            return false;
        }
        for (String segment : rest.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }
}
