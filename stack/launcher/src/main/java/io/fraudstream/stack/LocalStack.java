package io.fraudstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.events.Topic;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * Starts, checks and stops the local stack: a Kafka broker and a Flink session cluster (one
 * JobManager, one TaskManager), each its own JVM, state under {@code var/}.
 */
public final class LocalStack {

    private static final Duration KAFKA_GRACE = Duration.ofSeconds(60);
    private static final Duration FLINK_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final StackLayout layout;
    private final StackPorts ports;
    private final PrintStream out;
    private final String java;
    private final KafkaBroker kafka;
    private final FlinkCluster flink;

    public LocalStack(StackLayout layout, StackPorts ports, PrintStream out) {
        this.layout = layout;
        this.ports = ports;
        this.out = out;
        this.java = currentJava();
        this.kafka = new KafkaBroker(layout, ports);
        this.flink = new FlinkCluster(layout, ports);
    }

    public StackPorts ports() {
        return ports;
    }

    public StackLayout layout() {
        return layout;
    }

    static String currentJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Brings the stack up and waits until the broker answers and the TaskManager is registered.
     * Components that already run are reused, so calling it twice starts nothing twice.
     */
    public void up(Duration timeout) {
        long begin = System.nanoTime();
        layout.createDirectories();
        refuseDifferentPortsWhileRunning();
        out.println("fraudstream stack, state in " + layout.show(layout.var()));

        List<ManagedProcess> startedNow = new ArrayList<>();
        try {
            boolean kafkaRunning = kafka.process().running().isPresent();
            boolean jmRunning = flink.jobManager().running().isPresent();
            boolean tmRunning = flink.taskManager().running().isPresent();
            if (!kafkaRunning) {
                requireFree(KafkaBroker.COMPONENT, ports.kafka(), "--kafka-port");
                requireFree(KafkaBroker.COMPONENT, ports.controller(), "--controller-port");
            }
            if (!jmRunning) {
                requireFree(FlinkCluster.JOBMANAGER, ports.flinkRest(), "--flink-rest-port");
                requireFree(FlinkCluster.JOBMANAGER, ports.flinkRpc(), "--flink-rpc-port");
            }
            ports.save(layout);

            if (!kafkaRunning) {
                kafka.writeConfig();
                if (!kafka.formatted()) {
                    out.println(
                            "  kafka        formatting storage in " + layout.show(kafka.dataDir()));
                    kafka.format(java, Duration.ofSeconds(60));
                }
                kafka.start(java);
                startedNow.add(kafka.process());
            }
            if (!jmRunning || !tmRunning) {
                flink.writeConfig();
                CompletableFuture<List<List<String>>> jmParams =
                        jmRunning
                                ? null
                                : CompletableFuture.supplyAsync(
                                        () -> flink.resourceParams(java, "GET_JM_RESOURCE_PARAMS"));
                CompletableFuture<List<List<String>>> tmParams =
                        tmRunning
                                ? null
                                : CompletableFuture.supplyAsync(
                                        () -> flink.resourceParams(java, "GET_TM_RESOURCE_PARAMS"));
                if (jmParams != null) {
                    flink.start(java, flink.jobManager(), join(jmParams));
                    startedNow.add(flink.jobManager());
                }
                if (tmParams != null) {
                    flink.start(java, flink.taskManager(), join(tmParams));
                    startedNow.add(flink.taskManager());
                }
            }

            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> created;
            try (Admin admin = kafka.admin()) {
                awaitHealthy(
                        kafka.process(),
                        kafka.logFile(),
                        deadline,
                        () -> KafkaBroker.answers(admin));
                created = KafkaBroker.createTopics(admin);
            }
            awaitHealthy(
                    flink.taskManager(),
                    flink.logFile(flink.taskManager()),
                    deadline,
                    () -> flink.overview().map(FlinkCluster::ready).orElse(false));
            int slots = flink.overview().map(FlinkCluster::slots).orElse(0);

            line(kafka.process(), kafkaRunning, ports.bootstrapServers(), kafka.logFile());
            line(
                    flink.jobManager(),
                    jmRunning,
                    ports.flinkRestUrl() + " (web UI, REST)",
                    flink.logFile(flink.jobManager()));
            line(
                    flink.taskManager(),
                    tmRunning,
                    slots + " slots",
                    flink.logFile(flink.taskManager()));
            out.println("  topics       " + describeTopics(created));
            out.printf(
                    Locale.ROOT,
                    "ready in %.1f s; status: bin/fraudstream stack status; stop: bin/fraudstream"
                            + " stack down%n",
                    (System.nanoTime() - begin) / 1e9);
        } catch (RuntimeException e) {
            for (int i = startedNow.size() - 1; i >= 0; i--) {
                startedNow.get(i).stop(FLINK_GRACE);
            }
            throw e;
        }
    }

    private void refuseDifferentPortsWhileRunning() {
        StackPorts recorded = StackPorts.load(layout);
        boolean anyRunning =
                kafka.process().running().isPresent()
                        || flink.jobManager().running().isPresent()
                        || flink.taskManager().running().isPresent();
        if (anyRunning && !recorded.equals(ports)) {
            throw new StackException(
                    "stack",
                    "already running in "
                            + layout.show(layout.var())
                            + " with "
                            + recorded
                            + "; run bin/fraudstream stack down first to change ports");
        }
    }

