package io.fraudstream.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The loopback ports of the local stack. {@code up} records the ports it started with in {@code
 * var/run/stack.properties}, so {@code status}, {@code down} and {@code submit} find the stack
 * again without repeating options.
 */
public record StackPorts(
        int kafka, int controller, int flinkRest, int flinkRpc, int zookeeper, int prometheus) {

    public static final String HOST = "127.0.0.1";
    public static final StackPorts DEFAULTS = new StackPorts(9092, 9093, 8081, 6123, 2181, 9249);

    private static final String FILE = "stack.properties";

    public StackPorts {
        check("kafka port", kafka);
        check("controller port", controller);
        check("flink REST port", flinkRest);
        check("flink RPC port", flinkRpc);
        check("zookeeper port", zookeeper);
        check("prometheus port", prometheus);
        if (prometheus + StackTopology.MAX_TASKMANAGERS > 65535) {
            throw new IllegalArgumentException(
                    "prometheus port: must leave room for "
                            + StackTopology.MAX_TASKMANAGERS
                            + " TaskManager ports above it, was "
                            + prometheus);
        }
    }

    private static void check(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + ": must be in 1..65535, was " + port);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + kafka;
    }

    public String zookeeperQuorum() {
        return HOST + ":" + zookeeper;
    }

    public String flinkRestUrl() {
        return "http://" + HOST + ":" + flinkRest;
    }

    /**
     * The Prometheus reporter's port of the JobManager ({@code taskManager} 0) or of TaskManager
     * {@code taskManager} (from 1): a block from {@link #prometheus()} up, one port per process.
     */
    public int prometheusPort(int taskManager) {
        return prometheus + taskManager;
    }

    /** Where Prometheus scrapes the JobManager (0) or TaskManager {@code taskManager}. */
    public String prometheusUrl(int taskManager) {
        return "http://" + HOST + ":" + prometheusPort(taskManager) + "/metrics";
    }

    /** The ports recorded by the last {@code up} in this state directory, or the defaults. */
    public static StackPorts load(StackLayout layout) {
        Path file = layout.runDir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StackPorts(
                intOf(p, "kafka.port", DEFAULTS.kafka),
                intOf(p, "kafka.controller.port", DEFAULTS.controller),
                intOf(p, "flink.rest.port", DEFAULTS.flinkRest),
                intOf(p, "flink.rpc.port", DEFAULTS.flinkRpc),
                intOf(p, "zookeeper.port", DEFAULTS.zookeeper),
                intOf(p, "prometheus.port", DEFAULTS.prometheus));
    }

    void save(StackLayout layout) {
        Properties p = new Properties();
        p.setProperty("kafka.port", Integer.toString(kafka));
        p.setProperty("kafka.controller.port", Integer.toString(controller));
        p.setProperty("flink.rest.port", Integer.toString(flinkRest));
        p.setProperty("flink.rpc.port", Integer.toString(flinkRpc));
        p.setProperty("zookeeper.port", Integer.toString(zookeeper));
        p.setProperty("prometheus.port", Integer.toString(prometheus));
        try (Writer out = Files.newBufferedWriter(layout.runDir().resolve(FILE))) {
            p.store(out, "ports of the running local stack, written by bin/fraudstream stack up");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int intOf(Properties p, String key, int fallback) {
        String value = p.getProperty(key);
        return value == null ? fallback : Integer.parseInt(value.strip());
    }

    /** Whether something already listens on (or holds) this loopback port. */
    static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
