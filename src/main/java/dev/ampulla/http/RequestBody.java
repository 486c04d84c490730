package dev.ampulla.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.cdshooks.RequestReader;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a call's body: JSON only, at most the configured bytes, in full within the body-read deadline, one document in
 * UTF-8 — and only once the call's memory reservation holds what parsing it takes.
 */
final class RequestBody {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBody.class);
    private static final String JSON = ErrorAnswers.JSON;

    private final long maxBodyBytes;
    private final Duration readTimeout;
    private final RequestReader reader;

    RequestBody(long maxBodyBytes, Duration readTimeout, RequestReader reader) {
        this.maxBodyBytes = maxBodyBytes;
        this.readTimeout = readTimeout;
        this.reader = reader;
    }

    /**
     * Reads at most the configured number of bytes and parses them as JSON: 415, 413 or 400 otherwise; null when what
     * parsing and answering the body would take does not fit the memory budget now.
     */
    JsonNode read(Context ctx, MemoryBudget.Reservation memory) {
        String type = ctx.contentType();
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(JSON) && !mediaType.equals("application/fhir+json")) {
            throw new CdsProtocolException(
                    415, "not-supported", "The request body must be JSON sent with Content-Type: application/json.");
        }
        long limit = maxBodyBytes;
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes;
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ScheduledFuture<?> deadline = BODY_DEADLINES.schedule(
                () -> {
                    timedOut.set(true);
                    closeConnection(ctx);
                },
                readTimeout.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
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
        return reader.read(bytes);
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
        return CdsProtocolException.badRequest(
                "structure",
                "The request body could not be read: the connection"
                        + " ended before it was complete, or its transfer encoding is malformed.");
    }

    private static CdsProtocolException tooLarge(long limit) {
        return new CdsProtocolException(413, "too-costly", "The request body is larger than " + limit + " bytes.");
    }
}
