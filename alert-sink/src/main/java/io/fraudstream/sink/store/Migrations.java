package io.fraudstream.sink.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code db/migration/V<n>__<name>.sql} on the classpath, applied in
 * order, each in its own transaction together with its row in {@code schema_version}. A database
 * whose schema is newer than this build is refused rather than misread.
 */
final class Migrations {

    /** Every migration in order; a new one is a new file and a new line here. */
    static final List<String> SCRIPTS = List.of("V1__alerts.sql");

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    static void apply(Database database) {
        database.inTransaction(
                connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(
                                "CREATE TABLE IF NOT EXISTS schema_version ("
                                        + "version INTEGER NOT NULL PRIMARY KEY, "
                                        + "description VARCHAR(200) NOT NULL, "
                                        + "applied_at_ms BIGINT NOT NULL)");
                    }
                    return null;
                });
        int current = database.read(Migrations::currentVersion);
        if (current > SCRIPTS.size()) {
            throw new IllegalStateException(
                    "the database schema is at version "
                            + current
                            + ", newer than this alert-sink knows ("
                            + SCRIPTS.size()
                            + "): use a newer alert-sink or another database");
        }
        for (int version = current + 1; version <= SCRIPTS.size(); version++) {
            String script = SCRIPTS.get(version - 1);
            int v = version;
            database.inTransaction(
                    connection -> {
                        // Another process may have migrated since we looked.
                        if (currentVersion(connection) >= v) {
                            return null;
                        }
                        try (Statement statement = connection.createStatement()) {
                            for (String sql : statements(load(script))) {
                                statement.execute(sql);
                            }
                        }
                        try (PreparedStatement insert =
                                connection.prepareStatement(
                                        "INSERT INTO schema_version (version, description,"
                                                + " applied_at_ms) VALUES (?, ?, ?)")) {
                            insert.setInt(1, v);
                            insert.setString(2, script);
                            insert.setLong(3, System.currentTimeMillis());
                            insert.executeUpdate();
                        }
                        return null;
                    });
            LOG.info("Applied schema migration {}", script);
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String load(String script) {
        String resource = "/db/migration/" + script;
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script at the semicolons that end lines, dropping {@code --} comment lines. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