    private void requireFree(String component, int port, String option) {
        if (StackPorts.inUse(port)) {
            throw new StackException(
                    component,
                    "port "
                            + port
                            + " on "
                            + StackPorts.HOST
                            + " is already in use by a process this stack did not start; stop"
                            + " that process or choose another port with "
                            + option);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void awaitHealthy(
            ManagedProcess process, Path log, long deadline, BooleanSupplier healthy) {
        while (!healthy.getAsBoolean()) {
            if (process.running().isEmpty()) {
                throw new StackException(
                        process.component(),
                        "the process exited during start-up; read "
                                + layout.show(log)
                                + " and "
                                + layout.show(process.outFile())
                                + ". Last output:\n"
                                + process.tail(20));
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(
                        process.component(),
                        "not ready within the start-up timeout; read " + layout.show(log));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException(process.component(), "interrupted while starting");
            }
        }
    }

    private void line(ManagedProcess process, boolean wasRunning, String where, Path log) {
        long pid = process.running().map(ProcessHandle::pid).orElse(-1L);
        out.printf(
                Locale.ROOT,
                "  %-12s %-15s pid %-8d %-40s log %s%n",
                process.component(),
                wasRunning ? "already running" : "started",
                pid,
                where,
                layout.show(log));
    }

    private static String describeTopics(List<String> created) {
        StringBuilder s = new StringBuilder();
        for (Topic topic : Topic.values()) {
            s.append(topic.defaultName()).append('(').append(topic.defaultPartitions());
            if (topic.compacted()) {
                s.append(", compacted");
            }
            s.append(") ");
        }
        s.append(created.isEmpty() ? "- all existed" : "- created " + created.size());
        return s.toString();
    }

    /** Stops what this stack started, TaskManager first and the broker last. */
    public void down() {
        stop(flink.taskManager(), FLINK_GRACE);
        stop(flink.jobManager(), FLINK_GRACE);
        stop(kafka.process(), KAFKA_GRACE);
    }

    private void stop(ManagedProcess process, Duration grace) {
        Optional<ProcessHandle> running = process.running();
        if (running.isEmpty()) {
            process.deletePidFile();
            out.printf(Locale.ROOT, "  %-12s not running%n", process.component());
            return;
        }
        long pid = running.get().pid();
        long begin = System.nanoTime();
        process.stop(grace);
        out.printf(
                Locale.ROOT,
                "  %-12s stopped (pid %d, %.1f s)%n",
                process.component(),
                pid,
                (System.nanoTime() - begin) / 1e9);
    }

    /** Health of each component; see {@link #status()}. */
    public record ComponentStatus(
            String component, boolean running, boolean healthy, String detail) {}

    /** Reports each component, healthy or not. */
    public List<ComponentStatus> status() {
        List<ComponentStatus> result = new ArrayList<>();
        Optional<ProcessHandle> kafkaProcess = kafka.process().running();
        boolean kafkaAnswers = false;
        if (kafkaProcess.isPresent()) {
            try (Admin admin = kafka.admin()) {
                kafkaAnswers = KafkaBroker.answers(admin);
            }
        }
        result.add(
                new ComponentStatus(
                        KafkaBroker.COMPONENT,
                        kafkaProcess.isPresent(),
                        kafkaAnswers,
                        kafkaProcess.isEmpty()
                                ? "not running"
                                : (kafkaAnswers ? "answers on " : "does not answer on ")
                                        + ports.bootstrapServers()));

        Optional<JsonNode> overview = flink.overview();
        Optional<ProcessHandle> jm = flink.jobManager().running();
        result.add(
                new ComponentStatus(
                        FlinkCluster.JOBMANAGER,
                        jm.isPresent(),
                        jm.isPresent() && overview.isPresent(),
                        jm.isEmpty()
                                ? "not running"
                                : overview.map(
                                                o ->
                                                        "REST and web UI on "
                                                                + ports.flinkRestUrl()
                                                                + ", jobs running: "
                                                                + o.path("jobs-running").asInt())
                                        .orElse(
                                                "REST does not answer on "
                                                        + ports.flinkRestUrl())));

        Optional<ProcessHandle> tm = flink.taskManager().running();
        int registered = overview.map(FlinkCluster::taskManagers).orElse(0);
        int slots = overview.map(FlinkCluster::slots).orElse(0);
        result.add(
                new ComponentStatus(
                        FlinkCluster.TASKMANAGER,
                        tm.isPresent(),
                        tm.isPresent() && registered >= 1,
                        tm.isEmpty()
                                ? "not running"
                                : registered >= 1
                                        ? "registered, " + slots + " slots"
                                        : "not registered with the JobManager"));
        return result;
    }

    /** Prints {@link #status()}; returns whether every component is healthy. */
    public boolean printStatus() {
        boolean allHealthy = true;
        for (ComponentStatus status : status()) {
            allHealthy &= status.healthy();
            long pid = pidOf(status.component());
            out.printf(
                    Locale.ROOT,
                    "  %-12s %-9s %s %s%n",
                    status.component(),
                    status.healthy() ? "healthy" : (status.running() ? "UNHEALTHY" : "stopped"),
                    pid > 0 ? "pid " + pid + "," : "",
                    status.detail());
        }
        return allHealthy;
    }

    private long pidOf(String component) {
        ManagedProcess process =
                switch (component) {
                    case KafkaBroker.COMPONENT -> kafka.process();
                    case FlinkCluster.JOBMANAGER -> flink.jobManager();
                    default -> flink.taskManager();
                };
        return process.running().map(ProcessHandle::pid).orElse(-1L);
    }

    /** Whether the whole stack runs and answers. */
    public boolean healthy() {
        return status().stream().allMatch(ComponentStatus::healthy);
    }

    /** The classpath and JVM options to run Flink's CLI front end against this stack. */
    public FlinkCluster flink() {
        return flink;
    }
}
