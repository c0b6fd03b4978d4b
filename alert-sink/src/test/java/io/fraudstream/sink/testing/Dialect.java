package io.fraudstream.sink.testing;

import java.nio.file.Path;

/** The databases the store runs on; every store test runs on each. */
public enum Dialect {
    /** A SQLite file, the default store. */
    SQLITE,
    /** A new database on the tests' own PostgreSQL server ({@link PostgresServer}). */
    POSTGRESQL;

    /** The JDBC URL of a new, empty database: a file in {@code dir} or a PostgreSQL database. */
    public String newDatabase(Path dir) {
        return this == SQLITE
                ? "jdbc:sqlite:" + dir.resolve("sub/alerts.db")
                : PostgresServer.newDatabaseUrl();
    }
}
