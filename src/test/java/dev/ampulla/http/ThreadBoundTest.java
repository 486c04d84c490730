package dev.ampulla.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.Application;
import dev.ampulla.support.Examples;
import dev.ampulla.support.RawHttp;
import dev.ampulla.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A flood of connections does not grow the server by a thread per connection: Jetty's threads are bounded by what the
 * service admits (twice its 32 concurrent calls), so in a 256 MiB container a burst cannot take the process past its
 * memory limit. Every call of the burst is still answered, 200 or a fast 503.
 */
class ThreadBoundTest {
    private static final String HOOK = "/cds-services/rectal-cancer-pathways";
    private static final int CONNECTIONS = 160;
    private static final int BOUND = 64;

    @Test
    void aBurstOfConnectionsIsAnsweredByAtMostTheBoundedNumberOfThreads() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        String request = Examples.read(Examples.patientViewRequest("03-stage-iia-middle-rectum"));
        String raw = RawHttp.jsonPost(HOOK, request.getBytes(StandardCharsets.UTF_8).length, request);
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        try (Application server = TestServer.startWith(Map.of())) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return RawHttp.exchange(server.port(), raw).status();
                }));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                int status = answer.get(120, TimeUnit.SECONDS);
                assertTrue(status == 200 || status == 503, "status " + status);
            }
            // a pool thread lives on for a minute once idle, so every thread the burst started is still here
            long serverThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("ampulla-http") && !before.contains(t))
                    .count();
            assertTrue(serverThreads > 0, "the server's threads are named ampulla-http");
            assertTrue(
                    serverThreads <= BOUND,
                    serverThreads + " threads served " + CONNECTIONS + " connections; the bound is " + BOUND);
        } finally {
            clients.shutdownNow();
        }
    }
}
