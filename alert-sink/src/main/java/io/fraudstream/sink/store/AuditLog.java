package io.fraudstream.sink.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The audit log: every review and administration action with who did it. Rows are written by the
 * stores on the connection of the action's own transaction, so an action and its audit row commit
 * or roll back together.
 */
public final class AuditLog {

    /** The kinds of thing an action is done to. */
    public static final String ALERT = "alert";

    public static final String CASE = "case";

    public static final String KEY = "key";

    public static final String RULE = "rule";

    private final Database database;

    public AuditLog(Database database) {
        this.database = database;
    }

    /** Records an action on the connection of the transaction that does it. */
    static void record(
            Connection connection,
            Actor actor,
            String action,
            String targetType,
            String targetId,
            String detail,
            long nowMs)
            throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement(
                        "INSERT INTO audit_log (entry_id, at_ms, actor, actor_role, action,"
                                + " target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?,"
                                + " ?)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setLong(2, nowMs);
            s.setString(3, actor.name());
            s.setString(4, actor.role().wireName());
            s.setString(5, action);
            s.setString(6, targetType);
            s.setString(7, targetId);
            s.setString(8, detail);
            s.executeUpdate();
        }
    }

    /**
     * Records an action that is not a database change (a rule published to Kafka), in its own
     * transaction once the action is done.
     */
    public void record(
            Actor actor,
            String action,
            String targetType,
            String targetId,
            String detail,
            long nowMs) {
        database.inTransaction(
                connection -> {
                    record(connection, actor, action, targetType, targetId, detail, nowMs);
                    return null;
                });
    }

    /** One page of the log, newest first. */
    public Page<AuditEntry> find(AuditQuery query) {
        List<Object> params = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (query.actor() != null) {
            conditions.add("actor = ?");
            params.add(query.actor());
        }
        if (query.targetId() != null) {
            conditions.add("target_id = ?");
            params.add(query.targetId());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return database.read(
                connection ->
                        AlertStore.page(
                                connection,
                                "FROM audit_log" + where,
                                "SELECT at_ms, actor, actor_role, action, target_type, target_id,"
                                        + " detail FROM audit_log"
                                        + where
                                        + " ORDER BY at_ms DESC, entry_id DESC",
                                params,
                                query.limit(),
                                query.offset(),
                                rs ->
                                        new AuditEntry(
                                                Instant.ofEpochMilli(rs.getLong(1)),
                                                rs.getString(2),
                                                Role.fromWire(rs.getString(3)),
                                                rs.getString(4),
                                                rs.getString(5),
                                                rs.getString(6),
                                                rs.getString(7))));
    }
}
