package io.fraudstream.sink.store;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Verdict;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Cases: the alerts of one account close together in time ({@link CasePolicy}), reviewed as one. An
 * alert is put in its case in the transaction that stores it ({@link #attachAll}); assigning,
 * noting and resolving a case are single transactions, and resolving one resolves its open alerts
 * and queues one verdict per alert in the same transaction. Portable SQL, like {@link AlertStore}.
 */
public final class CaseStore {

    /** The severities by rank, for the case's highest. */
    private static final Alert.Severity[] SEVERITIES = Alert.Severity.values();

    static final String CASE_COLUMNS =
            "c.case_id, c.account_id, c.status, c.first_event_ms, c.last_event_ms,"
                    + " c.opened_at_ms, c.updated_at_ms, c.alert_count, c.max_score,"
                    + " c.max_severity_rank, c.escalated, c.awaiting_customer_until_ms,"
                    + " c.customer_answer, c.customer_answered_at_ms, c.assignee, c.assigned_at_ms,"
                    + " c.resolution, c.resolved_by, c.resolved_at_ms";

    /** Escalated first, then the riskiest, then the latest; the id breaks ties for paging. */
    private static final String QUEUE_ORDER =
            " ORDER BY c.escalated DESC, c.max_score DESC, c.last_event_ms DESC, c.case_id";

    private final Database database;
    private final Clock clock;

    public CaseStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Queues a new case's row on the insert statement. */
    private static void addCase(PreparedStatement insert, Grouping g, long now)
            throws SQLException {
        insert.setString(1, g.caseId);
        insert.setString(2, g.accountId);
        insert.setLong(3, g.first);
        insert.setLong(4, g.last);
        insert.setLong(5, now);
        insert.setLong(6, now);
        insert.setInt(7, g.added);
        insert.setDouble(8, g.maxScore);
        insert.setInt(9, g.maxRank);
        insert.setBoolean(10, false);
        insert.addBatch();
    }

    /** A case as {@link #attachAll} sees it while it groups a batch. */
    private static final class Grouping {
        final String caseId;
        final String accountId;
        final boolean created;
        long first;
        long last;
        int added;
        double maxScore;
        int maxRank;

        Grouping(String caseId, String accountId, boolean created, long first, long last) {
            this.caseId = caseId;
            this.accountId = accountId;
            this.created = created;
            this.first = first;
            this.last = last;
            this.maxScore = Double.NEGATIVE_INFINITY;
            this.maxRank = -1;
        }

        boolean holds(long time, long window) {
            return last >= time - window && first <= time + window;
        }

        void add(long time, double score, int rank) {
            first = Math.min(first, time);
            last = Math.max(last, time);
            added++;
            maxScore = Math.max(maxScore, score);
            maxRank = Math.max(maxRank, rank);
        }
    }

    /**
     * Puts newly stored alerts in cases, in a handful of statements whatever the batch's size: an
     * alert joins the unresolved case of its account whose alerts lie within the window of its
     * transaction time (the latest such case first), else it opens one named after it. The
     * accounts' unresolved cases are read at once, the alerts grouped in memory in batch order,
     * then new cases, grown cases and the alerts' case ids are written in batches. Alerts whose
     * case another transaction resolved in between open a new case together.
     *
     * @return the case id of each alert
     */
    static Map<String, String> attachAll(
            Connection connection, List<Alert> alerts, long now, CasePolicy policy)
            throws SQLException {
        Map<String, String> caseOf = new LinkedHashMap<>();
        if (alerts.isEmpty()) {
            return caseOf;
        }
        long window = policy.window().toMillis();
        Map<String, List<Grouping>> byAccount = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            byAccount.putIfAbsent(alert.accountId(), new ArrayList<>());
        }
        List<String> accounts = new ArrayList<>(byAccount.keySet());
        for (int from = 0; from < accounts.size(); from += 500) {
            List<String> chunk = accounts.subList(from, Math.min(accounts.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s =
                    connection.prepareStatement(
                            "SELECT case_id, account_id, first_event_ms, last_event_ms FROM cases"
                                    + " WHERE status <> 'RESOLVED' AND account_id IN ("
                                    + marks
                                    + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        byAccount
                                .get(rs.getString(2))
                                .add(
                                        new Grouping(
                                                rs.getString(1),
                                                rs.getString(2),
                                                false,
                                                rs.getLong(3),
                                                rs.getLong(4)));
                    }
                }
            }
        }
        Map<String, Grouping> touched = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            long time = alert.eventTime().toEpochMilli();
            List<Grouping> open = byAccount.get(alert.accountId());
            Grouping match = null;
            for (Grouping g : open) {
                if (g.holds(time, window)
                        && (match == null
                                || g.last > match.last
                                || (g.last == match.last
                                        && g.caseId.compareTo(match.caseId) < 0))) {
                    match = g;
                }
            }
            if (match == null) {
                match =
                        new Grouping(
                                "case-" + alert.alertId(), alert.accountId(), true, time, time);
                open.add(match);
            }
            match.add(time, alert.score(), alert.severity().ordinal());
            touched.put(match.caseId, match);
            caseOf.put(alert.alertId(), match.caseId);
        }
        try (PreparedStatement insert =
                        connection.prepareStatement(
                                "INSERT INTO cases (case_id, account_id, status, first_event_ms,"
                                        + " last_event_ms, opened_at_ms, updated_at_ms,"
                                        + " alert_count, max_score, max_severity_rank, escalated)"
                                        + " VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement grow =
                        connection.prepareStatement(
                                "UPDATE cases SET alert_count = alert_count + ?, first_event_ms"
                                        + " = CASE WHEN first_event_ms < ? THEN first_event_ms"
                                        + " ELSE ? END, last_event_ms = CASE WHEN last_event_ms"
                                        + " > ? THEN last_event_ms ELSE ? END, max_score = CASE"
                                        + " WHEN max_score > ? THEN max_score ELSE ? END,"
                                        + " max_severity_rank = CASE WHEN max_severity_rank > ?"
                                        + " THEN max_severity_rank ELSE ? END, updated_at_ms = ?"
                                        + " WHERE case_id = ? AND status <> 'RESOLVED'")) {
            List<Grouping> grown = new ArrayList<>();
            for (Grouping g : touched.values()) {
                if (g.created) {
                    addCase(insert, g, now);
                } else {
                    grow.setInt(1, g.added);
                    grow.setLong(2, g.first);
                    grow.setLong(3, g.first);
                    grow.setLong(4, g.last);
                    grow.setLong(5, g.last);
                    grow.setDouble(6, g.maxScore);
                    grow.setDouble(7, g.maxScore);
                    grow.setInt(8, g.maxRank);
                    grow.setInt(9, g.maxRank);
                    grow.setLong(10, now);
                    grow.setString(11, g.caseId);
                    grow.addBatch();
                    grown.add(g);
                }
            }
            insert.executeBatch();
            int[] counts = grow.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    // resolved by another transaction since the read above: its alerts of this
                    // batch open a new case, as they would have had they come after it
                    String resolved = grown.get(i).caseId;
                    Grouping replacement = null;
                    for (Alert alert : alerts) {
                        if (resolved.equals(caseOf.get(alert.alertId()))) {
                            long time = alert.eventTime().toEpochMilli();
                            if (replacement == null) {
                                replacement =
                                        new Grouping(
                                                "case-" + alert.alertId(),
                                                alert.accountId(),
                                                true,
                                                time,
                                                time);
                            }
                            replacement.add(time, alert.score(), alert.severity().ordinal());
                            caseOf.put(alert.alertId(), replacement.caseId);
                        }
                    }
                    addCase(insert, replacement, now);
                }
            }
            insert.executeBatch();
        }
        try (PreparedStatement s =
                connection.prepareStatement("UPDATE alerts SET case_id = ? WHERE alert_id = ?")) {
            for (Map.Entry<String, String> e : caseOf.entrySet()) {
                s.setString(1, e.getValue());
                s.setString(2, e.getKey());
                s.addBatch();
            }
            s.executeBatch();
        }
        return caseOf;
    }

    /**
     * Records a response link sent for an alert of the case: the case waits for the answer until
     * the token's answer time (unless the cardholder has answered already).
     */
    static void awaitCustomer(Connection connection, String caseId, ResponseToken token)
            throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement(
                        "INSERT INTO response_tokens (token_id, alert_id, account_id,"
                                + " expires_at_ms) VALUES (?, ?, ?, ?)")) {
            s.setString(1, token.tokenId());
            s.setString(2, token.alertId());
            s.setString(3, token.accountId());
            s.setLong(4, token.expiresAt().toEpochMilli());
            s.executeUpdate();
        }
        long answerBy = token.answerBy().toEpochMilli();
        try (PreparedStatement s =
                connection.prepareStatement(
                        "UPDATE cases SET awaiting_customer_until_ms = CASE WHEN"
                                + " awaiting_customer_until_ms > ? THEN"
                                + " awaiting_customer_until_ms ELSE ? END WHERE case_id = ? AND"
                                + " customer_answer IS NULL")) {
            s.setLong(1, answerBy);
            s.setLong(2, answerBy);
            s.setString(3, caseId);
            s.executeUpdate();
        }
    }

    /** One page of cases matching the query, in queue order, and how many match in all. */
    public Page<StoredCase> find(CaseQuery query) {
        List<Object> params = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (!query.statuses().isEmpty()) {
            String[] marks = new String[query.statuses().size()];
            Arrays.fill(marks, "?");
            conditions.add("c.status IN (" + String.join(", ", marks) + ")");
            query.statuses().stream().map(Enum::name).sorted().forEach(params::add);
        }
        if (query.accountId() != null) {
            conditions.add("c.account_id = ?");
            params.add(query.accountId());
        }
        if (query.analystQueue()) {
            conditions.add(
                    "c.status <> 'RESOLVED' AND (c.escalated = ? OR"
                            + " c.awaiting_customer_until_ms IS NULL OR"
                            + " c.awaiting_customer_until_ms <= ?)");
            params.add(Boolean.TRUE);
            params.add(clock.millis());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return database.read(
                connection ->
                        AlertStore.page(
                                connection,
                                "FROM cases c" + where,
                                "SELECT " + CASE_COLUMNS + " FROM cases c" + where + QUEUE_ORDER,
                                params,
                                query.limit(),
                                query.offset(),
                                CaseStore::aCase));
    }

    /**
     * Cases by status, and unresolved ones by whom they wait for now: {@code analyst} or {@code
     * customer}.
     */
    public io.fraudstream.sink.metrics.Metrics.CaseCounts counts() {
        long now = clock.millis();
        return database.read(
                connection -> {
                    java.util.Map<String, Long> byStatus = new java.util.TreeMap<>();
                    for (CaseStatus status : CaseStatus.values()) {
                        byStatus.put(status.name().toLowerCase(java.util.Locale.ROOT), 0L);
                    }
                    java.util.Map<String, Long> byQueue = new java.util.TreeMap<>();
                    byQueue.put("analyst", 0L);
                    byQueue.put("customer", 0L);
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "SELECT status, CASE WHEN status = 'RESOLVED' THEN 'none' WHEN"
                                            + " escalated = ? OR awaiting_customer_until_ms IS"
                                            + " NULL OR awaiting_customer_until_ms <= ? THEN"
                                            + " 'analyst' ELSE 'customer' END, COUNT(*) FROM cases"
                                            + " GROUP BY 1, 2")) {
                        s.setBoolean(1, true);
                        s.setLong(2, now);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                String status = rs.getString(1).toLowerCase(java.util.Locale.ROOT);
                                byStatus.merge(status, rs.getLong(3), Long::sum);
                                if (!rs.getString(2).equals("none")) {
                                    byQueue.merge(rs.getString(2), rs.getLong(3), Long::sum);
                                }
                            }
                        }
                    }
                    return new io.fraudstream.sink.metrics.Metrics.CaseCounts(byStatus, byQueue);
                });
    }

    /** The case with this id. */
    public Optional<StoredCase> get(String caseId) {
        return database.read(connection -> get(connection, caseId));
    }

    static Optional<StoredCase> get(Connection connection, String caseId) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement(
                        "SELECT " + CASE_COLUMNS + " FROM cases c WHERE c.case_id = ?")) {
            s.setString(1, caseId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(aCase(rs)) : Optional.empty();
            }
        }
    }

    /** The ids of the case's alerts, by transaction time. */
    public List<String> alertIds(String caseId) {
        return database.read(connection -> alertIds(connection, caseId));
    }

    private static List<String> alertIds(Connection connection, String caseId) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement(
                        "SELECT alert_id FROM alerts WHERE case_id = ?"
                                + " ORDER BY event_time_ms, alert_id")) {
            s.setString(1, caseId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** The case of an alert, if it has one. */
    public Optional<String> caseOf(String alertId) {
        return database.read(connection -> caseOf(connection, alertId));
    }

    static Optional<String> caseOf(Connection connection, String alertId) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement("SELECT case_id FROM alerts WHERE alert_id = ?")) {
            s.setString(1, alertId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The analysts' notes on the case, oldest first. */
    public List<CaseNote> notes(String caseId) {
        return database.read(
                connection -> {
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "SELECT author, text, created_at_ms FROM case_notes WHERE"
                                            + " case_id = ? ORDER BY note_index")) {
                        s.setString(1, caseId);
                        List<CaseNote> out = new ArrayList<>();
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new CaseNote(
                                                rs.getString(1),
                                                rs.getString(2),
                                                Instant.ofEpochMilli(rs.getLong(3))));
                            }
                        }
                        return out;
                    }
                });
    }

    /** Assigns an unresolved case to an analyst (again, if it was): it is then in review. */
    public CaseTransition assign(String caseId, String analyst, Actor by) {
        long now = clock.millis();
        return database.inTransaction(
                connection -> {
                    int updated;
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "UPDATE cases SET status = 'IN_REVIEW', assignee = ?,"
                                            + " assigned_at_ms = ?, updated_at_ms = ? WHERE"
                                            + " case_id = ? AND status <> 'RESOLVED'")) {
                        s.setString(1, analyst);
                        s.setLong(2, now);
                        s.setLong(3, now);
                        s.setString(4, caseId);
                        updated = s.executeUpdate();
                    }
                    if (updated == 1) {
                        AuditLog.record(
                                connection,
                                by,
                                "case.assign",
                                AuditLog.CASE,
                                caseId,
                                "analyst=" + analyst,
                                now);
                    }
                    return transition(connection, caseId, updated);
                });
    }

    /** Adds an analyst's note to a case, whatever its state. */
    public CaseTransition note(String caseId, String analyst, String text, Actor by) {
        long now = clock.millis();
        return database.inTransaction(
                connection -> {
                    if (get(connection, caseId).isEmpty()) {
                        return new CaseTransition(Transition.Outcome.NOT_FOUND, null);
                    }
                    // the case row's lock serialises concurrent notes on their index
                    touch(connection, caseId, now);
                    int next;
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "SELECT COALESCE(MAX(note_index), -1) + 1 FROM case_notes"
                                            + " WHERE case_id = ?")) {
                        s.setString(1, caseId);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            next = rs.getInt(1);
                        }
                    }
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "INSERT INTO case_notes (case_id, note_index, author, text,"
                                            + " created_at_ms) VALUES (?, ?, ?, ?, ?)")) {
                        s.setString(1, caseId);
                        s.setInt(2, next);
                        s.setString(3, analyst);
                        s.setString(4, text);
                        s.setLong(5, now);
                        s.executeUpdate();
                    }
                    touch(connection, caseId, now);
                    AuditLog.record(
                            connection,
                            by,
                            "case.note",
                            AuditLog.CASE,
                            caseId,
                            "analyst=" + analyst,
                            now);
                    return new CaseTransition(
                            Transition.Outcome.DONE, get(connection, caseId).orElseThrow());
                });
    }

    /**
     * Resolves an unresolved case: every alert of it not yet resolved is resolved with the label,
     * and one verdict per such alert is queued on {@code channel}, all in one transaction.
     *
     * @param verdictFor builds each alert's verdict, given the decision time
     * @param encode serialises a verdict for the outbox
     * @param by who decides, for the audit log
     */
    public CaseTransition resolve(
            String caseId,
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
                    Optional<StoredCase> before = get(connection, caseId);
                    if (before.isEmpty()) {
                        return new CaseTransition(Transition.Outcome.NOT_FOUND, null);
                    }
                    // marking it first locks the row: no alert joins it while its alerts resolve,
                    // and a concurrent resolve finds it resolved
                    if (before.get().status() == CaseStatus.RESOLVED
                            || !markResolved(connection, caseId, label, analyst, now)) {
                        return new CaseTransition(
                                Transition.Outcome.CONFLICT, get(connection, caseId).orElseThrow());
                    }
                    for (String alertId : alertIds(connection, caseId)) {
                        AlertStore.resolveAlert(
                                connection,
                                alertId,
                                label,
                                note,
                                analyst,
                                channel,
                                verdictFor,
                                encode,
                                now);
                    }
                    if (note != null) {
                        insertNote(connection, caseId, analyst, note, now);
                    }
                    AuditLog.record(
                            connection,
                            by,
                            "case.resolve",
                            AuditLog.CASE,
                            caseId,
                            "label=" + label.name() + " analyst=" + analyst,
                            now);
                    return new CaseTransition(
                            Transition.Outcome.DONE, get(connection, caseId).orElseThrow());
                });
    }

    private static void insertNote(
            Connection connection, String caseId, String analyst, String text, long now)
            throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement(
                        "INSERT INTO case_notes (case_id, note_index, author, text, created_at_ms)"
                                + " SELECT ?, COALESCE(MAX(note_index), -1) + 1, ?, ?, ? FROM"
                                + " case_notes WHERE case_id = ?")) {
            s.setString(1, caseId);
            s.setString(2, analyst);
            s.setString(3, text);
            s.setLong(4, now);
            s.setString(5, caseId);
            s.executeUpdate();
        }
    }

    /**
     * Resolves the case when none of its alerts is left unresolved: FRAUD if any was fraud, else
     * LEGIT, decided by whoever resolved the last one. Called after an alert is resolved on its own
     * (by an analyst, or by the cardholder's "me").
     */
    static void settleIfDone(Connection connection, String caseId, String by, long now)
            throws SQLException {
        long open;
        boolean fraud;
        try (PreparedStatement s =
                connection.prepareStatement(
                        "SELECT SUM(CASE WHEN status <> 'RESOLVED' THEN 1 ELSE 0 END),"
                                + " SUM(CASE WHEN resolution = 'FRAUD' THEN 1 ELSE 0 END)"
                                + " FROM alerts WHERE case_id = ?")) {
            s.setString(1, caseId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                open = rs.getLong(1);
                fraud = rs.getLong(2) > 0;
            }
        }
        if (open == 0) {
            markResolved(
                    connection, caseId, fraud ? Verdict.Label.FRAUD : Verdict.Label.LEGIT, by, now);
        }
    }

    private static boolean markResolved(
            Connection connection, String caseId, Verdict.Label label, String by, long now)
            throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement(
                        "UPDATE cases SET status = 'RESOLVED', resolution = ?, resolved_by = ?,"
                                + " resolved_at_ms = ?, updated_at_ms = ?,"
                                + " awaiting_customer_until_ms = NULL WHERE case_id = ? AND"
                                + " status <> 'RESOLVED'")) {
            s.setString(1, label.name());
            s.setString(2, by);
            s.setLong(3, now);
            s.setLong(4, now);
            s.setString(5, caseId);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Records the cardholder's answer on the case: it no longer waits, and "not me" escalates it to
     * the top of the analysts' queue, reopening it if it was resolved in the meantime (a fraud
     * report must never land on a closed case).
     */
    static void customerAnswered(
            Connection connection, String caseId, CustomerAnswer answer, long now)
            throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement(
                        "UPDATE cases SET customer_answer = ?, customer_answered_at_ms = ?,"
                                + " awaiting_customer_until_ms = NULL, escalated = CASE WHEN ?"
                                + " THEN ? ELSE escalated END, updated_at_ms = ? WHERE case_id ="
                                + " ?")) {
            s.setString(1, answer.wireName());
            s.setLong(2, now);
            s.setBoolean(3, answer == CustomerAnswer.NOT_ME);
            s.setBoolean(4, true);
            s.setLong(5, now);
            s.setString(6, caseId);
            s.executeUpdate();
        }
        if (answer == CustomerAnswer.NOT_ME) {
            try (PreparedStatement s =
                    connection.prepareStatement(
                            "UPDATE cases SET status = 'OPEN', resolution = NULL, resolved_by ="
                                    + " NULL, resolved_at_ms = NULL WHERE case_id = ? AND status"
                                    + " = 'RESOLVED'")) {
                s.setString(1, caseId);
                s.executeUpdate();
            }
        }
    }

    /** Builds the verdict of a decision on an alert. */
    @FunctionalInterface
    public interface Verdicts {
        Verdict of(StoredAlert alert, Verdict.Label label, Instant decidedAt);
    }

    /**
     * Whether a response token can still be used: it is stored for this alert and account, unused
     * and unexpired at {@code now}.
     */
    public boolean tokenUsable(String tokenId, String alertId, String accountId) {
        long now = clock.millis();
        return database.read(
                connection -> {
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "SELECT 1 FROM response_tokens WHERE token_id = ? AND"
                                            + " alert_id = ? AND account_id = ? AND used_at_ms IS"
                                            + " NULL AND expires_at_ms > ?")) {
                        s.setString(1, tokenId);
                        s.setString(2, alertId);
                        s.setString(3, accountId);
                        s.setLong(4, now);
                        try (ResultSet rs = s.executeQuery()) {
                            return rs.next();
                        }
                    }
                });
    }

    /**
     * Records the cardholder's answer through a response token, in one transaction: the token is
     * used up (refused when unknown, used, expired or for another alert or account), the answer's
     * verdict (FRAUD for "not me", LEGIT for "me", source customer) is queued on {@code channel},
     * "not me" escalates the case, and "me" resolves the alert as LEGIT (and the case with it when
     * nothing else in it is open).
     *
     * @return the case after the answer; empty when the token is refused
     */
    public Optional<StoredCase> answer(
            String tokenId,
            String alertId,
            String accountId,
            CustomerAnswer answer,
            String channel,
            Verdicts verdicts,
            Function<Verdict, byte[]> encode) {
        long now = clock.millis();
        return database.inTransaction(
                connection -> {
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "UPDATE response_tokens SET used_at_ms = ?, answer = ? WHERE"
                                            + " token_id = ? AND alert_id = ? AND account_id = ?"
                                            + " AND used_at_ms IS NULL AND expires_at_ms > ?")) {
                        s.setLong(1, now);
                        s.setString(2, answer.wireName());
                        s.setString(3, tokenId);
                        s.setString(4, alertId);
                        s.setString(5, accountId);
                        s.setLong(6, now);
                        if (s.executeUpdate() != 1) {
                            return Optional.<StoredCase>empty();
                        }
                    }
                    Verdict.Label label =
                            answer == CustomerAnswer.NOT_ME
                                    ? Verdict.Label.FRAUD
                                    : Verdict.Label.LEGIT;
                    boolean queued = false;
                    if (answer == CustomerAnswer.ME) {
                        Transition resolved =
                                AlertStore.resolveAlert(
                                        connection,
                                        alertId,
                                        label,
                                        "the cardholder answered: this was me",
                                        CUSTOMER,
                                        channel,
                                        (alert, at) -> verdicts.of(alert, label, at),
                                        encode,
                                        now);
                        queued = resolved.outcome() == Transition.Outcome.DONE;
                    }
                    // "me" on an alert someone already decided leaves the decision alone; "not me"
                    // always reports the fraud
                    if (!queued && answer == CustomerAnswer.NOT_ME) {
                        StoredAlert alert = AlertStore.summaryOf(connection, alertId).orElseThrow();
                        AlertStore.queue(
                                connection,
                                alertId,
                                channel,
                                new String(
                                        encode.apply(
                                                verdicts.of(
                                                        alert, label, Instant.ofEpochMilli(now))),
                                        StandardCharsets.UTF_8),
                                now);
                    }
                    Optional<String> caseId = caseOf(connection, alertId);
                    if (caseId.isEmpty()) {
                        return Optional.<StoredCase>empty();
                    }
                    customerAnswered(connection, caseId.get(), answer, now);
                    if (answer == CustomerAnswer.ME) {
                        settleIfDone(connection, caseId.get(), CUSTOMER, now);
                    }
                    return get(connection, caseId.get());
                });
    }

    /** Who decided, when the cardholder did. */
    public static final String CUSTOMER = "customer";

    private static void touch(Connection connection, String caseId, long now) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement(
                        "UPDATE cases SET updated_at_ms = ? WHERE case_id = ?")) {
            s.setLong(1, now);
            s.setString(2, caseId);
            s.executeUpdate();
        }
    }

    private static CaseTransition transition(Connection connection, String caseId, int updated)
            throws SQLException {
        Optional<StoredCase> aCase = get(connection, caseId);
        if (aCase.isEmpty()) {
            return new CaseTransition(Transition.Outcome.NOT_FOUND, null);
        }
        return new CaseTransition(
                updated == 1 ? Transition.Outcome.DONE : Transition.Outcome.CONFLICT, aCase.get());
    }

    private static StoredCase aCase(ResultSet rs) throws SQLException {
        String answer = rs.getString(13);
        String resolution = rs.getString(17);
        return new StoredCase(
                rs.getString(1),
                rs.getString(2),
                CaseStatus.valueOf(rs.getString(3)),
                Instant.ofEpochMilli(rs.getLong(4)),
                Instant.ofEpochMilli(rs.getLong(5)),
                Instant.ofEpochMilli(rs.getLong(6)),
                Instant.ofEpochMilli(rs.getLong(7)),
                rs.getInt(8),
                rs.getDouble(9),
                SEVERITIES[Math.min(SEVERITIES.length - 1, Math.max(0, rs.getInt(10)))],
                rs.getBoolean(11),
                instant(rs, 12),
                answer == null ? null : CustomerAnswer.fromWire(answer),
                instant(rs, 14),
                rs.getString(15),
                instant(rs, 16),
                resolution == null ? null : Verdict.Label.valueOf(resolution),
                rs.getString(18),
                instant(rs, 19));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
