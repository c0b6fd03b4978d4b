package io.fraudstream.sink.store;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.Verdict;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every read and write of alerts, reasons, notifications and quarantined records. Only
 * parameterised SQL; the statements are portable between SQLite and PostgreSQL ({@code INSERT ...
 * ON CONFLICT ... DO NOTHING}, {@code LIMIT ... OFFSET}).
 */
public final class AlertStore {

    /**
     * Separates detector ids in the {@code detectors} column: identifiers never contain control
     * characters, so no id can contain it.
     */
    private static final String DETECTOR_SEPARATOR = "\u001f";

    /** How much of a delivery error is kept: the gist, not a stack trace. */
    static final int MAX_ERROR_LENGTH = 1000;

    private static final String SUMMARY_COLUMNS =
            "a.alert_id, a.account_id, a.transaction_id, a.event_time_ms, a.detected_at_ms,"
                    + " a.score, a.severity, a.action, a.detectors, a.late, a.status,"
                    + " a.acknowledged_by, a.acknowledged_at_ms, a.resolution, a.resolution_note,"
                    + " a.resolved_by, a.resolved_at_ms, a.ingested_at_ms, a.case_id";

    private static final String INSERT_ALERT =
            "INSERT INTO alerts (alert_id, account_id, transaction_id, event_time_ms,"
                    + " detected_at_ms, score, severity, action, rule_version, late, detectors,"
                    + " payload, status, ingested_at_ms, source_topic, source_partition,"
                    + " source_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?,"
                    + " ?) ON CONFLICT (alert_id) DO NOTHING";

    private static final String INSERT_REASON =
            "INSERT INTO alert_reasons (alert_id, reason_index, detector, message, observed_value,"
                    + " threshold) VALUES (?, ?, ?, ?, ?, ?)";

    private static final String INSERT_NOTIFICATION =
            "INSERT INTO notifications (alert_id, channel, state, attempts, last_error, payload,"
                    + " next_attempt_ms, created_at_ms, updated_at_ms) VALUES (?, ?, ?, 0, ?, ?,"
                    + " ?, ?, ?) ON CONFLICT (alert_id, channel) DO NOTHING";

    private static final String INSERT_QUARANTINE =
            "INSERT INTO quarantine (topic, partition_id, record_offset, record_key, payload,"
                    + " field, reason, received_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (topic, partition_id, record_offset) DO NOTHING";

    private final Database database;
    private final Clock clock;
    private final CasePolicy cases;

    public AlertStore(Database database, Clock clock) {
        this(database, clock, CasePolicy.DEFAULT);
    }

    /**
     * @param database the database
     * @param clock the time source of every stored time
     * @param cases how alerts group into cases
     */
    public AlertStore(Database database, Clock clock, CasePolicy cases) {
        this.database = database;
        this.clock = clock;
        this.cases = cases;
    }

    /** The database, for the other stores of the service. */
    public Database database() {
        return database;
    }

