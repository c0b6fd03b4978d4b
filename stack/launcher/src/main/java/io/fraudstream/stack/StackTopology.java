package io.fraudstream.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the local stack runs besides the broker and the JobManager: how many TaskManagers, and
 * whether a ZooKeeper server gives Flink high availability. {@code up} records it in {@code
 * var/run/topology.properties}, so a later {@code up} (bringing back a killed component) starts the
 * same stack without repeating options.
 */
public record StackTopology(int taskManagers, boolean ha) {

    public static final StackTopology DEFAULT = new StackTopology(1, false);
    static final int MAX_TASKMANAGERS = 8;

    private static final String FILE = "topology.properties";

    public StackTopology {
        if (taskManagers < 1 || taskManagers > MAX_TASKMANAGERS) {
            throw new IllegalArgumentException(
                    "--taskmanagers: must be in 1.."
                            + MAX_TASKMANAGERS
                            + " on one machine, was "
                            + taskManagers);
        }
    }

    /** The topology the last {@code up} in this state directory recorded, or the default. */
    static StackTopology load(StackLayout layout) {
        Path file = layout.runDir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StackTopology(
                Integer.parseInt(p.getProperty("flink.taskmanagers", "1").strip()),
                Boolean.parseBoolean(p.getProperty("flink.ha", "false").strip()));
    }

    void save(StackLayout layout) {
        Properties p = new Properties();
        p.setProperty("flink.taskmanagers", Integer.toString(taskManagers));
        p.setProperty("flink.ha", Boolean.toString(ha));
        try (Writer out = Files.newBufferedWriter(layout.runDir().resolve(FILE))) {
            p.store(out, "what bin/fraudstream stack up runs; changed by --taskmanagers and --ha");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
