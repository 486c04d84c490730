package dev.ampulla.http;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.util.Map;

/** The pathway agreement report with a PostgreSQL store (embedded PostgreSQL, on loopback). */
class PostgresPathwayAgreementHttpTest extends PathwayAgreementContract {
    private EmbeddedPostgres postgres;

    @Override
    Map<String, String> storeSettings() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE ampulla_agreement");
        }
        return Map.of(
                "database-url", postgres.getJdbcUrl("postgres", "ampulla_agreement"), "database-user", "postgres");
    }

    @Override
    void closeStore() {
        try {
            postgres.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