    /**
     * Stores a batch in one transaction: each alert once (a known alert id is skipped), its
     * reasons, its case, its planned notifications with their response tokens, and each quarantined
     * record once.
     */
    public BatchResult storeBatch(
            List<IncomingAlert> alerts,
            List<QuarantinedRecord> quarantined,
            NotificationPlanner planner) {
        long now = clock.millis();
        return database.inTransaction(
                connection -> {
                    // each alert id once per batch: the first copy is the one stored
                    Map<String, IncomingAlert> distinct = new LinkedHashMap<>();
                    for (IncomingAlert incoming : alerts) {
                        distinct.putIfAbsent(incoming.alert().alertId(), incoming);
                    }
                    List<Alert> stored = new ArrayList<>();
                    int notifications = 0;
                    try (PreparedStatement insertAlert = connection.prepareStatement(INSERT_ALERT);
                            PreparedStatement insertReason =
                                    connection.prepareStatement(INSERT_REASON);
                            PreparedStatement insertNotification =
                                    connection.prepareStatement(INSERT_NOTIFICATION)) {
                        if (!distinct.isEmpty()) {
                            for (IncomingAlert incoming : distinct.values()) {
                                bindAlert(insertAlert, incoming, now);
                                insertAlert.addBatch();
                            }
                            // One batch, one round trip; each statement's update count says
                            // whether its alert is new (1) or was stored before (0).
                            int[] counts = insertAlert.executeBatch();
                            int i = 0;
                            for (IncomingAlert incoming : distinct.values()) {
                                int count = counts[i++];
                                if (count == java.sql.Statement.SUCCESS_NO_INFO) {
                                    throw new StoreException(
                                            "the JDBC driver reports no update counts for a batch"
                                                    + " (PostgreSQL's reWriteBatchedInserts?): the"
                                                    + " store cannot tell new alerts from"
                                                    + " duplicates; remove that option from the"
                                                    + " URL",
                                            null);
                                }
                                if (count > 0) {
                                    stored.add(incoming.alert());
                                }
                            }
                        }
                        Map<String, String> caseOf =
                                CaseStore.attachAll(connection, stored, now, cases);
                        for (Alert alert : stored) {
                            for (int i = 0; i < alert.reasons().size(); i++) {
                                Alert.Reason reason = alert.reasons().get(i);
                                insertReason.setString(1, alert.alertId());
                                insertReason.setInt(2, i);
                                insertReason.setString(3, reason.detector());
                                insertReason.setString(4, reason.message());
                                insertReason.setDouble(5, reason.value());
                                insertReason.setDouble(6, reason.threshold());
                                insertReason.addBatch();
                            }
                            for (PlannedNotification planned : planner.plan(alert)) {
                                bindNotification(
                                        insertNotification,
                                        alert.alertId(),
                                        planned.channel(),
                                        planned.state(),
                                        planned.note(),
                                        planned.payload(),
                                        now);
                                insertNotification.addBatch();
                                notifications++;
                                if (planned.token() != null
                                        && planned.state() == NotificationState.PENDING) {
                                    CaseStore.awaitCustomer(
                                            connection,
                                            caseOf.get(alert.alertId()),
                                            planned.token());
                                }
                            }
                        }
                        if (!stored.isEmpty()) {
                            insertReason.executeBatch();
                            insertNotification.executeBatch();
                        }
                    }
                    int newlyQuarantined = 0;
                    if (!quarantined.isEmpty()) {
                        try (PreparedStatement insert =
                                connection.prepareStatement(INSERT_QUARANTINE)) {
                            for (QuarantinedRecord record : quarantined) {
                                bindQuarantine(insert, record, now);
                                newlyQuarantined += insert.executeUpdate();
                            }
                        }
                    }
                    return new BatchResult(
                            stored, alerts.size() - stored.size(), newlyQuarantined, notifications);
                });
    }

    private static void bindAlert(PreparedStatement s, IncomingAlert incoming, long now)
            throws SQLException {
        Alert alert = incoming.alert();
        s.setString(1, alert.alertId());
        s.setString(2, alert.accountId());
        s.setString(3, alert.transactionId());
        s.setLong(4, alert.eventTime().toEpochMilli());
        s.setLong(5, alert.detectedAt().toEpochMilli());
        s.setDouble(6, alert.score());
        s.setString(7, alert.severity().name());
        s.setString(8, alert.action().name());
        s.setString(9, alert.ruleVersion());
        s.setBoolean(10, alert.late());
        s.setString(11, String.join(DETECTOR_SEPARATOR, detectors(alert)));
        s.setString(12, incoming.json());
        s.setLong(13, now);
        s.setString(14, incoming.topic());
        s.setInt(15, incoming.partition());
        s.setLong(16, incoming.offset());
    }

    private static List<String> detectors(Alert alert) {
        // the model's contributions explain an alert; they are not detectors that fired
        return alert.reasons().stream()
                .map(Alert.Reason::detector)
                .filter(d -> !d.equals(Alert.Reason.CONTRIBUTION))
                .distinct()
                .toList();
    }

