package dev.ampulla.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ampulla.support.RawHttp;
import dev.ampulla.support.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bodies that never arrive whole, on a real socket: a client that stops sending and half-closes, a malformed chunked
 * encoding. Each is the client's failure — a 4xx with an OperationOutcome while the connection is open, and at most
 * one log line without a stack trace — never a 500.
 */
class TransportErrorsTest {
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";

    private static String exchange(String request) {
        return RawHttp.exchange(TestServer.port(), request).text();
    }

    private static String withLogs(java.util.concurrent.Callable<String> call, java.util.List<ILoggingEvent> into)
            throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            return call.call();
        } finally {
            root.detachAppender(logs);
            into.addAll(logs.list);
        }
    }

    @Test
    void aBodyThatStopsShortIs400WithoutAStackTrace() throws Exception {
        java.util.List<ILoggingEvent> logs = new java.util.ArrayList<>();
        String answer = withLogs(
                () -> exchange("POST " + HOOK + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"hook\": \"pat"),
                logs);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("OperationOutcome"), answer);
        assertNoStackTrace(logs);
    }

    @Test
    void aMalformedChunkedBodyIs400WithoutAStackTrace() throws Exception {
        java.util.List<ILoggingEvent> logs = new java.util.ArrayList<>();
        String answer = withLogs(
                () -> exchange("POST " + HOOK + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\n{\"hoo\r\nzz\r\nk\": 1}\r\n0\r\n\r\n"),
                logs);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertNoStackTrace(logs);
    }

    private static void assertNoStackTrace(java.util.List<ILoggingEvent> logs) {
        for (ILoggingEvent e : logs) {
            assertFalse(e.getLevel().isGreaterOrEqual(Level.ERROR), "logged as an error: " + e.getFormattedMessage());
            assertTrue(e.getThrowableProxy() == null, "a stack trace: " + e.getFormattedMessage());
        }
    }

    /**
     * Senders that never finish their body hold no admission permit: with two permits and five stalled uploads, a
     * normal call is still answered.
     */
    @Test
    void stalledUploadsDoNotTakeThePlacesOfOtherCalls() throws Exception {
        try (dev.ampulla.Application small = TestServer.startWith(java.util.Map.of("max-concurrent-requests", "2"))) {
            java.util.List<Socket> stalled = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    Socket s = new Socket("127.0.0.1", small.port());
                    s.getOutputStream()
                            .write(("POST " + HOOK + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"hook\":")
                                    .getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    stalled.add(s);
                }
                Thread.sleep(300); // let them reach the server (if they did not, the call below proves nothing)
                io.restassured.RestAssured.given()
                        .port(small.port())
                        .contentType("application/json")
                        .body(dev.ampulla.support.Examples.read(
                                dev.ampulla.support.Examples.patientViewRequest("03-stage-iia-middle-rectum")))
                        .post(HOOK)
                        .then()
                        .statusCode(200);
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }

    /**
     * A sender that trickles its body (a byte now and then, each resetting any idle timeout) has its connection closed
     * once the body-read deadline passes: it cannot hold a thread and a memory reservation for long.
     */
    @Test
    void aTricklingSenderIsCutOffAtTheBodyReadDeadline() throws Exception {
        try (dev.ampulla.Application strict = TestServer.startWith(java.util.Map.of("body-read-timeout-ms", "500"));
                Socket socket = new Socket("127.0.0.1", strict.port())) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + HOOK + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100000\r\n\r\n{")
                    .getBytes(StandardCharsets.UTF_8));
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            boolean closed = false;
            while (!closed && System.nanoTime() < until) {
                try {
                    out.write(' '); // one more byte, as a trickling sender would
                    out.flush();
                    closed = socket.getInputStream().read() == -1;
                } catch (java.net.SocketTimeoutException e) {
                    // nothing to read yet: keep trickling
                } catch (java.io.IOException e) {
                    closed = true; // the server closed the connection
                }
            }
            assertTrue(closed, "the connection was closed at the body-read deadline");
        }
    }
}
