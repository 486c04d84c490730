package dev.ampulla.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The feedback store contract on a real SQLite file, the embedded default. */
class SqliteFeedbackStoreTest extends FeedbackStoreContract {

    @Override
    FeedbackStore.Settings freshDatabase() throws Exception {
        return FeedbackStore.Settings.sqlite(
                Files.createTempDirectory("ampulla-sqlite").resolve("data"), Duration.ofDays(730));
    }

    /**
     * The service migrates the store in the background after start-up; a report or feedback arriving meanwhile waits
     * for that migration instead of failing with "unavailable". The migration is held up here by another connection's
     * exclusive lock on the database file, released after a second.
     */
    @Test
    void aCallerArrivingDuringTheMigrationWaitsForIt() throws Exception {
        FeedbackStore.Settings settings = freshDatabase();
        try (FeedbackStore starting = FeedbackStore.create(settings);
                Connection other = DriverManager.getConnection(settings.jdbcUrl())) {
            other.createStatement().execute("BEGIN EXCLUSIVE"); // no other connection may read or write
            CompletableFuture<Void> background = CompletableFuture.runAsync(starting::migrate);
            Thread.sleep(300);
            CompletableFuture<ConcordanceReport> report =
                    CompletableFuture.supplyAsync(() -> starting.concordance(Instant.EPOCH, Instant.now()));
            Thread.sleep(700);
            other.createStatement().execute("ROLLBACK");
            background.get(10, TimeUnit.SECONDS);
            assertEquals(0, report.get(10, TimeUnit.SECONDS).totals().cardsShown());
        }
    }

    /** What cards were issued and clinicians' feedback are for the service's user only. */
    @Test
    void theDataDirectoryAndDatabaseAreReadableByTheirOwnerOnly() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("ampulla-sqlite").resolve("data");
        FeedbackStore.Settings settings = FeedbackStore.Settings.sqlite(dir, Duration.ofDays(730));
        try (FeedbackStore store = FeedbackStore.create(settings)) {
            store.migrate();
            store.concordance(Instant.EPOCH, Instant.now());
            assertEquals("rwx------", permissions(dir));
            try (var files = Files.list(dir)) {
                for (java.nio.file.Path file : files.toList()) { // the database, and its WAL and shared memory
                    assertEquals("rw-------", permissions(file), file.toString());
                }
            }
        }
    }

    private static String permissions(java.nio.file.Path p) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
