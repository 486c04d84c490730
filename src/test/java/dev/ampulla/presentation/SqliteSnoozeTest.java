package dev.ampulla.presentation;

import dev.ampulla.support.TestServer;
import java.util.Map;

/** Snooze on override with the embedded SQLite store. */
class SqliteSnoozeTest extends SnoozeContract {

    @Override
    Map<String, String> storeSettings() {
        return Map.of("data-dir", TestServer.temporaryDataDir());
    }
}
