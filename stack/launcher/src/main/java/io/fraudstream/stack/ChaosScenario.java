package io.fraudstream.stack;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The named failure scenarios of {@code bin/fraudstream chaos}, each with its time bound. */
enum ChaosScenario {
    TASKMANAGER_KILL(
            "taskmanager-kill",
            "SIGKILL the busiest TaskManager three times during the replay and bring it back with"
                    + " `stack up` (at-least-once sink): nothing lost, topic duplicates counted",
            Duration.ofMinutes(10)),
    EXACTLY_ONCE(
            "exactly-once",
            "the same three TaskManager kills with the exactly-once alert sink, read with"
                    + " read_committed: no alert id twice on the topic, nothing lost",
            Duration.ofMinutes(10)),
    JOBMANAGER_FAILOVER(
            "jobmanager-failover",
            "SIGKILL the JobManager mid-replay (ZooKeeper HA); `stack up` starts a new one, which"
                    + " resumes the same job from its latest checkpoint: nothing lost",
            Duration.ofMinutes(10)),
    BROKER_RESTART(
            "broker-restart",
            "SIGKILL the Kafka broker mid-replay and start it again 5 s later: the job and the"
                    + " alert-sink resume unattended, nothing lost",
            Duration.ofMinutes(10)),
    SINK_KILL(
            "sink-kill",
            "SIGKILL the alert-sink three times: every alert stored once, every notification"
                    + " delivered at least once with its idempotency key",
            Duration.ofMinutes(8)),
    UPGRADE(
            "upgrade",
            "stop with a savepoint mid-replay and restart from it with a changed configuration"
                    + " (an added rule, features on the scores): state carries over, no"
                    + " transaction or alert lost or repeated across the switch",
            Duration.ofMinutes(10)),
    RESCALE(
            "rescale",
            "savepoint at parallelism 2 on one TaskManager, restore at parallelism 4 on two: the"
                    + " alerts equal the unscaled run's",
            Duration.ofMinutes(10)),
    POISON(
            "poison",
            "100,000 malformed and hostile records mixed into the replay: zero restarts, every bad"
                    + " record dead-lettered with its reason, every good one scored",
            Duration.ofMinutes(10)),
    SLOW_RECEIVER(
            "slow-receiver",
            "the webhook and the customer gateway fail (503) until every alert is stored, then"
                    + " answer past the timeout for 20 s: nothing lost, retries bounded, ingest not"
                    + " blocked",
            Duration.ofMinutes(10));

    private final String id;
    private final String description;
    private final Duration bound;

    ChaosScenario(String id, String description, Duration bound) {
        this.id = id;
        this.description = description;
        this.bound = bound;
    }

    String id() {
        return id;
    }

    String description() {
        return description;
    }

    Duration bound() {
        return bound;
    }

    static Optional<ChaosScenario> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
