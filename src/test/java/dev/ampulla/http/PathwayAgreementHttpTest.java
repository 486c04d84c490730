package dev.ampulla.http;

import dev.ampulla.support.TestServer;
import java.util.Map;

/** The pathway agreement report with the embedded SQLite store. */
class PathwayAgreementHttpTest extends PathwayAgreementContract {
    @Override
    Map<String, String> storeSettings() {
        return Map.of("data-dir", TestServer.temporaryDataDir());
    }
}
