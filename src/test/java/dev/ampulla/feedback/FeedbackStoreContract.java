package dev.ampulla.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.cdshooks.Coding;
import dev.ampulla.cdshooks.Feedback;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feedback store's behaviour, run against each real database it supports (a subclass per database): migrations,
 * idempotent feedback, concurrent writers, the concordance numbers on a known data set, and retention.
 */
abstract class FeedbackStoreContract {
    static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");
    static final Coding NOT_APPLICABLE = new Coding(
            "https://ampulla.dev/fhir/CodeSystem/override-reason", "not-applicable", "Not applicable to this patient");
    static final Coding PATIENT_DECLINED =
            new Coding("https://ampulla.dev/fhir/CodeSystem/override-reason", "patient-declined", "Patient declined");

    FeedbackStore store;

    /** Settings of a fresh, empty database. */
    abstract FeedbackStore.Settings freshDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = FeedbackStore.open(freshDatabase());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void migrationsCreateTheSchemaOnceAndReopeningChangesNothing() throws Exception {
        FeedbackStore.Settings settings = freshDatabase();
        FeedbackStore.open(settings).close();
        FeedbackStore again = FeedbackStore.open(settings);
        again.recordCards(List.of(card("c1", "stage-summary", T0)));
        again.close();
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                ResultSet r = c.createStatement()
                        .executeQuery("SELECT COUNT(*), MAX(version) FROM flyway_schema_history WHERE success = "
                                + (settings.jdbcUrl().startsWith("jdbc:sqlite:") ? "1" : "true"))) {
            r.next();
            List<Integer> versions = migrationVersions();
            assertEquals(versions.size(), r.getInt(1), "each migration applied, once");
            assertEquals(String.valueOf(versions.get(versions.size() - 1)), r.getString(2));
        }
    }

    @Test
    void overrideCommentsAreKeptOnlyWhenTheOperatorOptsIn() throws Exception {
        for (boolean keep : new boolean[] {false, true}) {
            FeedbackStore.Settings settings = freshDatabase().withOverrideComments(keep);
            try (FeedbackStore s = FeedbackStore.open(settings)) {
                s.recordFeedback("rectal-cancer-order-sign", List.of(overridden("w1", NOT_APPLICABLE, true)), T0);
            }
            try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                    ResultSet r = c.createStatement().executeQuery("SELECT has_comment, user_comment FROM feedback")) {
                r.next();
                assertEquals(1, r.getInt(1), "that a comment was given is always kept");
                String comment = r.getString(2);
                assertTrue(
                        keep ? comment.startsWith("Discussed at the tumour board") : comment == null,
                        "keep=" + keep + ": " + comment);
            }
        }
    }

    @Test
    void repeatedFeedbackIsStoredOnce() {
        store.recordCards(List.of(stageIvCard("c1", T0)));
        Feedback accept = accepted("c1", "c1-option-2");
        assertEquals(1, store.recordFeedback("rectal-cancer-pathways", List.of(accept), T0));
        assertEquals(0, store.recordFeedback("rectal-cancer-pathways", List.of(accept), T0.plusSeconds(5)));
        assertEquals(0, store.recordFeedback("rectal-cancer-pathways", List.of(accept, accept), T0.plusSeconds(9)));
        // another suggestion of the same card is another row
        assertEquals(1, store.recordFeedback("rectal-cancer-pathways", List.of(accepted("c1", "c1-option-1")), T0));
        ConcordanceReport report = report();
        assertEquals(1, report.totals().accepted());
        ConcordanceReport.Topic topic = topic(report, "stage-iv-resectable");
        assertEquals(1, option(topic, "rectal-stage-iv-option-2").accepted());
        assertEquals(1, option(topic, "rectal-stage-iv-option-1").accepted());
        assertEquals(0, option(topic, "rectal-stage-iv-option-3").accepted());
    }

    @Test
    void concurrentWritersLoseNothingAndDuplicateNothing() throws Exception {
        int threads = 8;
        int cards = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                go.await();
                int stored = 0;
                // every thread records the same cards and sends the same feedback, as retrying clients and several
                // replicas would: each row must be stored exactly once
                for (int i = 0; i < cards; i++) {
                    String id = "c" + i;
                    store.recordCards(List.of(card(id, "stage-summary", T0.plusMillis(i))));
                    stored += store.recordFeedback(
                            "rectal-cancer-pathways",
                            List.of(overridden(id, i % 2 == 0 ? NOT_APPLICABLE : null, false)),
                            T0);
                }
                return stored;
            }));
        }
        go.countDown();
        int stored = 0;
        for (Future<Integer> f : results) {
            stored += f.get();
        }
        pool.shutdown();
        assertEquals(cards, stored, "each distinct item stored exactly once across all threads");
        ConcordanceReport.Topic topic = topic(report(), "stage-summary");
        assertEquals(cards, topic.cardsShown());
        assertEquals(cards, topic.overridden());
        assertEquals(cards / 2, reason(topic, "not-applicable").count());
        assertEquals(cards / 2, reason(topic, null).count());
    }

    @Test
    void aCardAcceptedAndAlsoDismissedCountsAsAcceptedAndItsReasonIsNotCounted() {
        store.recordCards(List.of(stageIvCard("x", T0), stageIvCard("y", T0)));
        store.recordFeedback(
                "rectal-cancer-pathways",
                List.of(accepted("x", "x-option-1"), overridden("x", NOT_APPLICABLE, false)),
                T0);
        // feedback naming card y's suggestion under card x does not count for y's option
        store.recordFeedback("rectal-cancer-pathways", List.of(accepted("x", "y-option-3")), T0);
        ConcordanceReport.Topic iv = topic(report(), "stage-iv-resectable");
        assertEquals(1, iv.accepted());
        assertEquals(0, iv.overridden());
        assertEquals(List.of(), iv.overrideReasons());
        assertEquals(0, option(iv, "rectal-stage-iv-option-3").accepted());
        assertEquals(1, option(iv, "rectal-stage-iv-option-1").accepted());
    }

    /**
     * A known month: 4 stage-IV cards (options 1, 2, 2 accepted; one without feedback), 3 warnings (two overridden
     * for "not applicable", one with a comment, one for "patient declined"), 2 stage summaries without feedback, and
     * one card issued outside the period.
     */
    @Test
    void reportNumbersOnAKnownDataSet() {
        store.recordCards(List.of(
                stageIvCard("iv1", T0),
                stageIvCard("iv2", T0.plusSeconds(60)),
                stageIvCard("iv3", T0.plusSeconds(120)),
                stageIvCard("iv4", T0.plusSeconds(180)),
                card("w1", "radiotherapy-not-indicated-location", T0),
                card("w2", "radiotherapy-not-indicated-location", T0),
                card("w3", "radiotherapy-not-indicated-location", T0),
                card("s1", "stage-summary", T0),
                card("s2", "stage-summary", T0),
                card("old", "stage-summary", T0.minus(Duration.ofDays(60)))));
        store.recordFeedback(
                "rectal-cancer-pathways",
                List.of(
                        accepted("iv1", "iv1-option-1"),
                        accepted("iv2", "iv2-option-2"),
                        accepted("iv3", "iv3-option-2")),
                T0);
        store.recordFeedback(
                "rectal-cancer-order-sign",
                List.of(
                        overridden("w1", NOT_APPLICABLE, true),
                        overridden("w2", NOT_APPLICABLE, false),
                        overridden("w3", PATIENT_DECLINED, false)),
                T0);
        store.recordFeedback("rectal-cancer-pathways", List.of(overridden("old", null, false)), T0);
        // feedback on a card the store never saw (issued while it was down)
        store.recordFeedback(
                "rectal-cancer-pathways", List.of(overridden("unknown-card", null, false)), T0.plusSeconds(1));

        ConcordanceReport report = store.concordance(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(29)));
        ConcordanceReport.Totals totals = report.totals();
        assertEquals(9, totals.cardsShown());
        assertEquals(3, totals.accepted());
        assertEquals(3, totals.overridden());
        assertEquals(3, totals.noFeedback());
        assertEquals(0.333, totals.acceptanceRate());
        assertEquals(1, totals.feedbackOnUnrecordedCards());
        assertNull(totals.distinctPatients(), "no patient hash kept without a key");

        ConcordanceReport.Topic iv = topic(report, "stage-iv-resectable");
        assertEquals(4, iv.cardsShown());
        assertEquals(3, iv.accepted());
        assertEquals(1, iv.noFeedback());
        assertEquals(0.75, iv.acceptanceRate());
        assertEquals(4, option(iv, "rectal-stage-iv-option-1").shown());
        assertEquals(1, option(iv, "rectal-stage-iv-option-1").accepted());
        assertEquals(2, option(iv, "rectal-stage-iv-option-2").accepted());
        assertEquals(0.5, option(iv, "rectal-stage-iv-option-2").acceptanceRate());
        assertEquals(0, option(iv, "rectal-stage-iv-option-3").accepted());

        ConcordanceReport.Topic warning = topic(report, "radiotherapy-not-indicated-location");
        assertEquals(3, warning.overridden());
        assertEquals(1.0, warning.overrideRate());
        assertEquals(2, reason(warning, "not-applicable").count());
        assertEquals(
                "Not applicable to this patient",
                reason(warning, "not-applicable").display());
        assertEquals(1, reason(warning, "patient-declined").count());
        assertEquals(1, warning.overridesWithComment());

        ConcordanceReport.Topic summary = topic(report, "stage-summary");
        assertEquals(2, summary.cardsShown(), "the card from 60 days earlier is outside the period");
        assertEquals(2, summary.noFeedback());
        assertEquals(0.0, summary.acceptanceRate());
    }

    @Test
    void patientHashesCountDistinctPatients() {
        store.recordCards(List.of(
                withPatient(card("a", "stage-summary", T0), "h1"),
                withPatient(card("b", "stage-iv-resectable", T0), "h1"),
                withPatient(card("c", "stage-summary", T0), "h2")));
        assertEquals(2L, report().totals().distinctPatients());
    }

    @Test
    void retentionPurgesOldRowsOnly() {
        store.recordCards(List.of(
                card("old", "stage-summary", T0.minus(Duration.ofDays(800))), card("new", "stage-summary", T0)));
        store.recordFeedback(
                "rectal-cancer-pathways", List.of(overridden("old", null, false)), T0.minus(Duration.ofDays(800)));
        store.recordFeedback("rectal-cancer-pathways", List.of(overridden("new", null, false)), T0);
        assertEquals(2, store.purgeBefore(T0.minus(Duration.ofDays(730))), "the old card and its feedback");
        ConcordanceReport all = store.concordance(T0.minus(Duration.ofDays(1000)), T0.plusSeconds(1));
        assertEquals(1, all.totals().cardsShown());
        assertEquals(1, all.totals().overridden());
    }

    @Test
    void theReportCountsShownCardsAsBeforeAndSilentHiddenAndSnoozedCardsApart() {
        store.recordCards(List.of(
                presented("p1", "stage-summary", "shown"),
                presented("p2", "stage-summary", "silent"),
                presented("p3", "stage-summary", "silent"),
                presented("p4", "stage-summary", "hidden"),
                presented("p5", "stage-summary", "hidden-by-option"),
                presented("p6", "stage-summary", "snoozed"),
                presented("p7", "surgery-primary", "shown")));
        ConcordanceReport r = report();
        assertEquals(2, r.totals().cardsShown());
        assertEquals(2, r.totals().noFeedback());
        assertEquals(2, r.totals().cardsSilent());
        assertEquals(2, r.totals().cardsHidden());
        assertEquals(1, r.totals().cardsSnoozed());
        ConcordanceReport.Topic stage = r.topics().stream()
                .filter(t -> t.topic().equals("stage-summary"))
                .findFirst()
                .orElseThrow();
        assertEquals(1, stage.cardsShown());
        assertEquals(2, stage.cardsSilent());
        assertEquals(2, stage.cardsHidden());
        assertEquals(1, stage.cardsSnoozed());
        assertEquals(2, r.layers().get(0).cardsShown(), "layers count shown cards");
    }

    @Test
    void anOverriddenPatientViewCardIsSnoozedByPatientHashTopicAndFactsUntilItsEnd() {
        String hash = "a".repeat(64);
        store.recordCards(List.of(
                presented("s1", "stage-summary", "shown"),
                withPatient(card("s2", "radiotherapy-not-indicated-location", T0), hash),
                new IssuedCard(
                        "s3",
                        "rectal-cancer-pathways",
                        "stage-summary",
                        "info",
                        "R1",
                        null,
                        T0.toEpochMilli(),
                        List.of(),
                        null,
                        "",
                        IssuedCard.FOUNDING_DOCUMENT,
                        "shown",
                        "f".repeat(64))));
        Instant end = T0.plus(Duration.ofDays(30));
        Snooze snooze = store.snooze("rectal-cancer-pathways", "s1", end).orElseThrow();
        assertEquals(new Snooze(hash, "stage-summary", "f".repeat(64), end.toEpochMilli()), snooze);
        assertTrue(store.snooze("rectal-cancer-pathways", "s2", end).isEmpty(), "another service's card");
        assertTrue(store.snooze("rectal-cancer-pathways", "s3", end).isEmpty(), "no patient hash: nothing to key");
        assertTrue(store.snooze("rectal-cancer-pathways", "unknown", end).isEmpty());
        assertEquals(List.of(snooze), store.activeSnoozes(T0));
        Instant later = end.plus(Duration.ofDays(3));
        store.snooze("rectal-cancer-pathways", "s1", later);
        assertEquals(
                List.of(new Snooze(hash, "stage-summary", "f".repeat(64), later.toEpochMilli())),
                store.activeSnoozes(T0),
                "a second override moves the end");
        assertEquals(List.of(), store.activeSnoozes(later));
        store.purgeBefore(later.plus(Duration.ofMillis(1)));
        assertEquals(List.of(), store.activeSnoozes(T0), "ended snoozes are purged");
    }

    static IssuedCard presented(String id, String topic, String presentation) {
        return new IssuedCard(
                id,
                "rectal-cancer-pathways",
                topic,
                "info",
                "R1",
                "a".repeat(64),
                T0.toEpochMilli(),
                List.of(),
                null,
                "",
                IssuedCard.FOUNDING_DOCUMENT,
                presentation,
                "f".repeat(64));
    }

    /**
     * Signed orders on a known data set: on, on again the same day (counted once), on the next day (counted again),
     * off with its warning overridden for "not applicable", off without feedback, off withdrawn (its warning's
     * suggestion accepted: not signed), outside; one order signed in the next month, one before the period.
     */
    @Test
    void signedOrdersAreCountedOncePerOrderPatientAndDayWithTheReasonOfTheirWarning() {
        store.recordCards(List.of(
                card("w-off", "radiotherapy-not-indicated-location", T0),
                card("w-quiet", "radiotherapy-not-indicated-location", T0),
                card("w-withdrawn", "radiotherapy-not-indicated-location", T0)));
        store.recordSignedOrders(List.of(
                SignedOrders.on("o1", "p1", T0),
                SignedOrders.on("o1", "p1", T0.plusSeconds(3600)),
                SignedOrders.on("o1", "p1", T0.plus(Duration.ofDays(1))),
                SignedOrders.off("o2", "p2", T0, "w-off"),
                SignedOrders.off("o3", "p2", T0, "w-quiet"),
                SignedOrders.off("o4", "p3", T0, "w-withdrawn"),
                SignedOrders.outside("o5", "p4", T0),
                SignedOrders.on("o6", "p4", T0.plus(Duration.ofDays(31))),
                SignedOrders.on("o7", "p5", T0.minus(Duration.ofDays(2)))));
        store.recordFeedback(
                "rectal-cancer-order-sign",
                List.of(overridden("w-off", NOT_APPLICABLE, false), accepted("w-withdrawn", "w-withdrawn-withdraw")),
                T0);

        OrderAgreementMeasures m = store.pathwayAgreement(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(40)))
                .orders();
        OrderAgreementMeasures.Counts t = m.totals();
        assertEquals(
                List.of(6L, 3L, 2L, 1L, 5L),
                List.of(t.ordersSigned(), t.onPathway(), t.offPathway(), t.outsidePathway(), t.pathwayDecided()));
        assertEquals(0.6, t.onPathwayRate());
        assertEquals(1, m.withdrawnAfterWarning());
        assertEquals(
                List.of("not-applicable=1", "null=1"),
                t.offPathwayReasons().stream()
                        .map(r -> r.code() + "=" + r.count())
                        .toList());
        assertEquals(
                List.of("2026-10=5", "2026-11=1"),
                m.months().stream()
                        .map(x -> x.month() + "=" + x.counts().ordersSigned())
                        .toList());
        assertEquals(
                List.of("R6=3", "R7=2", "null=1"),
                m.rules().stream()
                        .map(x -> x.rule() + "=" + x.counts().ordersSigned())
                        .toList());

        assertEquals(1, store.purgeBefore(T0.minus(Duration.ofDays(1))), "the order signed before, and nothing else");
        assertEquals(
                6,
                store.pathwayAgreement(T0.minus(Duration.ofDays(1000)), T0.plus(Duration.ofDays(40)))
                        .orders()
                        .totals()
                        .ordersSigned());
    }

    // ---- the data set ------------------------------------------------------------------------------------------

    ConcordanceReport report() {
        return store.concordance(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)));
    }

    static IssuedCard card(String id, String topic, Instant at) {
        boolean warning = topic.startsWith("radiotherapy");
        return new IssuedCard(
                id,
                warning ? "rectal-cancer-order-sign" : "rectal-cancer-pathways",
                topic,
                warning ? "warning" : "info",
                warning ? "R12" : "R1",
                null,
                at.toEpochMilli(),
                warning
                        ? List.of(new IssuedCard.IssuedSuggestion(
                                id + "-withdraw", "Remove the radiotherapy order", IssuedCard.WITHDRAW_ORDER))
                        : List.of(),
                null,
                "mdt-decision clinical-trial");
    }

    static IssuedCard stageIvCard(String id, Instant at) {
        List<IssuedCard.IssuedSuggestion> options = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            options.add(
                    new IssuedCard.IssuedSuggestion(id + "-option-" + i, "Option " + i, "rectal-stage-iv-option-" + i));
        }
        return new IssuedCard(
                id,
                "rectal-cancer-pathways",
                "stage-iv-resectable",
                "info",
                "R3",
                null,
                at.toEpochMilli(),
                options,
                null,
                "mdt-decision clinical-trial");
    }

    static IssuedCard withPatient(IssuedCard c, String hash) {
        return new IssuedCard(
                c.cardUuid(),
                c.serviceId(),
                c.topic(),
                c.indicator(),
                c.ruleIds(),
                hash,
                c.issuedAtMillis(),
                c.suggestions(),
                c.issuer(),
                c.overrideReasons());
    }

    static Feedback accepted(String card, String suggestion) {
        return new Feedback(card, Feedback.Outcome.ACCEPTED, List.of(suggestion), null, null, when());
    }

    static Feedback overridden(String card, Coding reason, boolean comment) {
        return new Feedback(
                card,
                Feedback.Outcome.OVERRIDDEN,
                List.of(),
                reason,
                comment ? "Discussed at the tumour board on " + UUID.randomUUID() : null,
                when());
    }

    static OffsetDateTime when() {
        return OffsetDateTime.of(2026, 10, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    }

    static ConcordanceReport.Topic topic(ConcordanceReport report, String topic) {
        return report.topics().stream()
                .filter(t -> t.topic().equals(topic))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no topic " + topic + " in " + report));
    }

    static ConcordanceReport.SuggestionStats option(ConcordanceReport.Topic topic, String option) {
        return topic.suggestions().stream()
                .filter(s -> s.pathwayOption().equals(option))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no option " + option + " in " + topic));
    }

    static ConcordanceReport.OverrideReason reason(ConcordanceReport.Topic topic, String code) {
        return topic.overrideReasons().stream()
                .filter(r -> java.util.Objects.equals(r.code(), code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no reason " + code + " in " + topic));
    }

    /** The versions of the migrations the service ships, in order. */
    static List<Integer> migrationVersions() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(
                FeedbackStore.class.getResource("/db/migration").toURI());
        try (var files = java.nio.file.Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .sorted()
                    .toList();
        }
    }

    static void assertEventually(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, what);
            Thread.sleep(20);
        }
    }
}
