package dev.ampulla.feedback;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ampulla.cdshooks.Coding;
import dev.ampulla.cdshooks.Feedback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of issued cards and of clinicians' feedback on them, in SQLite (a file, the embedded default) or
 * PostgreSQL (by JDBC URL, shared by several Ampulla replicas). The schema is migrated with Flyway when the database is
 * first reached; if it cannot be reached, operations throw {@link StoreUnavailableException} and are retried on the
 * next call. Stores no patient names or identifiers.
 */
public final class FeedbackStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackStore.class);
    /** The SQLite file created under the data directory. */
    public static final String SQLITE_FILE = "ampulla-feedback.db";

    /**
     * Where the store lives: a JDBC URL (with user and password for PostgreSQL), and how long rows are kept.
     */
    public record Settings(
            String jdbcUrl, String user, String password, Duration retention, boolean keepOverrideComments) {

        public Settings(String jdbcUrl, String user, String password, Duration retention) {
            this(jdbcUrl, user, password, retention, false);
        }

        /** This store, keeping clinicians' free-text override comments (which may name the patient) or not. */
        public Settings withOverrideComments(boolean keep) {
            return new Settings(jdbcUrl, user, password, retention, keep);
        }

        /**
         * An SQLite file in {@code dataDir}, created (with the directory) when missing, readable by its owner only:
         * it holds what cards were issued and clinicians' feedback. SQLite gives its WAL and shared-memory files the
         * database file's permissions.
         */
        public static Settings sqlite(Path dataDir, Duration retention) {
            try {
                OwnerOnlyFiles.createDirectories(dataDir);
                OwnerOnlyFiles.createFileIfMissing(dataDir.resolve(SQLITE_FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
            }
            return new Settings("jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath(), null, null, retention);
        }

        boolean isSqlite() {
            return jdbcUrl.startsWith("jdbc:sqlite:");
        }

        @Override
        public String toString() {
            return "Settings[" + jdbcUrl.replaceAll("(?i)password=[^&;]*", "password=***") + "]";
        }
    }

    private static final long RETRY_AFTER_FAILURE_NANOS = Duration.ofSeconds(5).toNanos();
    /** How long a caller waits for a migration another thread is running (at start-up, usually well under 1 s). */
    private static final Duration MIGRATION_WAIT = Duration.ofSeconds(3);

    private final Settings settings;
    private final HikariDataSource pool;
    private final java.util.concurrent.locks.ReentrantLock migration = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean migrated;
    private volatile long lastMigrationFailure = System.nanoTime() - RETRY_AFTER_FAILURE_NANOS;

    private FeedbackStore(Settings settings) {
        this.settings = settings;
        HikariConfig c = new HikariConfig();
        c.setPoolName("ampulla-feedback");
        c.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            c.setUsername(settings.user());
        }
        if (settings.password() != null) {
            c.setPassword(settings.password());
        }
        // Never fail start-up for the database: hooks must answer while it is down.
        c.setInitializationFailTimeout(-1);
        c.setConnectionTimeout(2_000);
        c.setValidationTimeout(1_000);
        if (settings.isSqlite()) {
            c.setMaximumPoolSize(4);
            c.setConnectionInitSql("PRAGMA busy_timeout = 5000");
        } else {
            c.setMaximumPoolSize(8);
            c.addDataSourceProperty("connectTimeout", "2");
            c.addDataSourceProperty("socketTimeout", "10");
            // Server error messages would otherwise quote the statement's values (possibly a free-text comment).
            c.addDataSourceProperty("logServerErrorDetail", "false");
        }
        this.pool = new HikariDataSource(c);
    }

    /**
     * Opens the store and tries to migrate its schema; a database that is down is retried on first use. Call
     * {@link #create} and then {@link #migrate} from a background thread to keep the migration out of start-up.
     */
    public static FeedbackStore open(Settings settings) {
        FeedbackStore store = create(settings);
        store.migrate();
        return store;
    }

    /** The store, without touching the database yet. */
    public static FeedbackStore create(Settings settings) {
        return new FeedbackStore(settings);
    }

    /** Migrates the schema now if the database can be reached; otherwise logs why, and the next use retries. */
    public void migrate() {
        try {
            ensureMigrated();
        } catch (StoreUnavailableException e) {
            LOG.warn(
                    "feedback store not reachable yet ({}); hooks answer anyway, feedback gets 503 until it is",
                    describe(e));
        }
    }

    public Duration retention() {
        return settings.retention();
    }

    /** A description for the log, without credentials. */
    public String describe() {
        return settings.isSqlite()
                ? "SQLite " + settings.jdbcUrl().substring("jdbc:sqlite:".length())
                : settings.toString();
    }

    /**
     * Migrates once. A caller arriving during a migration waits for it, at most {@link #MIGRATION_WAIT}; for a few
     * seconds after a failed attempt callers fail at once: a database that is down must not hold up feedback requests
     * one behind another.
     */
    private void ensureMigrated() {
        if (migrated) {
            return;
        }
        failFastAfterRecentFailure();
        try {
            if (!migration.tryLock(MIGRATION_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreUnavailableException("the feedback store is being migrated", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while the feedback store was being migrated", null);
        }
        try {
            if (!migrated) {
                failFastAfterRecentFailure();
                migrateNow();
            }
        } finally {
            migration.unlock();
        }
    }

    private void migrateNow() {
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            if (settings.isSqlite()) {
                try (Connection c = pool.getConnection();
                        var s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode = WAL");
                }
            }
            migrated = true;
        } catch (SQLException | RuntimeException e) {
            lastMigrationFailure = System.nanoTime();
            throw new StoreUnavailableException("the feedback store cannot be reached or migrated", e);
        }
    }

    private void failFastAfterRecentFailure() {
        if (System.nanoTime() - lastMigrationFailure < RETRY_AFTER_FAILURE_NANOS) {
            throw new StoreUnavailableException("the feedback store was not reachable a moment ago", null);
        }
    }

    /**
     * What went wrong, for the log: the exception type and SQL state only. Driver messages can quote the values of a
     * failed statement, and those may include a clinician's free-text comment.
     */
    public static String describe(StoreUnavailableException e) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return e.getMessage();
        }
        String state = cause instanceof SQLException sql && sql.getSQLState() != null
                ? " (SQL state " + sql.getSQLState() + ")"
                : "";
        return e.getMessage() + ": " + cause.getClass().getSimpleName() + state;
    }

    /**
     * Records issued cards in one transaction; cards already recorded are left as they are. On SQLite this
     * transaction is not flushed to disk on commit (a crash of the machine, not of Ampulla, may lose the last batch:
     * the record of issued cards is best-effort by design); feedback always is.
     */
    public void recordCards(List<IssuedCard> cards) {
        transaction("cards could not be recorded", false, c -> {
            try (PreparedStatement card = c.prepareStatement("INSERT INTO issued_card (card_uuid, service_id, topic,"
                            + " indicator, rule_ids, patient_hash, issued_at, issuer, override_reasons, layer, presentation,"
                            + " decisive_facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
                    PreparedStatement suggestion = c.prepareStatement("INSERT INTO issued_suggestion"
                            + " (suggestion_uuid, card_uuid, label, pathway_option) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")) {
                for (IssuedCard ic : cards) {
                    card.setString(1, ic.cardUuid());
                    card.setString(2, ic.serviceId());
                    card.setString(3, ic.topic());
                    card.setString(4, ic.indicator());
                    card.setString(5, ic.ruleIds());
                    card.setString(6, ic.patientHash());
                    card.setLong(7, ic.issuedAtMillis());
                    setNullable(card, 8, ic.issuer());
                    setNullable(card, 9, ic.overrideReasons());
                    card.setString(10, ic.layer());
                    card.setString(11, ic.presentation());
                    setNullable(card, 12, ic.decisiveFacts());
                    card.addBatch();
                    for (IssuedCard.IssuedSuggestion s : ic.suggestions()) {
                        suggestion.setString(1, s.uuid());
                        suggestion.setString(2, ic.cardUuid());
                        suggestion.setString(3, s.label());
                        suggestion.setString(4, s.pathwayOption());
                        suggestion.addBatch();
                    }
                }
                card.executeBatch();
                suggestion.executeBatch();
                return null;
            }
        });
    }

    /**
     * Stores feedback items in one transaction, durably, before returning. An item already stored (same card, outcome
     * and accepted suggestion) is stored once. A free-text comment is kept only when the settings say so; otherwise
     * only whether one was given.
     *
     * @return how many rows were new
     */
    public int recordFeedback(String serviceId, List<Feedback> items, Instant receivedAt) {
        return transaction("feedback could not be stored", true, c -> insertFeedback(c, serviceId, items, receivedAt));
    }

    private int insertFeedback(Connection c, String serviceId, List<Feedback> items, Instant receivedAt)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO feedback (card_uuid, outcome,"
                + " suggestion_uuid, service_id, reason_system, reason_code, reason_display, has_comment,"
                + " outcome_at, received_at, user_comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            for (Feedback f : items) {
                boolean accepted = f.outcome() == Feedback.Outcome.ACCEPTED;
                Coding reason = accepted ? null : f.overrideReason();
                for (String suggestion : accepted ? f.acceptedSuggestions() : List.of("")) {
                    insert.setString(1, f.card());
                    insert.setString(2, f.outcome().name().toLowerCase(java.util.Locale.ROOT));
                    insert.setString(3, suggestion);
                    insert.setString(4, serviceId);
                    setNullable(insert, 5, reason == null ? null : IssuedCard.clip(reason.system(), 300));
                    setNullable(insert, 6, reason == null ? null : IssuedCard.clip(reason.code(), 100));
                    setNullable(insert, 7, reason == null ? null : IssuedCard.clip(reason.display(), 300));
                    insert.setInt(8, f.userComment() != null && !f.userComment().isBlank() ? 1 : 0);
                    insert.setLong(9, f.outcomeTimestamp().toInstant().toEpochMilli());
                    insert.setLong(10, receivedAt.toEpochMilli());
                    setNullable(
                            insert,
                            11,
                            settings.keepOverrideComments() && f.userComment() != null
                                    ? IssuedCard.clip(f.userComment(), 1000)
                                    : null);
                    insert.addBatch();
                }
            }
            int stored = 0;
            for (int n : insert.executeBatch()) {
                stored += Math.max(n, 0);
            }
            return stored;
        }
    }

    /**
     * Stores feedback as {@link #recordFeedback} does, after checking in the same transaction that every item is about
     * a card Ampulla recorded as issued by this service — to this client, when it was issued to one — and names only
     * that card's suggestions and override reasons. Nothing is stored when one item fails.
     *
     * @param issuer the calling client's {@code iss}, or null in open mode
     * @throws FeedbackRejectedException naming the first item that fails, and why
     */
    public int recordCheckedFeedback(String serviceId, String issuer, List<Feedback> items, Instant receivedAt) {
        return transaction("feedback could not be stored", true, c -> {
            for (int i = 0; i < items.size(); i++) {
                check(c, serviceId, issuer, items.get(i), "feedback[" + i + "]");
            }
            return insertFeedback(c, serviceId, items, receivedAt);
        });
    }

    private static void check(Connection c, String serviceId, String issuer, Feedback f, String path)
            throws SQLException {
        String[] card = null;
        try (PreparedStatement q = c.prepareStatement(
                "SELECT service_id, issuer, override_reasons FROM issued_card" + " WHERE card_uuid = ?")) {
            q.setString(1, f.card());
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) {
                    card = new String[] {r.getString(1), r.getString(2), r.getString(3)};
                }
            }
        }
        if (card == null || !serviceId.equals(card[0]) || (card[1] != null && !card[1].equals(issuer))) {
            // one answer for all three, so a caller cannot probe which cards exist or whose they are
            throw new FeedbackRejectedException(
                    path + ".card is not a card this service issued to this client (or" + " its record was not kept).");
        }
        if (f.outcome() == Feedback.Outcome.ACCEPTED) {
            for (String suggestion : f.acceptedSuggestions()) {
                try (PreparedStatement q = c.prepareStatement(
                        "SELECT 1 FROM issued_suggestion" + " WHERE suggestion_uuid = ? AND card_uuid = ?")) {
                    q.setString(1, suggestion);
                    q.setString(2, f.card());
                    try (ResultSet r = q.executeQuery()) {
                        if (!r.next()) {
                            throw new FeedbackRejectedException(
                                    path + ".acceptedSuggestions names a suggestion the" + " card did not offer.");
                        }
                    }
                }
            }
        } else if (f.overrideReason() != null) {
            List<String> offered = card[2] == null || card[2].isBlank() ? List.of() : List.of(card[2].split(" "));
            if (!offered.contains(f.overrideReason().code())) {
                throw new FeedbackRejectedException(
                        path + ".overrideReason is not one of the card's override" + " reasons.");
            }
        }
    }

    /**
     * Records a JWT id for every replica sharing this store, until it expires: true when this is its first use,
     * false when it was recorded before (a replay).
     *
     * @throws StoreUnavailableException when the store cannot be reached
     */
    public boolean recordToken(String issuer, String jti, long expiresAtMillis) {
        return transaction("the token could not be recorded", false, c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO seen_token (issuer, jti, expires_at)" + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, IssuedCard.clip(issuer, 300));
                insert.setString(2, IssuedCard.clip(jti, 300));
                insert.setLong(3, expiresAtMillis);
                return insert.executeUpdate() == 1;
            }
        });
    }

    /**
     * Snoozes the advice of an overridden card until {@code until}: the card's patient hash, topic and decisive facts,
     * when it was issued by {@code serviceId} with all three recorded. A later override of the same advice moves the
     * end of the snooze.
     *
     * @return the snooze, or empty when the card cannot be snoozed
     */
    public java.util.Optional<Snooze> snooze(String serviceId, String cardUuid, Instant until) {
        return transaction("the snooze could not be stored", true, c -> {
            Snooze snooze = null;
            try (PreparedStatement q = c.prepareStatement("SELECT patient_hash, topic, decisive_facts FROM issued_card"
                    + " WHERE card_uuid = ? AND service_id = ? AND patient_hash IS NOT NULL"
                    + " AND decisive_facts IS NOT NULL")) {
                q.setString(1, cardUuid);
                q.setString(2, serviceId);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        snooze = new Snooze(r.getString(1), r.getString(2), r.getString(3), until.toEpochMilli());
                    }
                }
            }
            if (snooze == null) {
                return java.util.Optional.empty();
            }
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO card_snooze (patient_hash, topic,"
                    + " decisive_facts, snoozed_until) VALUES (?, ?, ?, ?) ON CONFLICT (patient_hash, topic,"
                    + " decisive_facts) DO UPDATE SET snoozed_until = excluded.snoozed_until")) {
                upsert.setString(1, snooze.patientHash());
                upsert.setString(2, snooze.topic());
                upsert.setString(3, snooze.decisiveFacts());
                upsert.setLong(4, snooze.untilMillis());
                upsert.executeUpdate();
            }
            return java.util.Optional.of(snooze);
        });
    }

    /** The snoozes that have not ended at {@code now}. */
    public List<Snooze> activeSnoozes(Instant now) {
        return transaction("the snoozes could not be read", false, c -> {
            List<Snooze> out = new java.util.ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT patient_hash, topic, decisive_facts, snoozed_until"
                    + " FROM card_snooze WHERE snoozed_until > ?")) {
                q.setLong(1, now.toEpochMilli());
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.add(new Snooze(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Records signed treatment orders in one transaction (not flushed on commit on SQLite, as for cards). An order
     * already recorded for the same patient and day keeps its first record; the warning cards of each signing are
     * all kept, so that an override of any of them gives the order's reason.
     */
    public void recordSignedOrders(List<SignedOrder> orders) {
        transaction("signed orders could not be recorded", false, c -> {
            SignedOrderRows.insert(c, orders);
            return null;
        });
    }

    /** The pathway agreement report for treatment orders signed, and cards issued, in {@code [from, to)}. */
    public PathwayAgreementReport pathwayAgreement(Instant from, Instant to) {
        return transaction(
                "the report could not be read",
                false,
                c -> new PathwayAgreementReport(
                        from.toString(),
                        to.toString(),
                        PathwayAgreementQuery.read(c, from, to),
                        ConcordanceQuery.read(c, from, to)));
    }

    /** The concordance report for cards issued in {@code [from, to)}. */
    public ConcordanceReport concordance(Instant from, Instant to) {
        return transaction("the report could not be read", false, c -> ConcordanceQuery.read(c, from, to));
    }

    /**
     * Deletes cards issued, and feedback received, before {@code cutoff}.
     *
     * @return the number of rows deleted
     */
    public int purgeBefore(Instant cutoff) {
        long t = cutoff.toEpochMilli();
        return transaction("old rows could not be purged", false, c -> {
            int n = 0;
            for (String delete : List.of(
                    "DELETE FROM issued_suggestion WHERE card_uuid IN"
                            + " (SELECT card_uuid FROM issued_card WHERE issued_at < ?)",
                    "DELETE FROM issued_card WHERE issued_at < ?",
                    "DELETE FROM feedback WHERE received_at < ?",
                    "DELETE FROM card_snooze WHERE snoozed_until < ?",
                    SignedOrderRows.PURGE_WARNINGS,
                    SignedOrderRows.PURGE_ORDERS)) {
                try (PreparedStatement p = c.prepareStatement(delete)) {
                    p.setLong(1, t);
                    n += p.executeUpdate();
                }
            }
            return n;
        });
    }

    /** Deletes the recorded token ids that expired before {@code now}: a replay of those fails on its expiry. */
    public int purgeExpiredTokens(Instant now) {
        return transaction("expired tokens could not be purged", false, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM seen_token WHERE expires_at < ?")) {
                p.setLong(1, now.toEpochMilli());
                return p.executeUpdate();
            }
        });
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns and rolled back when it fails; a database error
     * becomes a {@link StoreUnavailableException} saying {@code failure}.
     */
    private <T> T transaction(String failure, boolean flushEachCommit, Work<T> work) {
        ensureMigrated();
        try (Connection c = pool.getConnection()) {
            durability(c, flushEachCommit);
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(failure, e);
        }
    }

    /** SQLite in WAL mode: FULL flushes each commit to disk, NORMAL only at checkpoints. PostgreSQL always flushes. */
    private void durability(Connection c, boolean flushEachCommit) throws SQLException {
        if (settings.isSqlite()) {
            try (var s = c.createStatement()) {
                s.execute(flushEachCommit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            }
        }
    }

    private static void setNullable(PreparedStatement p, int index, String value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.VARCHAR);
        } else {
            p.setString(index, value);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