    private static void bindNotification(
            PreparedStatement s,
            String alertId,
            String channel,
            NotificationState state,
            String note,
            String payload,
            long now)
            throws SQLException {
        s.setString(1, alertId);
        s.setString(2, channel);
        s.setString(3, state.name());
        s.setString(4, note);
        s.setString(5, payload);
        s.setLong(6, now);
        s.setLong(7, now);
        s.setLong(8, now);
    }

    private static void bindQuarantine(PreparedStatement s, QuarantinedRecord record, long now)
            throws SQLException {
        Base64.Encoder base64 = Base64.getEncoder();
        s.setString(1, record.topic());
        s.setInt(2, record.partition());
        s.setLong(3, record.offset());
        s.setString(4, record.key() == null ? null : base64.encodeToString(record.key()));
        s.setString(5, record.value() == null ? null : base64.encodeToString(record.value()));
        s.setString(6, record.field());
        s.setString(7, truncate(record.reason(), 4096));
        s.setLong(8, now);
    }

    /** One page of alerts matching the query, newest first, and how many match in all. */
    public Page<StoredAlert> find(AlertQuery query) {
        List<Object> params = new ArrayList<>();
        String where = where(query, params);
        return database.read(
                connection ->
                        page(
                                connection,
                                "FROM alerts a" + where,
                                "SELECT "
                                        + SUMMARY_COLUMNS
                                        + " FROM alerts a"
                                        + where
                                        + " ORDER BY a.detected_at_ms DESC, a.alert_id DESC",
                                params,
                                query.limit(),
                                query.offset(),
                                AlertStore::summary));
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * One page of a filtered list and its total: {@code SELECT COUNT(*) <from>}, then {@code
     * <select> LIMIT ? OFFSET ?}, both with {@code params}.
     */
    static <T> Page<T> page(
            Connection connection,
            String from,
            String select,
            List<Object> params,
            int limit,
            int offset,
            Row<T> row)
            throws SQLException {
        long total;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) " + from)) {
            bind(count, params);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<T> items = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(select + " LIMIT ? OFFSET ?")) {
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(limit);
            pageParams.add(offset);
            bind(s, pageParams);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(row.read(rs));
                }
            }
        }
        return new Page<>(items, total, limit, offset);
    }

    /** The WHERE clause of a query: bind parameters only, values appended to {@code params}. */
    private static String where(AlertQuery query, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        in(conditions, params, "a.status", query.statuses());
        in(conditions, params, "a.severity", query.severities());
        in(conditions, params, "a.action", query.actions());
        if (query.accountId() != null) {
            conditions.add("a.account_id = ?");
            params.add(query.accountId());
        }
        if (query.detector() != null) {
            conditions.add(
                    "EXISTS (SELECT 1 FROM alert_reasons r WHERE r.alert_id = a.alert_id"
                            + " AND r.detector = ?)");
            params.add(query.detector());
        }
        if (query.from() != null) {
            conditions.add("a.detected_at_ms >= ?");
            params.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            conditions.add("a.detected_at_ms < ?");
            params.add(query.to().toEpochMilli());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void in(
            List<String> conditions,
            List<Object> params,
            String column,
            Collection<? extends Enum<?>> values) {
        if (values.isEmpty()) {
            return;
        }
        String[] marks = new String[values.size()];
        Arrays.fill(marks, "?");
        conditions.add(column + " IN (" + String.join(", ", marks) + ")");
        values.stream().map(Enum::name).sorted().forEach(params::add);
    }

    /** Binds the parameters in order: strings, longs, ints and booleans. */
    static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value instanceof String text) {
                s.setString(i + 1, text);
            } else if (value instanceof Long number) {
                s.setLong(i + 1, number);
            } else if (value instanceof Integer number) {
                s.setInt(i + 1, number);
            } else if (value instanceof Boolean flag) {
                s.setBoolean(i + 1, flag);
            } else {
                throw new IllegalArgumentException("unsupported parameter " + value);
            }
        }
    }

    /** The alert with this id, as stored. */
    public Optional<StoredAlert> get(String alertId) {
        return database.read(connection -> summary(connection, alertId));
    }

    /** The stored alert on a connection (in a transaction). */
    static Optional<StoredAlert> summaryOf(Connection connection, String alertId)
            throws SQLException {
        return summary(connection, alertId);
    }

    private static Optional<StoredAlert> summary(Connection connection, String alertId)
            throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement(
                        "SELECT " + SUMMARY_COLUMNS + " FROM alerts a WHERE a.alert_id = ?")) {
            s.setString(1, alertId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
            }
        }
    }

    /** The full alert event as received (reasons, related transactions, rule version). */
    public Optional<Alert> event(String alertId) {
        return database.read(
                connection -> {
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "SELECT payload FROM alerts WHERE alert_id = ?")) {
                        s.setString(1, alertId);
                        try (ResultSet rs = s.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            return Optional.of(
                                    AlertCodec.INSTANCE.decode(
                                            rs.getString(1).getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                });
    }

    /** The notifications of an alert, by channel. */
    public List<Notification> notifications(String alertId) {
        return database.read(
                connection -> {
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "SELECT alert_id, channel, state, attempts, last_error,"
                                            + " next_attempt_ms, updated_at_ms, delivered_at_ms"
                                            + " FROM notifications WHERE alert_id = ?"
                                            + " ORDER BY channel")) {
                        s.setString(1, alertId);
                        List<Notification> out = new ArrayList<>();
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new Notification(
                                                rs.getString(1),
                                                rs.getString(2),
                                                NotificationState.valueOf(rs.getString(3)),
                                                rs.getInt(4),
                                                rs.getString(5),
                                                Instant.ofEpochMilli(rs.getLong(6)),
                                                Instant.ofEpochMilli(rs.getLong(7)),
                                                instant(rs, 8)));
                            }
                        }
                        return out;
                    }
                });
    }

    /** Moves an open alert to {@link AlertStatus#ACKNOWLEDGED}, recording who and when. */
    public Transition acknowledge(String alertId, String analyst, Actor by) {
        long now = clock.millis();
        return database.inTransaction(
                connection -> {
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "UPDATE alerts SET status = 'ACKNOWLEDGED', acknowledged_by ="
                                            + " ?, acknowledged_at_ms = ? WHERE alert_id = ? AND"
                                            + " status = 'OPEN'")) {
                        s.setString(1, analyst);
                        s.setLong(2, now);
                        s.setString(3, alertId);
                        int updated = s.executeUpdate();
                        if (updated == 1) {
                            AuditLog.record(
                                    connection,
                                    by,
                                    "alert.ack",
                                    AuditLog.ALERT,
                                    alertId,
                                    "analyst=" + analyst,
                                    now);
                        }
                        return transition(connection, alertId, updated);
                    }
                });
    }

    /**
     * Resolves an open or acknowledged alert with a verdict (acknowledging it on the way if
     * needed), and queues the verdict event on {@code channel} in the same transaction, so it is
     * published even if the process stops right after.
     *
     * @param verdictFor builds the verdict event from the alert, given the decision time
     * @param encode serialises the verdict for the outbox
     * @param by who decides, for the audit log
     */
    public Transition resolve(
            String alertId,
            Verdict.Label label,
            String note,
            String analyst,
            String channel,
            BiFunction<StoredAlert, Instant, Verdict> verdictFor,
            Function<Verdict, byte[]> encode,
            Actor by) {
        long now = clock.millis();
        return database.inTransaction(
                connection -> {
                    Transition result =
                            resolveAlert(
                                    connection,
                                    alertId,
                                    label,
                                    note,
                                    analyst,
                                    channel,
                                    verdictFor,
                                    encode,
                                    now);
                    if (result.outcome() == Transition.Outcome.DONE) {
                        AuditLog.record(
                                connection,
                                by,
                                "alert.verdict",
                                AuditLog.ALERT,
                                alertId,
                                "label=" + label.name() + " analyst=" + analyst,
                                now);
                        if (result.alert().caseId() != null) {
                            CaseStore.settleIfDone(
                                    connection, result.alert().caseId(), analyst, now);
                        }
                    }
                    return result;
                });
    }

    /** {@link #resolve} on a connection in a transaction, without settling the alert's case. */
    static Transition resolveAlert(
            Connection connection,
            String alertId,
            Verdict.Label label,
            String note,
            String analyst,
            String channel,
            BiFunction<StoredAlert, Instant, Verdict> verdictFor,
            Function<Verdict, byte[]> encode,
            long now)
            throws SQLException {
        int updated;
        try (PreparedStatement s =
                connection.prepareStatement(
                        "UPDATE alerts SET status = 'RESOLVED', resolution = ?,"
                                + " resolution_note = ?, resolved_by = ?,"
                                + " resolved_at_ms = ?, acknowledged_by ="
                                + " COALESCE(acknowledged_by, ?), acknowledged_at_ms ="
                                + " COALESCE(acknowledged_at_ms, ?) WHERE alert_id = ?"
                                + " AND status IN ('OPEN', 'ACKNOWLEDGED')")) {
            s.setString(1, label.name());
            s.setString(2, note);
            s.setString(3, analyst);
            s.setLong(4, now);
            s.setString(5, analyst);
            s.setLong(6, now);
            s.setString(7, alertId);
            updated = s.executeUpdate();
        }
        Transition result = transition(connection, alertId, updated);
        if (result.outcome() == Transition.Outcome.DONE) {
            Verdict verdict = verdictFor.apply(result.alert(), Instant.ofEpochMilli(now));
            queue(
                    connection,
                    alertId,
                    channel,
                    new String(encode.apply(verdict), StandardCharsets.UTF_8),
                    now);
        }
        return result;
    }

    /** Queues a pending outbox row with its own payload (a verdict) for an alert. */
    static void queue(
            Connection connection, String alertId, String channel, String payload, long now)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(INSERT_NOTIFICATION)) {
            bindNotification(s, alertId, channel, NotificationState.PENDING, null, payload, now);
            s.executeUpdate();
        }
    }

    private static Transition transition(Connection connection, String alertId, int updated)
            throws SQLException {
        Optional<StoredAlert> alert = summary(connection, alertId);
        if (alert.isEmpty()) {
            return new Transition(Transition.Outcome.NOT_FOUND, null);
        }
        return new Transition(
                updated == 1 ? Transition.Outcome.DONE : Transition.Outcome.CONFLICT, alert.get());
    }

    /** Pending notifications due at {@code nowMs}, oldest due first. */
    public List<DueNotification> due(long nowMs, int limit) {
        return database.read(
                connection -> {
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "SELECT n.alert_id, a.account_id, n.channel, n.attempts,"
                                            + " n.payload, a.payload FROM notifications n JOIN"
                                            + " alerts a ON a.alert_id = n.alert_id WHERE"
                                            + " n.state = 'PENDING' AND n.next_attempt_ms <= ?"
                                            + " ORDER BY n.next_attempt_ms, n.alert_id LIMIT ?")) {
                        s.setLong(1, nowMs);
                        s.setInt(2, limit);
                        List<DueNotification> out = new ArrayList<>();
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                String own = rs.getString(5);
                                String body = own != null ? own : rs.getString(6);
                                out.add(
                                        new DueNotification(
                                                rs.getString(1),
                                                rs.getString(2),
                                                rs.getString(3),
                                                rs.getInt(4),
                                                body.getBytes(StandardCharsets.UTF_8)));
                            }
                        }
                        return out;
                    }
                });
    }

    /** When the earliest pending notification is due (epoch ms), if any is pending. */
    public Optional<Long> nextDue() {
        return database.read(
                connection -> {
                    try (Statement s = connection.createStatement();
                            ResultSet rs =
                                    s.executeQuery(
                                            "SELECT MIN(next_attempt_ms) FROM notifications"
                                                    + " WHERE state = 'PENDING'")) {
                        rs.next();
                        long value = rs.getLong(1);
                        return rs.wasNull() ? Optional.<Long>empty() : Optional.of(value);
                    }
                });
    }

    /** Records delivery outcomes in one transaction; only pending rows change. */
    public void recordDeliveries(List<DeliveryUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        long now = clock.millis();
        database.inTransaction(
                connection -> {
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "UPDATE notifications SET state = ?, attempts = ?, last_error"
                                            + " = ?, next_attempt_ms = ?, updated_at_ms = ?,"
                                            + " delivered_at_ms = ? WHERE alert_id = ? AND channel"
                                            + " = ? AND state = 'PENDING'")) {
                        for (DeliveryUpdate update : updates) {
                            s.setString(1, update.state().name());
                            s.setInt(2, update.attempts());
                            s.setString(3, truncate(update.lastError(), MAX_ERROR_LENGTH));
                            s.setLong(4, update.nextAttemptMs());
                            s.setLong(5, now);
                            if (update.state() == NotificationState.DELIVERED) {
                                s.setLong(6, now);
                            } else {
                                s.setNull(6, Types.BIGINT);
                            }
                            s.setString(7, update.alertId());
                            s.setString(8, update.channel());
                            s.addBatch();
                        }
                        s.executeBatch();
                    }
                    return null;
                });
    }

    /** Alerts per minute, detector and action, detected in {@code [from, to)}. */
    public List<StatBucket> stats(Instant from, Instant to) {
        return database.read(
                connection -> {
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "SELECT a.detected_at_ms / 60000, r.detector, a.action,"
                                            + " COUNT(*) FROM alerts a JOIN alert_reasons r ON"
                                            + " r.alert_id = a.alert_id WHERE a.detected_at_ms >="
                                            + " ? AND a.detected_at_ms < ? GROUP BY"
                                            + " a.detected_at_ms / 60000, r.detector, a.action"
                                            + " ORDER BY 1, 2, 3")) {
                        s.setLong(1, from.toEpochMilli());
                        s.setLong(2, to.toEpochMilli());
                        List<StatBucket> out = new ArrayList<>();
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new StatBucket(
                                                Instant.ofEpochMilli(rs.getLong(1) * 60_000),
                                                rs.getString(2),
                                                Alert.Action.valueOf(rs.getString(3)),
                                                rs.getLong(4)));
                            }
                        }
                        return out;
                    }
                });
    }

    /** Notifications per channel and state. */
    public Map<String, Map<NotificationState, Long>> notificationCounts() {
        return database.read(
                connection -> {
                    Map<String, Map<NotificationState, Long>> out = new LinkedHashMap<>();
                    try (Statement s = connection.createStatement();
                            ResultSet rs =
                                    s.executeQuery(
                                            "SELECT channel, state, COUNT(*) FROM notifications"
                                                    + " GROUP BY channel, state ORDER BY 1, 2")) {
                        while (rs.next()) {
                            out.computeIfAbsent(
                                            rs.getString(1),
                                            c -> new EnumMap<>(NotificationState.class))
                                    .put(NotificationState.valueOf(rs.getString(2)), rs.getLong(3));
                        }
                    }
                    return out;
                });
    }

    /** Quarantined records in all. */
    public long quarantineCount() {
        return database.read(
                connection -> {
                    try (Statement s = connection.createStatement();
                            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM quarantine")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    /** Whether the database answers. */
    public boolean ping() {
        return database.read(
                connection -> {
                    try (Statement s = connection.createStatement();
                            ResultSet rs = s.executeQuery("SELECT 1")) {
                        return rs.next();
                    }
                });
    }

    private static StoredAlert summary(ResultSet rs) throws SQLException {
        String detectors = rs.getString(9);
        String resolution = rs.getString(14);
        return new StoredAlert(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)),
                Instant.ofEpochMilli(rs.getLong(5)),
                rs.getDouble(6),
                Alert.Severity.valueOf(rs.getString(7)),
                Alert.Action.valueOf(rs.getString(8)),
                detectors.isEmpty() ? List.of() : List.of(detectors.split(DETECTOR_SEPARATOR)),
                rs.getBoolean(10),
                AlertStatus.valueOf(rs.getString(11)),
                rs.getString(12),
                instant(rs, 13),
                resolution == null ? null : Verdict.Label.valueOf(resolution),
                rs.getString(15),
                rs.getString(16),
                instant(rs, 17),
                Instant.ofEpochMilli(rs.getLong(18)),
                rs.getString(19));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
