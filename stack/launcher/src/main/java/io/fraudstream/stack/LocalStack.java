package io.fraudstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.events.Topic;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * Starts, checks and stops the local stack: a Kafka broker, a Flink session cluster (one
 * JobManager, one or more TaskManagers) and, for high availability, a ZooKeeper server; each its
 * own JVM, state under {@code var/}.
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
    private final ZooKeeperServer zookeeper;
    private final FlinkCluster flink;

    public LocalStack(StackLayout layout, StackPorts ports, PrintStream out) {
        this.layout = layout;
        this.ports = ports;
        this.out = out;
        this.java = currentJava();
        this.kafka = new KafkaBroker(layout, ports);
        this.zookeeper = new ZooKeeperServer(layout, ports);
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
     * Brings the stack up as the last {@code up} recorded it and waits until the broker answers and
     * every TaskManager is registered. Components that already run are reused and components that
     * died are started again, so calling it twice starts nothing twice, and calling it after a
     * crash brings back what crashed.
     */
    public void up(Duration timeout) {
        up(StackTopology.load(layout), timeout);
    }

    /**
     * Brings the stack up as {@code topology} says, and records it; see {@link #up(Duration)}.
     * TaskManagers beyond {@code topology} are stopped.
     */
    public void up(StackTopology topology, Duration timeout) {
        long begin = System.nanoTime();
        layout.createDirectories();
        refuseDifferentPortsWhileRunning();
        refuseHaChangeWhileRunning(topology);
        out.println("fraudstream stack, state in " + layout.show(layout.var()));

        List<ManagedProcess> taskManagers = flink.taskManagers(topology.taskManagers());
        List<ManagedProcess> startedNow = new ArrayList<>();
        try {
            boolean kafkaRunning = kafka.process().running().isPresent();
            boolean zkRunning = zookeeper.process().running().isPresent();
            boolean jmRunning = flink.jobManager().running().isPresent();
            List<ManagedProcess> tmsToStart =
                    taskManagers.stream().filter(tm -> tm.running().isEmpty()).toList();
            if (!kafkaRunning) {
                requireFree(KafkaBroker.COMPONENT, ports.kafka(), "--kafka-port");
                requireFree(KafkaBroker.COMPONENT, ports.controller(), "--controller-port");
            }
            if (topology.ha() && !zkRunning) {
                requireFree(ZooKeeperServer.COMPONENT, ports.zookeeper(), "--zookeeper-port");
            }
            if (!jmRunning) {
                requireFree(FlinkCluster.JOBMANAGER, ports.flinkRest(), "--flink-rest-port");
                requireFree(FlinkCluster.JOBMANAGER, ports.flinkRpc(), "--flink-rpc-port");
                requireFree(FlinkCluster.JOBMANAGER, ports.prometheusPort(0), "--prometheus-port");
            }
            for (ManagedProcess tm : tmsToStart) {
                requireFree(
                        tm.component(),
                        ports.prometheusPort(FlinkCluster.index(tm)),
                        "--prometheus-port");
            }
            ports.save(layout);
            topology.save(layout);
            for (ManagedProcess extra : flink.everyTaskManager()) {
                if (!taskManagers.contains(extra) && extra.running().isPresent()) {
                    stop(extra, FLINK_GRACE);
                }
            }
            if (!topology.ha() && zkRunning) {
                stop(zookeeper.process(), FLINK_GRACE);
            }

            if (!kafkaRunning) {
                kafka.writeConfig();
                if (!kafka.formatted()) {
                    out.println(
                            "  kafka          formatting storage in "
                                    + layout.show(kafka.dataDir()));
                    kafka.format(java, Duration.ofSeconds(60));
                }
                kafka.start(java);
                startedNow.add(kafka.process());
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            if (topology.ha() && !zkRunning) {
                zookeeper.writeConfig();
                zookeeper.start(java);
                startedNow.add(zookeeper.process());
                // The JobManager elects itself leader through ZooKeeper: let it answer first.
                awaitHealthy(
                        zookeeper.process(), zookeeper.logFile(), deadline, zookeeper::answers);
            }
            // A TaskManager started again replaces a registration the JobManager may still list
            // until heartbeats time out: wait for the new one (its address differs).
            Map<String, String> staleRegistrations = jmRunning ? flink.registrations() : Map.of();
            if (!jmRunning || !tmsToStart.isEmpty()) {
                flink.writeConfig(topology);
                CompletableFuture<List<List<String>>> jmParams =
                        jmRunning
                                ? null
                                : CompletableFuture.supplyAsync(
                                        () -> flink.resourceParams(java, "GET_JM_RESOURCE_PARAMS"));
                CompletableFuture<List<List<String>>> tmParams =
                        tmsToStart.isEmpty()
                                ? null
                                : CompletableFuture.supplyAsync(
                                        () -> flink.resourceParams(java, "GET_TM_RESOURCE_PARAMS"));
                if (jmParams != null) {
                    flink.start(java, flink.jobManager(), join(jmParams));
                    startedNow.add(flink.jobManager());
                }
                for (ManagedProcess tm : tmsToStart) {
                    flink.start(java, tm, join(tmParams));
                    startedNow.add(tm);
                }
            }

            List<String> created;
            try (Admin admin = kafka.admin()) {
                awaitHealthy(
                        kafka.process(),
                        kafka.logFile(),
                        deadline,
                        () -> KafkaBroker.answers(admin));
                created = KafkaBroker.createTopics(admin);
            }
            List<ManagedProcess> flinkProcesses = new ArrayList<>(taskManagers);
            flinkProcesses.add(flink.jobManager());
            awaitHealthy(
                    flinkProcesses,
                    deadline,
                    () ->
                            flink.overview()
                                            .map(o -> FlinkCluster.ready(o, taskManagers.size()))
                                            .orElse(false)
                                    && freshlyRegistered(tmsToStart, staleRegistrations));
            int slots = flink.overview().map(FlinkCluster::slots).orElse(0);

            line(
                    kafka.process(),
                    !startedNow.contains(kafka.process()),
                    ports.bootstrapServers(),
                    kafka.logFile());
            if (topology.ha()) {
                line(
                        zookeeper.process(),
                        !startedNow.contains(zookeeper.process()),
                        ports.zookeeperQuorum() + " (Flink HA)",
                        zookeeper.logFile());
            }
            line(
                    flink.jobManager(),
                    !startedNow.contains(flink.jobManager()),
                    ports.flinkRestUrl()
                            + (topology.ha() ? " (web UI, REST; HA)" : " (web UI, REST)"),
                    flink.logFile(flink.jobManager()));
            for (ManagedProcess tm : taskManagers) {
                line(
                        tm,
                        !startedNow.contains(tm),
                        taskManagers.size() == 1
                                ? slots + " slots"
                                : slots + " slots in " + taskManagers.size() + " TaskManagers",
                        flink.logFile(tm));
            }
            out.println("  prometheus     " + ports.prometheusUrl(0) + " (jobmanager)");
            for (ManagedProcess tm : taskManagers) {
                out.println(
                        "                 "
                                + ports.prometheusUrl(FlinkCluster.index(tm))
                                + " ("
                                + tm.component()
                                + ")");
            }
            out.println("  topics         " + describeTopics(created));
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

    private void refuseHaChangeWhileRunning(StackTopology topology) {
        StackTopology recorded = StackTopology.load(layout);
        boolean flinkRuns =
                flink.jobManager().running().isPresent()
                        || flink.everyTaskManager().stream()
                                .anyMatch(tm -> tm.running().isPresent());
        if (flinkRuns && recorded.ha() != topology.ha()) {
            throw new StackException(
                    "stack",
                    "the JobManager runs "
                            + (recorded.ha() ? "with" : "without")
                            + " high availability; run bin/fraudstream stack down first to change"
                            + " --ha");
        }
    }

    private void refuseDifferentPortsWhileRunning() {
        StackPorts recorded = StackPorts.load(layout);
        boolean anyRunning =
                kafka.process().running().isPresent()
                        || zookeeper.process().running().isPresent()
                        || flink.jobManager().running().isPresent()
                        || flink.everyTaskManager().stream()
                                .anyMatch(tm -> tm.running().isPresent());
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

    private boolean freshlyRegistered(List<ManagedProcess> started, Map<String, String> stale) {
        Map<String, String> now = flink.registrations();
        for (ManagedProcess tm : started) {
            String address = now.get(tm.component());
            if (address == null || address.equals(stale.get(tm.component()))) {
                return false;
            }
        }
        return true;
    }

    private void awaitHealthy(
            ManagedProcess process, Path log, long deadline, BooleanSupplier healthy) {
        awaitHealthy(List.of(process), deadline, healthy, log);
    }

    private void awaitHealthy(
            List<ManagedProcess> processes, long deadline, BooleanSupplier healthy) {
        awaitHealthy(processes, deadline, healthy, null);
    }

    /** Waits until {@code healthy}; fails naming the first of {@code processes} that exited. */
    private void awaitHealthy(
            List<ManagedProcess> processes, long deadline, BooleanSupplier healthy, Path log) {
        ManagedProcess first = processes.get(0);
        while (!healthy.getAsBoolean()) {
            for (ManagedProcess process : processes) {
                Path itsLog = log != null ? log : flink.logFile(process);
                if (process.running().isEmpty()) {
                    throw new StackException(
                            process.component(),
                            "the process exited during start-up; read "
                                    + layout.show(itsLog)
                                    + " and "
                                    + layout.show(process.outFile())
                                    + ". Last output:\n"
                                    + process.tail(20));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(
                        first.component(),
                        "not ready within the start-up timeout; read "
                                + layout.show(log != null ? log : flink.logFile(first)));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException(first.component(), "interrupted while starting");
            }
        }
    }

    private void line(ManagedProcess process, boolean wasRunning, String where, Path log) {
        long pid = process.running().map(ProcessHandle::pid).orElse(-1L);
        out.printf(
                Locale.ROOT,
                "  %-14s %-15s pid %-8d %-40s log %s%n",
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

    /**
     * Stops what this stack started: TaskManagers first, then the JobManager, ZooKeeper and the
     * broker last.
     */
    public void down() {
        List<ManagedProcess> taskManagers = flink.everyTaskManager();
        for (int i = 0; i < taskManagers.size(); i++) {
            ManagedProcess tm = taskManagers.get(i);
            if (i == 0 || tm.running().isPresent()) {
                stop(tm, FLINK_GRACE);
            }
        }
        stop(flink.jobManager(), FLINK_GRACE);
        if (zookeeper.process().running().isPresent() || StackTopology.load(layout).ha()) {
            stop(zookeeper.process(), FLINK_GRACE);
        }
        stop(kafka.process(), KAFKA_GRACE);
    }

    private void stop(ManagedProcess process, Duration grace) {
        Optional<ProcessHandle> running = process.running();
        if (running.isEmpty()) {
            process.deletePidFile();
            out.printf(Locale.ROOT, "  %-14s not running%n", process.component());
            return;
        }
        long pid = running.get().pid();
        long begin = System.nanoTime();
        process.stop(grace);
        out.printf(
                Locale.ROOT,
                "  %-14s stopped (pid %d, %.1f s)%n",
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

        StackTopology topology = StackTopology.load(layout);
        Optional<ProcessHandle> zk = zookeeper.process().running();
        if (topology.ha() || zk.isPresent()) {
            boolean zkAnswers = zk.isPresent() && zookeeper.answers();
            result.add(
                    new ComponentStatus(
                            ZooKeeperServer.COMPONENT,
                            zk.isPresent(),
                            zkAnswers,
                            zk.isEmpty()
                                    ? "not running"
                                    : (zkAnswers ? "answers on " : "does not answer on ")
                                            + ports.zookeeperQuorum()));
        }

        Optional<JsonNode> overview = flink.overview();
        Optional<ProcessHandle> jm = flink.jobManager().running();
        String ha = topology.ha() ? "high availability through ZooKeeper, " : "";
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
                                                                + ", "
                                                                + ha
                                                                + "jobs running: "
                                                                + o.path("jobs-running").asInt())
                                        .orElse(
                                                "REST does not answer on "
                                                        + ports.flinkRestUrl())));

        List<ManagedProcess> expected = flink.taskManagers(topology.taskManagers());
        int registered = overview.map(FlinkCluster::taskManagers).orElse(0);
        int slots = overview.map(FlinkCluster::slots).orElse(0);
        for (ManagedProcess tm : flink.everyTaskManager()) {
            Optional<ProcessHandle> running = tm.running();
            if (!expected.contains(tm) && running.isEmpty()) {
                continue;
            }
            boolean allRegistered = registered >= expected.size();
            result.add(
                    new ComponentStatus(
                            tm.component(),
                            running.isPresent(),
                            running.isPresent() && allRegistered,
                            running.isEmpty()
                                    ? "not running"
                                    : allRegistered
                                            ? "registered; "
                                                    + registered
                                                    + " TaskManager(s), "
                                                    + slots
                                                    + " slots"
                                            : "registered TaskManagers: "
                                                    + registered
                                                    + " of "
                                                    + expected.size()));
        }
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
                    "  %-14s %-9s %s %s%n",
                    status.component(),
                    status.healthy() ? "healthy" : (status.running() ? "UNHEALTHY" : "stopped"),
                    pid > 0 ? "pid " + pid + "," : "",
                    status.detail());
        }
        return allHealthy;
    }

    private long pidOf(String component) {
        return new ManagedProcess(component, layout).running().map(ProcessHandle::pid).orElse(-1L);
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
