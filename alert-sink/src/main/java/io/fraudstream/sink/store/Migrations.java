package io.fraudstream.sink.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema migrations by Flyway: {@code db/migration/V<n>__<name>.sql} on the classpath, applied in
 * order and recorded in {@code flyway_schema_history}. A database whose schema is newer than this
 * build is refused rather than misread. A database made by an alert-sink from before Flyway (its
 * own {@code schema_version} table) is baselined at the version it records.
 */
final class Migrations {

    /** The table of the migration runner this one replaced. */
    static final String LEGACY_TABLE = "schema_version";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    static void apply(DataSource dataSource) {
        Optional<Integer> legacy = legacyVersion(dataSource);
        var configuration =
                Flyway.configure(Migrations.class.getClassLoader())
                        .dataSource(dataSource)
                        .locations("classpath:db/migration")
                        // a future migration is an error, not something to step over
                        .ignoreMigrationPatterns("")
                        .loggers("slf4j");
        if (legacy.isPresent()) {
            configuration =
                    configuration
                            .baselineOnMigrate(true)
                            .baselineVersion(Integer.toString(legacy.get()))
                            .baselineDescription("schema_version " + legacy.get());
        }
        Flyway flyway = configuration.load();
        MigrationInfo[] future =
                Arrays.stream(flyway.info().applied())
                        .filter(
                                m ->
                                        m.getState() == MigrationState.FUTURE_SUCCESS
                                                || m.getState() == MigrationState.FUTURE_FAILED)
                        .toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            MigrationInfo[] known = flyway.info().all();
            String knownVersion =
                    Arrays.stream(known)
                            .filter(
                                    m ->
                                            m.getState() != MigrationState.FUTURE_SUCCESS
                                                    && m.getState() != MigrationState.FUTURE_FAILED
                                                    && m.getVersion() != null)
                            .map(m -> m.getVersion().getVersion())
                            .reduce((a, b) -> b)
                            .orElse("none");
            throw new IllegalStateException(
                    "the database schema is at version "
                            + future[future.length - 1].getVersion().getVersion()
                            + ", newer than this alert-sink knows ("
                            + knownVersion
                            + "): use a newer alert-sink or another database");
        }
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info(
                    "Applied {} schema migration(s): now at version {}",
                    result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
    }

    /** The version the pre-Flyway runner recorded, if this database has its table. */
    private static Optional<Integer> legacyVersion(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!hasTable(connection, LEGACY_TABLE)
                    || hasTable(connection, "flyway_schema_history")) {
                return Optional.empty();
            }
            int version;
            try (Statement statement = connection.createStatement();
                    ResultSet rs =
                            statement.executeQuery("SELECT MAX(version) FROM " + LEGACY_TABLE)) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version == 0) {
                // the former runner made its table and stopped before its first migration: an
                // empty table, and nothing else of ours, is no schema to keep
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE " + LEGACY_TABLE);
                }
                return Optional.empty();
            }
            return Optional.of(version);
        } catch (SQLException e) {
            throw new StoreException("cannot read the database schema: " + e.getMessage(), e);
        }
    }

    private static boolean hasTable(Connection connection, String name) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, null, candidate, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
