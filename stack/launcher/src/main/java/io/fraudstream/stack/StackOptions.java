package io.fraudstream.stack;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the stack lives and which ports it uses; shared by every command that needs the stack. */
final class StackOptions {

    @Option(
            names = "--var",
            paramLabel = "DIR",
            description = "State directory: data, logs, pid files (default: <checkout>/var).")
    Path var;

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            description = "Kafka broker port on 127.0.0.1 (default: 9092, or what `up` recorded).")
    Integer kafkaPort;

    @Option(
            names = "--controller-port",
            paramLabel = "PORT",
            description = "Kafka KRaft controller port (default: 9093).")
    Integer controllerPort;

    @Option(
            names = "--flink-rest-port",
            paramLabel = "PORT",
            description = "Flink REST API and web UI port (default: 8081).")
    Integer flinkRestPort;

    @Option(
            names = "--flink-rpc-port",
            paramLabel = "PORT",
            description = "Flink JobManager RPC port (default: 6123).")
    Integer flinkRpcPort;

    @Option(
            names = "--zookeeper-port",
            paramLabel = "PORT",
            description = "ZooKeeper client port, with `up --ha` (default: 2181).")
    Integer zookeeperPort;

    @Option(
            names = "--prometheus-port",
            paramLabel = "PORT",
            description =
                    "Prometheus endpoint of the JobManager; TaskManager N gets PORT+N (default:"
                            + " 9249).")
    Integer prometheusPort;

    StackLayout layout() {
        Path home = home();
        return var == null ? StackLayout.of(home) : new StackLayout(home, var);
    }

    /**
     * Explicit options win over the ports the last {@code up} recorded, which win over defaults.
     */
    StackPorts ports(StackLayout layout) {
        StackPorts recorded = StackPorts.load(layout);
        return new StackPorts(
                kafkaPort != null ? kafkaPort : recorded.kafka(),
                controllerPort != null ? controllerPort : recorded.controller(),
                flinkRestPort != null ? flinkRestPort : recorded.flinkRest(),
                flinkRpcPort != null ? flinkRpcPort : recorded.flinkRpc(),
                zookeeperPort != null ? zookeeperPort : recorded.zookeeper(),
                prometheusPort != null ? prometheusPort : recorded.prometheus());
    }

    /**
     * The checkout: {@code -Dfraudstream.home}, set by the bin/ launchers, else the working dir.
     */
    static Path home() {
        String home = System.getProperty("fraudstream.home");
        Path path = home != null ? Path.of(home) : Path.of("");
        return path.toAbsolutePath().normalize();
    }
}
