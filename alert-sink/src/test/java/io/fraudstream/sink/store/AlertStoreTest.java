package io.fraudstream.sink.store;

import static io.fraudstream.sink.testing.TestAlerts.REVIEWER;
import static io.fraudstream.sink.testing.TestAlerts.T0;
import static io.fraudstream.sink.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.sink.testing.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store against a real SQLite file and a real PostgreSQL database: dedup, quarantine, outbox,
 * queries, review steps.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class AlertStoreTest {

    @Parameter Dialect dialect;

    private static final NotificationPlanner LOG_ONLY =
            a -> List.of(new PlannedNotification("log", NotificationState.PENDING, null));

    @TempDir Path dir;

    private Database database;
    private AlertStore store;
    private String url;

    @BeforeEach
    void open() {
        url = dialect.newDatabase(dir);
        database = Database.open(url(), 2);
        store = new AlertStore(database, Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private String url() {
        return url;
    }

    private static IncomingAlert incoming(Alert alert, long offset) {
        return IncomingAlert.of(alert, "fraud-alerts", 0, offset);
    }

    @Test
    void appliesMigrationsOnceWithFlywayAndRunsSqliteInWalModeWithFullSync() throws Exception {
        database.close();
        database = Database.open(url(), 2);

        List<String> history =
                strings(
                        "SELECT version || ' ' || script || ' ' || success FROM"
                                + " flyway_schema_history ORDER BY installed_rank");

        assertThat(history).containsExactlyElementsOf(expectedHistory());
        if (dialect == Dialect.SQLITE) {
            String journal = database.read(c -> pragma(c.createStatement(), "journal_mode"));
            String sync = database.read(c -> pragma(c.createStatement(), "synchronous"));
            assertThat(journal).isEqualToIgnoringCase("wal");
            assertThat(sync).isEqualTo("2"); // FULL
        }
    }

    /** One successful row per migration file on the classpath, in version order. */
    private List<String> expectedHistory() throws Exception {
        Path migrations =
                Path.of(AlertStoreTest.class.getResource("/db/migration/V1__alerts.sql").toURI())
                        .getParent();
        try (var files = java.nio.file.Files.list(migrations)) {
            return files.map(f -> f.getFileName().toString())
                    .sorted(
                            java.util.Comparator.comparingInt(
                                    f -> Integer.parseInt(f.substring(1, f.indexOf("__")))))
                    .map(
                            f ->
                                    f.substring(1, f.indexOf("__"))
                                            + " "
                                            + f
                                            + " "
                                            + (dialect == Dialect.SQLITE ? "1" : "true"))
                    .toList();
        }
    }

    private static String pragma(Statement statement, String name) throws java.sql.SQLException {
        try (statement;
                ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void refusesADatabaseWithANewerSchema() {
        database.inTransaction(
                c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(
                                "INSERT INTO flyway_schema_history (installed_rank, version,"
                                        + " description, type, script, checksum, installed_by,"
                                        + " installed_on, execution_time, success) VALUES (99,"
                                        + " '99', 'future', 'SQL', 'V99__future.sql', 0, 'test',"
                                        + " CURRENT_TIMESTAMP, 0, "
                                        + (dialect == Dialect.SQLITE ? "1" : "true")
                                        + ")");
                    }
                    return null;
                });
        database.close();

        assertThatThrownBy(() -> Database.open(url(), 2))
                .hasMessageContaining("schema is at version 99, newer than this alert-sink knows");
    }

    @Test
    void anEmptyTableOfTheFormerRunnerIsNoSchemaToKeep() throws Exception {
        // the former runner made its table and stopped before its first migration
        String legacy = dialect.newDatabase(dir.resolve("empty"));
        java.nio.file.Files.createDirectories(dir.resolve("empty/sub"));
        try (var c = java.sql.DriverManager.getConnection(legacy);
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                            + " description VARCHAR(200) NOT NULL, applied_at_ms BIGINT NOT NULL)");
        }
        database.close();

        database = Database.open(legacy, 2);

        assertThat(
                        strings(
                                "SELECT version || ' ' || type FROM flyway_schema_history"
                                        + " ORDER BY installed_rank"))
                .containsExactly("1 SQL", "2 SQL", "3 SQL");
    }

    @Test
    void baselinesADatabaseOfTheFormerMigrationRunnerAtItsVersion() throws Exception {
        // A database as the alert-sink left it before Flyway: V1's tables and schema_version.
        String legacy = dialect.newDatabase(dir.resolve("legacy"));
        java.nio.file.Files.createDirectories(dir.resolve("legacy/sub"));
        String v1 =
                new String(
                        AlertStoreTest.class
                                .getResourceAsStream("/db/migration/V1__alerts.sql")
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
        try (var c = java.sql.DriverManager.getConnection(legacy);
                Statement s = c.createStatement()) {
            for (String sql : v1.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            s.execute(
                    "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                            + " description VARCHAR(200) NOT NULL, applied_at_ms BIGINT NOT NULL)");
            s.execute("INSERT INTO schema_version VALUES (1, 'V1__alerts.sql', 0)");
        }
        database.close();

        database = Database.open(legacy, 2);
        store = new AlertStore(database, Clock.systemUTC());
        store.storeBatch(List.of(incoming(alert("kept", "acct-1"), 0)), List.of(), LOG_ONLY);

        assertThat(
                        strings(
                                "SELECT version || ' ' || type FROM flyway_schema_history"
                                        + " ORDER BY installed_rank"))
                .containsExactly("1 BASELINE", "2 SQL", "3 SQL");
        assertThat(store.get("kept").orElseThrow().caseId()).isEqualTo("case-kept");
    }

    @Test
    void storesEachAlertOnceAcrossAndWithinBatches() {
        Alert a = alert("a-1", "acct-1");
        Alert b = alert("a-2", "acct-2");

        BatchResult first =
                store.storeBatch(
                        List.of(incoming(a, 0), incoming(b, 1), incoming(a, 2)),
                        List.of(),
                        LOG_ONLY);
        BatchResult replay =
                store.storeBatch(List.of(incoming(b, 3), incoming(a, 4)), List.of(), LOG_ONLY);

        assertThat(first.stored()).containsExactly(a, b);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(first.notifications()).isEqualTo(2);
        assertThat(replay.stored()).isEmpty();
        assertThat(replay.duplicates()).isEqualTo(2);
        assertThat(replay.notifications()).isZero();
        assertThat(store.find(AlertQuery.all(10)).total()).isEqualTo(2);
        assertThat(store.notifications("a-1")).hasSize(1);
        assertThat(store.event("a-1")).contains(a);
        assertThat(count("alert_reasons")).isEqualTo(2);
    }

    @Test
    void quarantinesEachBadRecordOnceWithItsReason() {
        QuarantinedRecord bad =
                new QuarantinedRecord(
                        "fraud-alerts",
                        1,
                        7,
                        "k".getBytes(StandardCharsets.UTF_8),
                        "{oops".getBytes(StandardCharsets.UTF_8),
                        null,
                        "payload: malformed JSON");

        assertThat(store.storeBatch(List.of(), List.of(bad), LOG_ONLY).quarantined()).isEqualTo(1);
        assertThat(store.storeBatch(List.of(), List.of(bad), LOG_ONLY).quarantined()).isZero();
        assertThat(store.quarantineCount()).isEqualTo(1);
    }

    @Test
    void rollsBackTheWholeBatchWhenOneWriteFails() {
        NotificationPlanner failing =
                alert -> {
                    if (alert.alertId().equals("a-2")) {
                        throw new IllegalStateException("planner broke");
                    }
                    return List.of();
                };

        assertThatThrownBy(
                        () ->
                                store.storeBatch(
                                        List.of(
                                                incoming(alert("a-1", "acct-1"), 0),
                                                incoming(alert("a-2", "acct-1"), 1)),
                                        List.of(),
                                        failing))
                .hasMessage("planner broke");
        assertThat(store.find(AlertQuery.all(10)).total()).isZero();
    }

    @Test
    void filtersByEveryFieldAndPagesNewestFirst() {
        List<IncomingAlert> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(
                    incoming(
                            alert(
                                    "a-" + String.format("%02d", i),
                                    i % 3 == 0 ? "acct-x" : "acct-y",
                                    i % 2 == 0 ? Alert.Action.BLOCK : Alert.Action.FLAG,
                                    i < 6 ? Alert.Severity.LOW : Alert.Severity.CRITICAL,
                                    T0.plusSeconds(60L * i),
                                    i % 4 == 0 ? "geo" : "velocity"),
                            i));
        }
        store.storeBatch(batch, List.of(), NotificationPlanner.NONE);
        store.acknowledge("a-03", "alice", REVIEWER);

        Page<StoredAlert> page1 = store.find(query(Set.of(), Set.of(), Set.of(), null, null, 5, 0));
        Page<StoredAlert> page3 =
                store.find(query(Set.of(), Set.of(), Set.of(), null, null, 5, 10));

        assertThat(page1.total()).isEqualTo(12);
        assertThat(ids(page1)).containsExactly("a-11", "a-10", "a-09", "a-08", "a-07");
        assertThat(ids(page3)).containsExactly("a-01", "a-00");
        assertThat(
                        ids(
                                store.find(
                                        query(
                                                Set.of(AlertStatus.ACKNOWLEDGED),
                                                Set.of(),
                                                Set.of(),
                                                null,
                                                null,
                                                50,
                                                0))))
                .containsExactly("a-03");
        assertThat(
                        ids(
                                store.find(
                                        query(
                                                Set.of(),
                                                Set.of(Alert.Severity.CRITICAL),
                                                Set.of(Alert.Action.BLOCK),
                                                null,
                                                null,
                                                50,
                                                0))))
                .containsExactly("a-10", "a-08", "a-06");
        assertThat(ids(store.find(query(Set.of(), Set.of(), Set.of(), "acct-x", "geo", 50, 0))))
                .containsExactly("a-00"); // geo: 0, 4, 8; acct-x: 0, 3, 6, 9
        assertThat(
                        ids(
                                store.find(
                                        new AlertQuery(
                                                Set.of(),
                                                Set.of(),
                                                Set.of(),
                                                null,
                                                null,
                                                T0.plusSeconds(120),
                                                T0.plusSeconds(300),
                                                50,
                                                0))))
                .containsExactly("a-04", "a-03", "a-02");
    }

    private static AlertQuery query(
            Set<AlertStatus> statuses,
            Set<Alert.Severity> severities,
            Set<Alert.Action> actions,
            String account,
            String detector,
            int limit,
            int offset) {
        return new AlertQuery(
                statuses, severities, actions, account, detector, null, null, limit, offset);
    }

    private static List<String> ids(Page<StoredAlert> page) {
        return page.items().stream().map(StoredAlert::alertId).toList();
    }

    @Test
    void reviewGoesFromOpenToAcknowledgedToResolvedAndQueuesTheVerdict() {
        store.storeBatch(
                List.of(incoming(alert("a-1", "acct-1"), 0)), List.of(), NotificationPlanner.NONE);

        Transition ack = store.acknowledge("a-1", "alice", REVIEWER);
        Transition again = store.acknowledge("a-1", "bob", REVIEWER);
        Transition resolved = resolve("a-1", Verdict.Label.FRAUD, "card stolen");
        Transition twice = resolve("a-1", Verdict.Label.LEGIT, null);
        Transition missing = store.acknowledge("nope", "alice", REVIEWER);

        assertThat(ack.outcome()).isEqualTo(Transition.Outcome.DONE);
        assertThat(ack.alert().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(ack.alert().acknowledgedBy()).isEqualTo("alice");
        assertThat(ack.alert().acknowledgedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(again.outcome()).isEqualTo(Transition.Outcome.CONFLICT);
        assertThat(resolved.alert().status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.alert().resolution()).isEqualTo(Verdict.Label.FRAUD);
        assertThat(resolved.alert().resolvedBy()).isEqualTo("carol");
        assertThat(resolved.alert().resolutionNote()).isEqualTo("card stolen");
        assertThat(resolved.alert().acknowledgedBy()).isEqualTo("alice");
        assertThat(twice.outcome()).isEqualTo(Transition.Outcome.CONFLICT);
        assertThat(twice.alert().resolution()).isEqualTo(Verdict.Label.FRAUD);
        assertThat(missing.outcome()).isEqualTo(Transition.Outcome.NOT_FOUND);

        List<DueNotification> due = store.due(T0.plusSeconds(5).toEpochMilli(), 10);
        assertThat(due).hasSize(1);
        Verdict verdict = VerdictCodec.INSTANCE.decode(due.get(0).body());
        assertThat(verdict.alertId()).isEqualTo("a-1");
        assertThat(verdict.label()).isEqualTo(Verdict.Label.FRAUD);
        assertThat(verdict.source()).isEqualTo(Verdict.Source.ANALYST);
        assertThat(verdict.note()).isEqualTo("card stolen");
    }

    @Test
    void resolvingAnOpenAlertAcknowledgesItOnTheWay() {
        store.storeBatch(
                List.of(incoming(alert("a-1", "acct-1"), 0)), List.of(), NotificationPlanner.NONE);

        Transition resolved = resolve("a-1", Verdict.Label.LEGIT, null);

        assertThat(resolved.alert().status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.alert().acknowledgedBy()).isEqualTo("carol");
    }

    private Transition resolve(String id, Verdict.Label label, String note) {
        return store.resolve(
                id,
                label,
                note,
                "carol",
                "verdicts",
                (a, at) ->
                        new Verdict(
                                a.accountId(),
                                a.transactionId(),
                                a.alertId(),
                                null,
                                label,
                                Verdict.Source.ANALYST,
                                at,
                                note),
                VerdictCodec.INSTANCE::encode,
                REVIEWER);
    }

    @Test
    void recordsDeliveriesAndNeverTouchesADeliveredRowAgain() {
        store.storeBatch(List.of(incoming(alert("a-1", "acct-1"), 0)), List.of(), LOG_ONLY);
        long now = T0.plusSeconds(5).toEpochMilli();

        store.recordDeliveries(
                List.of(
                        new DeliveryUpdate(
                                "a-1",
                                "log",
                                NotificationState.PENDING,
                                1,
                                "HTTP 500",
                                now + 1000)));
        assertThat(store.due(now, 10)).isEmpty();
        assertThat(store.nextDue()).contains(now + 1000);
        store.recordDeliveries(
                List.of(
                        new DeliveryUpdate(
                                "a-1", "log", NotificationState.DELIVERED, 2, null, now)));
        store.recordDeliveries(
                List.of(
                        new DeliveryUpdate(
                                "a-1", "log", NotificationState.FAILED, 3, "late", now)));

        Notification n = store.notifications("a-1").get(0);
        assertThat(n.state()).isEqualTo(NotificationState.DELIVERED);
        assertThat(n.attempts()).isEqualTo(2);
        assertThat(n.deliveredAt()).isNotNull();
        assertThat(store.due(now + Duration.ofHours(1).toMillis(), 10)).isEmpty();
        assertThat(store.nextDue()).isEmpty();
    }

    @Test
    void countsAlertsPerMinuteByDetectorAndAction() {
        store.storeBatch(
                List.of(
                        incoming(
                                alert(
                                        "a-1",
                                        "x",
                                        Alert.Action.BLOCK,
                                        Alert.Severity.HIGH,
                                        T0.plusSeconds(10),
                                        "velocity",
                                        "geo"),
                                0),
                        incoming(
                                alert(
                                        "a-2",
                                        "x",
                                        Alert.Action.BLOCK,
                                        Alert.Severity.HIGH,
                                        T0.plusSeconds(50),
                                        "velocity"),
                                1),
                        incoming(
                                alert(
                                        "a-3",
                                        "x",
                                        Alert.Action.FLAG,
                                        Alert.Severity.LOW,
                                        T0.plusSeconds(70),
                                        "velocity"),
                                2),
                        incoming(
                                alert(
                                        "a-4",
                                        "x",
                                        Alert.Action.FLAG,
                                        Alert.Severity.LOW,
                                        T0.plusSeconds(7200),
                                        "velocity"),
                                3)),
                List.of(),
                NotificationPlanner.NONE);

        List<StatBucket> stats = store.stats(T0, T0.plusSeconds(3600));

        assertThat(stats)
                .containsExactly(
                        new StatBucket(T0, "geo", Alert.Action.BLOCK, 1),
                        new StatBucket(T0, "velocity", Alert.Action.BLOCK, 2),
                        new StatBucket(T0.plusSeconds(60), "velocity", Alert.Action.FLAG, 1));
    }

    private List<String> strings(String sql) {
        return database.read(
                c -> {
                    List<String> out = new ArrayList<>();
                    try (Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                });
    }

    private long count(String table) {
        return database.read(
                c -> {
                    try (Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }
}
