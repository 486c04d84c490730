package dev.ampulla.feedback;

import java.nio.file.Files;
import java.time.Duration;

/** The feedback store contract on a real SQLite file, the embedded default. */
class SqliteFeedbackStoreTest extends FeedbackStoreContract {

    @Override
    FeedbackStore.Settings freshDatabase() throws Exception {
        return FeedbackStore.Settings.sqlite(Files.createTempDirectory("ampulla-sqlite").resolve("data"),
                Duration.ofDays(730));
    }
}
