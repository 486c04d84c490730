package dev.ampulla.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feedback store contract on a real PostgreSQL server started by the test, and what happens while that server is
 * down: writes fail fast with {@link StoreUnavailableException}, unrecorded cards are counted, and the store recovers
 * once the server is back.
 */
class PostgresFeedbackStoreTest extends FeedbackStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    FeedbackStore.Settings freshDatabase() throws Exception {
        String name = "ampulla_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return new FeedbackStore.Settings(
                postgres.getJdbcUrl("postgres", name), "postgres", null, Duration.ofDays(730));
    }

    @Test
    void whileTheServerIsDownWritesFailFastAndTheStoreRecoversAfterwards() throws Exception {
        Path data = Files.createTempDirectory("ampulla-pg-down");
        EmbeddedPostgres own = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start();
        int port = own.getPort();
        FeedbackStore.Settings settings = new FeedbackStore.Settings(
                own.getJdbcUrl("postgres", "postgres"), "postgres", null, Duration.ofDays(730));
        try (FeedbackStore s = FeedbackStore.open(settings);
                CardRecorder recorder = new CardRecorder(s, null, 100)) {
            s.recordCards(List.of(card("before", "stage-summary", T0)));
            own.close();

            long start = System.nanoTime();
            assertThrows(
                    StoreUnavailableException.class,
                    () -> s.recordFeedback("rectal-cancer-pathways", List.of(overridden("before", null, false)), T0));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "fails fast, does not hang");

            recorder.offer("rectal-cancer-pathways", null, "p1", List.of(CardsForTests.stageSummary()));
            assertTrue(recorder.flush(Duration.ofSeconds(10)));
            assertEquals(1, recorder.unrecorded(), "the card issued while the store was down is counted");

            own = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            FeedbackStore.Settings after = settings;
            assertEventually(
                    () -> {
                        try {
                            return s.recordFeedback(
                                            "rectal-cancer-pathways", List.of(overridden("before", null, false)), T0)
                                    == 1;
                        } catch (StoreUnavailableException e) {
                            return false;
                        }
                    },
                    "the store works again once PostgreSQL is back (" + after + ")");
            assertEquals(
                    1,
                    s.concordance(T0.minusSeconds(60), T0.plusSeconds(60))
                            .totals()
                            .overridden());
        } finally {
            own.close();
        }
    }

    @Test
    void aStoreOpenedWhileTheServerIsDownMigratesOnFirstUse() throws Exception {
        Path data = Files.createTempDirectory("ampulla-pg-late");
        EmbeddedPostgres probe = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start();
        int port = probe.getPort();
        String url = probe.getJdbcUrl("postgres", "postgres");
        probe.close();
        try (FeedbackStore s =
                FeedbackStore.open(new FeedbackStore.Settings(url, "postgres", null, Duration.ofDays(730)))) {
            assertThrows(StoreUnavailableException.class, () -> s.recordCards(List.of(card("x", "stage-summary", T0))));
            EmbeddedPostgres late = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            try {
                // after a failed attempt the store fails fast for a few seconds, then migrates on the next use
                assertEventually(
                        () -> {
                            try {
                                s.recordCards(List.of(card("x", "stage-summary", T0)));
                                return true;
                            } catch (StoreUnavailableException e) {
                                return false;
                            }
                        },
                        "the store migrates once PostgreSQL is up");
                assertEquals(
                        1,
                        s.concordance(T0.minusSeconds(60), T0.plusSeconds(60))
                                .totals()
                                .cardsShown());
            } finally {
                late.close();
            }
        }
    }
}
