package io.fraudstream.sink.testing;

import io.fraudstream.sink.store.AlertQuery;
import io.fraudstream.sink.store.AlertStore;
import io.fraudstream.sink.store.Database;
import io.fraudstream.sink.store.StoredAlert;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test's own view of a service's database, opened beside the service (SQLite in WAL mode lets it
 * read while the service writes; PostgreSQL is a server).
 */
public final class SinkDatabase implements AutoCloseable {

    private final Database database;
    private final AlertStore store;

    public SinkDatabase(Path file) {
        this("jdbc:sqlite:" + file);
    }

    /** The database at this JDBC URL (SQLite or PostgreSQL). */
    public SinkDatabase(String url) {
        this.database = Database.open(url, 2);
        this.store = new AlertStore(database, Clock.systemUTC());
    }

    public AlertStore store() {
        return store;
    }

    /** Every stored alert id, as many times as it is stored. */
    public List<String> alertIds() {
        return strings("SELECT alert_id FROM alerts ORDER BY alert_id");
    }

    /** Every stored alert, newest first. */
    public List<StoredAlert> alerts() {
        return store.find(AlertQuery.all(10_000)).items();
    }

    /** The reasons of the quarantined records, by offset. */
    public List<String> quarantineReasons() {
        return strings("SELECT reason FROM quarantine ORDER BY partition_id, record_offset");
    }

    /**
     * Every quarantined record's field and reason by source position, {@code partition@offset} to
     * {@code field|reason} (an empty field when the record as a whole was bad).
     */
    public Map<String, String> quarantineByPosition() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String row :
                strings(
                        "SELECT partition_id || '@' || record_offset || ' ' || COALESCE(field, '')"
                                + " || '|' || reason FROM quarantine")) {
            int space = row.indexOf(' ');
            out.put(row.substring(0, space), row.substring(space + 1));
        }
        return out;
    }

    /** Channel and state of every notification, as {@code alertId/channel/STATE}. */
    public List<String> notificationStates() {
        return strings(
                "SELECT alert_id || '/' || channel || '/' || state FROM notifications"
                        + " ORDER BY alert_id, channel");
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

    @Override
    public void close() {
        database.close();
    }
}
