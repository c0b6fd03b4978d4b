package io.fraudstream.sink.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JDBC database behind a connection pool, with the transaction discipline of the service.
 *
 * <p>SQLite (the default) runs in WAL mode with {@code synchronous=FULL}: a commit returns only
 * after the write-ahead log is on disk, so an alert whose Kafka offset is committed afterwards
 * survives a power loss, not just a process crash ({@code NORMAL} would only guarantee the latter).
 * SQLite has a single writer: write transactions of this process are serialised here so they queue
 * instead of failing with {@code SQLITE_BUSY}; other databases get no such lock.
 */
public final class Database implements AutoCloseable {

    private static final String SQLITE = "jdbc:sqlite:";

    /** WAL pages (4 KiB each) between automatic checkpoints: about 40 MiB. */
    static final int WAL_AUTOCHECKPOINT_PAGES = 10_000;

    private final HikariDataSource pool;
    private final boolean sqlite;
    private final ReentrantLock writeLock = new ReentrantLock();

    private Database(HikariDataSource pool, boolean sqlite) {
        this.pool = pool;
        this.sqlite = sqlite;
    }

    /**
     * Opens the database and brings its schema up to date.
     *
     * @param url the JDBC URL; the parent directory of a SQLite file is created
     * @param poolSize most open connections
     */
    public static Database open(String url, int poolSize) {
        return open(url, poolSize, null);
    }

    /** As {@link #open(String, int)}, with a password kept out of the URL (null for none). */
    public static Database open(String url, int poolSize, String password) {
        boolean sqlite = url.startsWith(SQLITE);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("alert-sink-db");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        // Fail start-up at once when the database cannot be opened, with the driver's reason.
        config.setInitializationFailTimeout(1);
        if (sqlite) {
            createParentDirectory(url.substring(SQLITE.length()));
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("foreign_keys", "true");
            // Take the write lock at BEGIN, so another process writing cannot make a transaction
            // fail half-way when it upgrades from reading to writing.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            // A larger page cache keeps the indices in memory as the table grows.
            config.addDataSourceProperty("cache_size", "-16384");
            // Checkpoint the write-ahead log less often: an index page changed by many batches
            // is then copied into the database file once instead of once per batch.
            config.setConnectionInitSql("PRAGMA wal_autocheckpoint=" + WAL_AUTOCHECKPOINT_PAGES);
        }
        Database database = new Database(new HikariDataSource(config), sqlite);
        try {
            Migrations.apply(database.pool);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static void createParentDirectory(String path) {
        if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + parent, e);
        }
    }

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        if (sqlite) {
            writeLock.lock();
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        } finally {
            if (sqlite) {
                writeLock.unlock();
            }
        }
    }

    /** Runs read-only work on a connection in auto-commit mode. */
    public <T> T read(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
