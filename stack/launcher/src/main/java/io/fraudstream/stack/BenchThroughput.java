package io.fraudstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;

/**
 * One job's drain of the preloaded topic: submitted from the earliest offset, timed from the first
 * transaction its counter sees to the last, with its output and, for the fraud job, its state in
 * the first checkpoint after the drain.
 */
final class BenchThroughput {

    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * One drain's numbers: {@code records} went through between {@code firstNanos} (the first poll
     * that saw any) and {@code lastNanos} (the poll that saw the last, or the job's end).
     */
    record Result(
            BenchPeer job,
            String jobId,
            long records,
            long firstNanos,
            long lastNanos,
            long output,
            Optional<Long> scorerState,
            Optional<Long> entityState) {

        double seconds() {
            return (lastNanos - firstNanos) / 1e9;
        }

        double rate() {
            return records / seconds();
        }
    }

    private final StackLayout layout;
    private final LocalStack local;
    private final FlinkJobs jobs;
    private final Admin admin;
    private final PrintStream out;
    private final long transactions;
    private final int parallelism;

    BenchThroughput(
            StackLayout layout,
            LocalStack local,
            FlinkJobs jobs,
            Admin admin,
            PrintStream out,
            long transactions,
            int parallelism) {
        this.layout = layout;
        this.local = local;
        this.jobs = jobs;
        this.admin = admin;
        this.out = out;
        this.transactions = transactions;
        this.parallelism = parallelism;
    }

    /** Runs {@code job} until it has been through every preloaded transaction. */
    Result drain(BenchPeer job, boolean measureState) {
        String bootstrap = local.ports().bootstrapServers();
        KafkaTopics.recreate(admin, BenchTopics.ALERT_TOPIC, 4, Map.of());
        KafkaTopics.recreate(admin, BenchTopics.DLQ_TOPIC, 1, Map.of());
        KafkaTopics.recreate(admin, BenchTopics.SCORE_TOPIC, 4, Map.of());
        if (job.fraud()) {
            BenchTopics.publishRules(admin, bootstrap, job.rules());
        }
        String jobId = jobs.submit(job.entryClass(), job.args(bootstrap, parallelism)).jobId();
        try {
            jobs.awaitState(jobId, "RUNNING", Duration.ofSeconds(60));
            long first = 0;
            long seenAtFirst = 0;
            long last = 0;
            long seen = 0;
            long started = System.nanoTime();
            long deadline = started + Duration.ofMinutes(15).toNanos();
            long lastReport = started;
            while (last == 0) {
                long now = System.nanoTime();
                long before = seen;
                // a REST call that fails answers 0: progress only goes forward
                seen =
                        Math.max(
                                seen,
                                job.scorer()
                                        ? jobs.vertexMetric(
                                                jobId,
                                                BenchPeer.SCORER_VERTEX,
                                                BenchPeer.SCORED_METRIC)
                                        : jobs.lastVertexMetric(jobId, "numRecordsIn"));
                if (first == 0 && seen > 0) {
                    // the rate counts from here, over the records after this poll's
                    first = now;
                    seenAtFirst = seen;
                }
                if (seen >= transactions) {
                    last = now;
                } else if (job.bounded()
                        && seen == before
                        && jobs.state(jobId).filter("FINISHED"::equals).isPresent()) {
                    // a bounded job that ended between two polls has been through every record
                    if (first == 0) {
                        throw new StackException(
                                "bench",
                                "job "
                                        + jobId
                                        + " finished before its first progress poll: give it"
                                        + " more --transactions");
                    }
                    seen = transactions;
                    last = now;
                }
                if (now - lastReport > Duration.ofSeconds(10).toNanos()) {
                    out.printf(Locale.ROOT, "    %,d / %,d%n", seen, transactions);
                    lastReport = now;
                }
                if (now > deadline) {
                    throw new StackException(
                            "bench", "job " + jobId + " did not drain the topic within 15 min");
                }
                if (first == 0 && now - started > Duration.ofMinutes(2).toNanos()) {
                    throw new StackException(
                            "bench",
                            "job "
                                    + jobId
                                    + " read nothing in 2 min; read the TaskManager log "
                                    + layout.show(layout.log("flink-taskmanager.log")));
                }
                if (last == 0) {
                    LockSupport.parkNanos(POLL.toNanos());
                }
            }
            long output = KafkaTopics.endOffsets(admin, BenchTopics.ALERT_TOPIC);
            Map<String, Long> state =
                    measureState && job.fraud()
                            ? stateSizes(
                                    jobId,
                                    List.of(BenchPeer.SCORER_VERTEX, BenchPeer.ENTITY_VERTEX))
                            : Map.of();
            return new Result(
                    job,
                    jobId,
                    seen - seenAtFirst,
                    first,
                    last,
                    output,
                    Optional.ofNullable(state.get(BenchPeer.SCORER_VERTEX)),
                    Optional.ofNullable(state.get(BenchPeer.ENTITY_VERTEX)));
        } finally {
            // whatever it is doing (running, restarting, initialising), it gives its slots back
            if (jobs.state(jobId)
                    .filter(s -> !List.of("FINISHED", "CANCELED", "FAILED").contains(s))
                    .isPresent()) {
                jobs.cancel(jobId);
            }
            awaitSlotsFree();
        }
    }

    /**
     * The next job gets the whole TaskManager: wait until the cancelled job let go of its slots.
     */
    private void awaitSlotsFree() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> overview = local.flink().get("/overview");
            if (overview.isPresent()
                    && overview.get().path("jobs-running").asInt() == 0
                    && overview.get().path("slots-available").asInt()
                            == overview.get().path("slots-total").asInt()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** TaskManagers and their slots, for the report's heading. */
    String cluster() {
        return local.flink()
                .get("/overview")
                .map(
                        o ->
                                o.path("taskmanagers").asInt()
                                        + " TaskManager(s), "
                                        + o.path("slots-total").asInt()
                                        + " slots")
                .orElse("cluster overview unavailable");
    }

    /**
     * The state of each named vertex in the first checkpoint completed after the drain, in bytes;
     * vertices the job does not have are left out.
     */
    private Map<String, Long> stateSizes(String jobId, List<String> vertexNames) {
        Map<String, String> ids = new HashMap<>();
        for (String name : vertexNames) {
            jobs.vertexId(jobId, name).ifPresent(id -> ids.put(name, id));
        }
        long drained = System.currentTimeMillis();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ids.isEmpty() && System.nanoTime() < deadline) {
            Optional<JsonNode> latest =
                    local.flink()
                            .get("/jobs/" + jobId + "/checkpoints")
                            .map(c -> c.path("latest").path("completed"));
            if (latest.isPresent()
                    && !latest.get().isMissingNode()
                    && !latest.get().isNull()
                    && latest.get().path("trigger_timestamp").asLong() > drained) {
                long id = latest.get().path("id").asLong();
                Optional<JsonNode> details =
                        local.flink().get("/jobs/" + jobId + "/checkpoints/details/" + id);
                Map<String, Long> sizes = new HashMap<>();
                details.ifPresent(
                        d ->
                                ids.forEach(
                                        (name, vertex) ->
                                                sizes.put(
                                                        name,
                                                        d.path("tasks")
                                                                .path(vertex)
                                                                .path("state_size")
                                                                .asLong())));
                return sizes;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        return Map.of();
    }
}
