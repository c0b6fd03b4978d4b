package io.fraudstream.sink.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API keys' rows: created and revoked with an audit row in the same transaction, found by their
 * public id on every authenticated request. The store never sees a key's secret, only its hash.
 */
public final class KeyStore {

    private static final String COLUMNS =
            "key_id, name, role, secret_hash, created_at_ms, created_by, last_used_at_ms,"
                    + " revoked_at_ms, revoked_by";

    private final Database database;
    private final Clock clock;

    public KeyStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Stores a new key; {@link Transition.Outcome#CONFLICT} with the existing row when the name is
     * taken (revoked keys keep their names, so the audit log's names stay unambiguous).
     */
    public KeyChange create(String keyId, String name, Role role, String secretHash, Actor by) {
        long now = clock.millis();
        return database.inTransaction(
                connection -> {
                    Optional<StoredKey> existing = one(connection, "name", name);
                    if (existing.isPresent()) {
                        return new KeyChange(Transition.Outcome.CONFLICT, existing.get());
                    }
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "INSERT INTO api_keys (key_id, name, role, secret_hash,"
                                            + " created_at_ms, created_by) VALUES (?, ?, ?, ?, ?,"
                                            + " ?)")) {
                        s.setString(1, keyId);
                        s.setString(2, name);
                        s.setString(3, role.wireName());
                        s.setString(4, secretHash);
                        s.setLong(5, now);
                        s.setString(6, by.name());
                        s.executeUpdate();
                    }
                    AuditLog.record(
                            connection,
                            by,
                            "key.create",
                            AuditLog.KEY,
                            name,
                            "role=" + role.wireName(),
                            now);
                    return new KeyChange(
                            Transition.Outcome.DONE, one(connection, "name", name).orElseThrow());
                });
    }

    /** Revokes a key for good; {@link Transition.Outcome#CONFLICT} if it already was. */
    public KeyChange revoke(String name, Actor by) {
        long now = clock.millis();
        return database.inTransaction(
                connection -> {
                    int updated;
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "UPDATE api_keys SET revoked_at_ms = ?, revoked_by = ? WHERE"
                                            + " name = ? AND revoked_at_ms IS NULL")) {
                        s.setLong(1, now);
                        s.setString(2, by.name());
                        s.setString(3, name);
                        updated = s.executeUpdate();
                    }
                    Optional<StoredKey> key = one(connection, "name", name);
                    if (key.isEmpty()) {
                        return new KeyChange(Transition.Outcome.NOT_FOUND, null);
                    }
                    if (updated == 0) {
                        return new KeyChange(Transition.Outcome.CONFLICT, key.get());
                    }
                    AuditLog.record(connection, by, "key.revoke", AuditLog.KEY, name, null, now);
                    return new KeyChange(Transition.Outcome.DONE, key.get());
                });
    }

    /** The key with this public id, revoked or not. */
    public Optional<StoredKey> byId(String keyId) {
        return database.read(connection -> one(connection, "key_id", keyId));
    }

    /** The key with this name, revoked or not. */
    public Optional<StoredKey> byName(String name) {
        return database.read(connection -> one(connection, "name", name));
    }

    /** Every key, revoked ones included, by name. */
    public List<StoredKey> list() {
        return database.read(
                connection -> {
                    List<StoredKey> out = new ArrayList<>();
                    try (PreparedStatement s =
                                    connection.prepareStatement(
                                            "SELECT " + COLUMNS + " FROM api_keys ORDER BY name");
                            ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            out.add(key(rs));
                        }
                    }
                    return out;
                });
    }

    /** Whether any key still works: without one, and without a bootstrap token, no one gets in. */
    public boolean anyActive() {
        return database.read(
                connection -> {
                    try (PreparedStatement s =
                                    connection.prepareStatement(
                                            "SELECT COUNT(*) FROM api_keys WHERE revoked_at_ms IS"
                                                    + " NULL");
                            ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return rs.getLong(1) > 0;
                    }
                });
    }

    /** Records that the key authenticated a request at {@code at}. */
    public void markUsed(String keyId, Instant at) {
        database.inTransaction(
                connection -> {
                    try (PreparedStatement s =
                            connection.prepareStatement(
                                    "UPDATE api_keys SET last_used_at_ms = ? WHERE key_id = ?")) {
                        s.setLong(1, at.toEpochMilli());
                        s.setString(2, keyId);
                        return s.executeUpdate();
                    }
                });
    }

    private static Optional<StoredKey> one(Connection connection, String column, String value)
            throws SQLException {
        // column is one of two constants of this class, never input
        try (PreparedStatement s =
                connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM api_keys WHERE " + column + " = ?")) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        }
    }

    private static StoredKey key(ResultSet rs) throws SQLException {
        return new StoredKey(
                rs.getString(1),
                rs.getString(2),
                Role.fromWire(rs.getString(3)),
                rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                rs.getString(6),
                AlertStore.instant(rs, 7),
                AlertStore.instant(rs, 8),
                rs.getString(9));
    }
}
