package io.fraudstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.events.HostileRecords;
import io.fraudstream.events.RuleStatus;
import io.fraudstream.events.RuleStatusCodec;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs the chaos scenarios against the real local stack. One preloaded replay (transactions and the
 * verdicts the generator delays by a day) feeds every scenario; a clean run of the job over it
 * gives the expected alerts and scores. Each scenario then runs the job and an alert-sink on its
 * own topics and store, breaks something on purpose at set points of the replay (measured on its
 * scores topic), waits for everything to settle within its time bound, and counts per stage what
 * was expected, observed, lost, duplicated and unexpected.
 */
final class ChaosSuite {

    static final String TX_TOPIC = ChaosReplay.TX_TOPIC;
    static final String VERDICT_TOPIC = ChaosReplay.VERDICT_TOPIC;
    static final String POISON_TOPIC = ChaosReplay.POISON_TOPIC;
    static final int MAX_ATTEMPTS = 30;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    static final ChaosReceiver.Behaviour SLOW =
            new ChaosReceiver.Behaviour(true, Duration.ofSeconds(20), Duration.ofSeconds(3));

    /** One stage's count: expected, distinct observed, lost, extra records, not expected. */
    record Stage(
            String name,
            long expected,
            long observed,
            long lost,
            long duplicated,
            long unexpected) {
        boolean complete() {
            return lost == 0 && unexpected == 0;
        }
    }

    /** A scenario-specific check with what it saw. */
    record Check(String name, boolean pass, String detail) {}

    record Outcome(
            ChaosScenario scenario,
            boolean pass,
            double seconds,
            List<Stage> stages,
            List<Check> checks,
            String error) {}

    /** The clean run's result: what every scenario must deliver. */
    record Expected(ChaosTally.Alerts alerts, ChaosTally.Scores scores, double seconds) {}

    /** The topics of one scenario. */
    record Topics(String prefix) {
        String alerts() {
            return prefix + "-alerts";
        }

        String deadLetters() {
            return prefix + "-dlq";
        }

        String scores() {
            return prefix + "-scores";
        }

        String rules() {
            return prefix + "-rules";
        }

        String rulesStatus() {
            return prefix + "-rules-status";
        }

        String ruleHits() {
            return prefix + "-rule-hits";
        }

        String sinkVerdicts() {
            return prefix + "-sink-verdicts";
        }

        void recreate(Admin admin) {
            KafkaTopics.recreate(admin, alerts(), 4, Map.of());
            KafkaTopics.recreate(admin, deadLetters(), 1, Map.of());
            KafkaTopics.recreate(admin, scores(), 4, Map.of());
            KafkaTopics.recreate(admin, rules(), 1, Map.of("cleanup.policy", "compact"));
            KafkaTopics.recreate(admin, rulesStatus(), 1, Map.of("cleanup.policy", "compact"));
            KafkaTopics.recreate(admin, ruleHits(), 1, Map.of());
            KafkaTopics.recreate(admin, sinkVerdicts(), 2, Map.of());
        }

        void delete(Admin admin) {
            // The scores are the bulk (a record per transaction): drop them once counted.
            try {
                admin.deleteTopics(List.of(scores())).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // kept; the next run of the scenario recreates it
            }
        }
    }

    private final StackLayout layout;
    private final LocalStack local;
    private final LocalStack quiet;
    private final FlinkJobs jobs;
    private final PrintStream out;
    private final long transactions;
    private final int accounts;
    private final String bootstrap;
    private final Path dir;
    private Map<String, HostileRecords.Record> hostile = Map.of();

    /** The admin client that watches progress; it reconnects by itself after a broker restart. */
    private Admin poller;

    ChaosSuite(
            StackLayout layout,
            StackPorts ports,
            PrintStream out,
            long transactions,
            int accounts) {
        this.layout = layout;
        this.out = out;
        this.local = new LocalStack(layout, ports, out);
        this.quiet =
                new LocalStack(layout, ports, new PrintStream(OutputStream.nullOutputStream()));
        this.jobs = new FlinkJobs(layout, local.flink());
        this.transactions = transactions;
        this.accounts = accounts;
        this.bootstrap = ports.bootstrapServers();
        this.dir = layout.var().resolve("chaos");
    }

    static StackTopology topology(int taskManagers) {
        return new StackTopology(taskManagers, true);
    }

    /** Runs the scenarios one after another; returns their outcomes. */
    List<Outcome> run(List<ChaosScenario> scenarios) {
        local.up(topology(2), Duration.ofSeconds(180));
        List<Outcome> outcomes = new ArrayList<>();
        try (Admin admin = admin();
                ChaosReceiver receiver = new ChaosReceiver()) {
            poller = admin;
            ChaosReplay replay = new ChaosReplay(layout, bootstrap, out, transactions, accounts);
            replay.preload(admin);
            if (scenarios.contains(ChaosScenario.POISON)) {
                hostile = replay.preloadPoison(admin);
            }
            Expected expected = cleanRun(admin);
            for (ChaosScenario scenario : scenarios) {
                out.printf(Locale.ROOT, "%n== %s: %s%n", scenario.id(), scenario.description());
                Outcome outcome = runOne(scenario, admin, receiver, expected);
                outcomes.add(outcome);
                print(outcome);
            }
        }
        return outcomes;
    }

    private Admin admin() {
        return Admin.create(
                Map.of(
                        "bootstrap.servers", bootstrap,
                        "request.timeout.ms", 5000,
                        "default.api.timeout.ms", 10000));
    }

    // --- runs --------------------------------------------------------------------------------

    private List<String> jobArgs(
            Topics topics, String input, String guarantee, int parallelism, Path rulesDir) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka.bootstrap-servers", bootstrap,
                                "--kafka.topics.transactions", input,
                                "--kafka.topics.alerts", topics.alerts(),
                                "--kafka.topics.dead-letters", topics.deadLetters(),
                                "--kafka.topics.scores", topics.scores(),
                                "--kafka.topics.verdicts", VERDICT_TOPIC,
                                "--kafka.topics.rules", topics.rules(),
                                "--kafka.topics.rules-status", topics.rulesStatus(),
                                "--kafka.topics.rule-hits", topics.ruleHits(),
                                "--kafka.starting-offsets", "earliest",
                                "--kafka.group-id",
                                        topics.prefix() + "-" + System.currentTimeMillis(),
                                "--kafka.sink.delivery-guarantee", guarantee,
                                "--kafka.sink.transactional-id-prefix",
                                        topics.prefix() + "-" + System.currentTimeMillis(),
                                "--job.parallelism", Integer.toString(parallelism),
                                "--job.name", topics.prefix(),
                                "--rules.dir", rulesDir.toString()));
        return args;
    }

    private Expected cleanRun(Admin admin) {
        Topics topics = new Topics("chaos-clean");
        topics.recreate(admin);
        quiet.up(topology(2), Duration.ofSeconds(180));
        out.printf(Locale.ROOT, "clean run: the job over the replay, nothing broken ...%n");
        long begin = System.nanoTime();
        String jobId =
                jobs.submit(
                                null,
                                jobArgs(
                                        topics,
                                        TX_TOPIC,
                                        "at-least-once",
                                        2,
                                        layout.conf().resolve("rules")))
                        .jobId();
        awaitDone(jobId, topics, System.nanoTime() + Duration.ofMinutes(10).toNanos());
        double seconds = (System.nanoTime() - begin) / 1e9;
        Expected expected =
                new Expected(
                        ChaosTally.alerts(bootstrap, topics.alerts()),
                        ChaosTally.scores(bootstrap, topics.scores()),
                        seconds);
        topics.delete(admin);
        out.printf(
                Locale.ROOT,
                "clean run: %,d alerts (%,d BLOCK), %,d transactions scored, in %.0f s%n",
                expected.alerts().ids().size(),
                expected.alerts().blocks().size(),
                expected.scores().distinct().length,
                seconds);
        if (expected.scores().distinct().length != transactions) {
            throw new StackException(
                    "chaos",
                    "the clean run scored "
                            + expected.scores().distinct().length
                            + " distinct transactions of "
                            + transactions);
        }
        return expected;
    }

    private Outcome runOne(
            ChaosScenario scenario, Admin admin, ChaosReceiver receiver, Expected expected) {
        long begin = System.nanoTime();
        long deadline = begin + scenario.bound().toNanos();
        Topics topics = new Topics("chaos-" + scenario.id());
        List<Check> checks = new ArrayList<>();
        topics.recreate(admin);
        receiver.reset(
                scenario == ChaosScenario.SLOW_RECEIVER ? SLOW : ChaosReceiver.Behaviour.WELL);
        Path scenarioDir = dir.resolve(scenario.id());
        try (ChaosAlertSink sink =
                new ChaosAlertSink(
                        layout,
                        scenarioDir,
                        bootstrap,
                        topics.alerts(),
                        topics.sinkVerdicts(),
                        receiver,
                        MAX_ATTEMPTS,
                        MAX_BACKOFF)) {
            sink.start();
            quiet.up(topology(scenario == ChaosScenario.RESCALE ? 1 : 2), Duration.ofSeconds(180));
            String input = scenario == ChaosScenario.POISON ? POISON_TOPIC : TX_TOPIC;
            String guarantee =
                    scenario == ChaosScenario.EXACTLY_ONCE ? "exactly-once" : "at-least-once";
            Path rules = layout.conf().resolve("rules");
            String jobId = jobs.submit(null, jobArgs(topics, input, guarantee, 2, rules)).jobId();
            jobs.awaitState(jobId, "RUNNING", Duration.ofSeconds(90));
            out.printf(Locale.ROOT, "  job %s running%n", jobId);
            Map<TopicPartition, Long> switchAt = null;
            switch (scenario) {
                case TASKMANAGER_KILL, EXACTLY_ONCE -> {
                    int kills = 0;
                    for (double at : new double[] {0.25, 0.5, 0.75}) {
                        awaitProgress(topics, at, deadline);
                        String killed = killBusiestTaskManager();
                        quiet.up(topology(2), Duration.ofSeconds(180));
                        kills += killed == null ? 0 : 1;
                        out.printf(
                                Locale.ROOT,
                                "  %.0f %%: killed %s (SIGKILL), started it again%n",
                                at * 100,
                                killed);
                    }
                    awaitDone(jobId, topics, deadline);
                    long restarts = restarts(jobId);
                    checks.add(
                            new Check(
                                    "job restarted after each kill",
                                    kills == 3 && restarts >= kills,
                                    kills + " kills, " + restarts + " restarts"));
                }
                case JOBMANAGER_FAILOVER -> {
                    awaitProgress(topics, 0.5, deadline);
                    awaitCheckpoint(jobId, deadline);
                    if (!kill(local.flink().jobManager())) {
                        throw new StackException("chaos", "no JobManager ran to kill");
                    }
                    out.printf(Locale.ROOT, "  50 %%: killed the JobManager (SIGKILL)%n");
                    long down = System.nanoTime();
                    quiet.up(topology(2), Duration.ofSeconds(180));
                    out.printf(
                            Locale.ROOT,
                            "  a new JobManager answers after %.1f s%n",
                            (System.nanoTime() - down) / 1e9);
                    awaitDone(jobId, topics, deadline);
                    long restored =
                            local.flink()
                                    .get("/jobs/" + jobId + "/checkpoints")
                                    .map(
                                            c ->
                                                    c.path("latest")
                                                            .path("restored")
                                                            .path("id")
                                                            .asLong(-1))
                                    .orElse(-1L);
                    checks.add(
                            new Check(
                                    "same job resumed from a checkpoint",
                                    restored > 0,
                                    "job " + jobId + " restored checkpoint " + restored));
                }
                case BROKER_RESTART -> {
                    awaitProgress(topics, 0.5, deadline);
                    if (!kill(new ManagedProcess(KafkaBroker.COMPONENT, layout))) {
                        throw new StackException("chaos", "no broker ran to kill");
                    }
                    out.printf(Locale.ROOT, "  50 %%: killed the broker (SIGKILL)%n");
                    LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
                    long down = System.nanoTime();
                    quiet.up(topology(2), Duration.ofSeconds(180));
                    out.printf(
                            Locale.ROOT,
                            "  broker started again, answering after %.1f s%n",
                            (System.nanoTime() - down) / 1e9 + 5);
                    long restarts = restarts(jobId);
                    awaitDone(jobId, topics, deadline);
                    checks.add(
                            new Check(
                                    "job and alert-sink carried on unattended",
                                    sink.alive(),
                                    "the job never resubmitted ("
                                            + restarts
                                            + " restarts by the time the broker answered), the"
                                            + " alert-sink "
                                            + (sink.alive() ? "never restarted" : "died")));
                }
                case SINK_KILL -> {
                    for (double at : new double[] {0.25, 0.5, 0.75}) {
                        awaitProgress(topics, at, deadline);
                        sink.kill();
                        sink.start();
                        out.printf(
                                Locale.ROOT,
                                "  %.0f %%: killed the alert-sink (SIGKILL), started it again%n",
                                at * 100);
                    }
                    awaitDone(jobId, topics, deadline);
                }
                case UPGRADE -> {
                    awaitProgress(topics, 0.5, deadline);
                    String savepoint =
                            jobs.stopWithSavepoint(
                                    jobId,
                                    scenarioDir.resolve("savepoints"),
                                    Duration.ofMinutes(2));
                    jobs.awaitState(jobId, "FINISHED", Duration.ofMinutes(1));
                    switchAt = endOffsets(topics.scores());
                    List<String> args = jobArgs(topics, input, guarantee, 2, rules);
                    args.addAll(List.of("--scores.features", "true"));
                    jobId = jobs.submit(null, savepoint, args).jobId();
                    jobs.awaitState(jobId, "RUNNING", Duration.ofSeconds(90));
                    checks.add(restoredFrom(jobId, savepoint));
                    // Rule files are read only by a job that starts without state; a restored
                    // job takes rule changes from the rules topic, as `rules apply` sends them.
                    publishRule(topics, UPGRADE_RULE, upgradeRule());
                    out.printf(
                            Locale.ROOT,
                            "  50 %%: stopped with savepoint %s; job %s restored from it with an"
                                    + " added rule and features on the scores%n",
                            savepoint,
                            jobId);
                    awaitDone(jobId, topics, deadline);
                    String status = awaitRuleStatus(topics, UPGRADE_RULE, deadline);
                    checks.add(
                            new Check(
                                    "added rule accepted",
                                    status.contains("ACCEPTED"),
                                    UPGRADE_RULE + " " + status));
                }
                case RESCALE -> {
                    awaitProgress(topics, 0.5, deadline);
                    String savepoint =
                            jobs.stopWithSavepoint(
                                    jobId,
                                    scenarioDir.resolve("savepoints"),
                                    Duration.ofMinutes(2));
                    jobs.awaitState(jobId, "FINISHED", Duration.ofMinutes(1));
                    switchAt = endOffsets(topics.scores());
                    quiet.up(topology(2), Duration.ofSeconds(180));
                    List<String> args = jobArgs(topics, input, guarantee, 4, rules);
                    jobId = jobs.submit(null, savepoint, args).jobId();
                    jobs.awaitState(jobId, "RUNNING", Duration.ofSeconds(90));
                    checks.add(restoredFrom(jobId, savepoint));
                    out.printf(
                            Locale.ROOT,
                            "  50 %%: savepoint at parallelism 2 on one TaskManager; job %s"
                                    + " restored at parallelism 4 on two%n",
                            jobId);
                    awaitDone(jobId, topics, deadline);
                    int parallelism =
                            local.flink()
                                    .get("/jobs/" + jobId)
                                    .map(
                                            j ->
                                                    j.path("vertices")
                                                            .path(0)
                                                            .path("parallelism")
                                                            .asInt())
                                    .orElse(0);
                    checks.add(
                            new Check(
                                    "restored at parallelism 4",
                                    parallelism == 4,
                                    "parallelism " + parallelism));
                }
                case POISON, SLOW_RECEIVER -> awaitDone(jobId, topics, deadline);
            }
            long jobDone = System.nanoTime();
            ChaosTally.Alerts onTopic = ChaosTally.alerts(bootstrap, topics.alerts());
            ChaosAlertSink.Stored stored = awaitStored(sink, onTopic.ids().size(), deadline);
            long storedAt = System.nanoTime();
            if (scenario == ChaosScenario.SLOW_RECEIVER) {
                long delivered =
                        receiver.keys(ChaosReceiver.WEBHOOK).size()
                                + receiver.keys(ChaosReceiver.CUSTOMER).size();
                checks.add(
                        new Check(
                                "ingest not blocked by failing deliveries",
                                stored.alertIds().size() >= onTopic.ids().size() && delivered == 0,
                                String.format(
                                        Locale.ROOT,
                                        "%,d of %,d alerts stored %.1f s after the job was done,"
                                                + " %,d notifications delivered by then",
                                        stored.alertIds().size(),
                                        onTopic.ids().size(),
                                        (storedAt - jobDone) / 1e9,
                                        delivered)));
                receiver.release();
            }
            stored = awaitDelivered(sink, receiver, expected, deadline);
            if (scenario == ChaosScenario.SLOW_RECEIVER) {
                checks.add(
                        new Check(
                                "retries bounded",
                                stored.maxAttempts() <= MAX_ATTEMPTS && receiver.refused() > 0,
                                receiver.refused()
                                        + " requests refused or answered too late, at most "
                                        + stored.maxAttempts()
                                        + " attempts per notification (limit "
                                        + MAX_ATTEMPTS
                                        + ")"));
            }
            List<Stage> stages = new ArrayList<>();
            stages.add(
                    alertStage("alerts on the topic", expected.alerts().ids(), onTopic.records()));
            Map<String, Integer> storedCounts = new HashMap<>();
            stored.alertIds().forEach(id -> storedCounts.merge(id, 1, Integer::sum));
            stages.add(alertStage("alerts in the store", expected.alerts().ids(), storedCounts));
            ChaosTally.SplitScores split =
                    ChaosTally.scores(
                            bootstrap, topics.scores(), switchAt == null ? Map.of() : switchAt);
            ChaosTally.Scores scores = split.all();
            stages.add(scoreStage("scores", expected.scores().distinct(), scores));
            stages.add(
                    alertStage(
                            "webhook deliveries",
                            expected.alerts().ids(),
                            counts(receiver.delivered(ChaosReceiver.WEBHOOK), stored)));
            stages.add(
                    alertStage(
                            "customer messages",
                            expected.alerts().blocks(),
                            counts(receiver.delivered(ChaosReceiver.CUSTOMER), stored)));
            long failed =
                    stored.notificationStates().values().stream()
                            .mapToLong(s -> s.getOrDefault("FAILED", 0L))
                            .sum();
            checks.add(new Check("no notification FAILED", failed == 0, failed + " FAILED"));
            if (scenario == ChaosScenario.EXACTLY_ONCE || scenario == ChaosScenario.UPGRADE) {
                checks.add(
                        new Check(
                                "no alert twice on the topic",
                                stages.get(0).duplicated() == 0,
                                stages.get(0).duplicated() + " repeated"));
            }
            if (switchAt != null) {
                checks.add(switchCheck(split, scenario == ChaosScenario.UPGRADE));
            }
            if (scenario == ChaosScenario.POISON) {
                checks.addAll(poisonChecks(topics, jobId));
            }
            topics.delete(admin);
            double seconds = (System.nanoTime() - begin) / 1e9;
            boolean inTime = System.nanoTime() <= deadline;
            checks.add(
                    new Check(
                            "within " + scenario.bound().toMinutes() + " min",
                            inTime,
                            String.format(Locale.ROOT, "%.0f s", seconds)));
            boolean pass =
                    stages.stream().allMatch(Stage::complete)
                            && checks.stream().allMatch(Check::pass);
            return new Outcome(scenario, pass, seconds, stages, checks, null);
        } catch (RuntimeException e) {
            return new Outcome(
                    scenario,
                    false,
                    (System.nanoTime() - begin) / 1e9,
                    List.of(),
                    checks,
                    e instanceof StackException ? e.getMessage() : e.toString());
        } finally {
            try {
                cancelRunningJobs();
                quiet.up(topology(2), Duration.ofSeconds(180));
            } catch (RuntimeException e) {
                out.println("  could not restore the stack after " + scenario.id() + ": " + e);
            }
        }
    }

    static final String UPGRADE_RULE = "chaos-upgrade-account-spend";

    /**
     * One more ACTIVE rule. Its threshold is out of this replay's reach, so the expected alerts
     * stay the clean run's: what the scenario proves is that the new job accepts the change and
     * carries every window, history and cooldown over unchanged.
     */
    private static String upgradeRule() {
        return "{\"id\": \""
                + UPGRADE_RULE
                + "\", \"version\": 1, \"mode\": \"ACTIVE\", \"groupBy\": [\"accountId\"],"
                + " \"aggregate\": {\"function\": \"SUM\", \"field\": \"amount\"}, \"window\":"
                + " \"1 h\", \"condition\": {\"op\": \">\", \"threshold\": 50000000}, \"score\":"
                + " 0.9}";
    }

    private void publishRule(Topics topics, String id, String json) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            producer.send(
                    new ProducerRecord<>(
                            topics.rules(),
                            id.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.flush();
        }
    }

    private String awaitRuleStatus(Topics topics, String ruleId, long deadline) {
        String status = ruleStatus(topics, ruleId);
        while (status.equals("missing") && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            status = ruleStatus(topics, ruleId);
        }
        return status;
    }

    /** The rule's latest status on the scenario's status topic, e.g. {@code ACCEPTED v1}. */
    private String ruleStatus(Topics topics, String ruleId) {
        String[] status = {"missing"};
        KafkaTopics.readAll(
                bootstrap,
                topics.rulesStatus(),
                record -> {
                    RuleStatus s = RuleStatusCodec.INSTANCE.decode(record.value());
                    if (s.ruleId().equals(ruleId)) {
                        status[0] = s.status() + " v" + s.version();
                    }
                });
        return status[0];
    }

    /** Whether the job restored the savepoint (not a fresh start from the earliest offsets). */
    private Check restoredFrom(String jobId, String savepoint) {
        JsonNode restored =
                local.flink()
                        .get("/jobs/" + jobId + "/checkpoints")
                        .map(c -> c.path("latest").path("restored"))
                        .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        String path = restored.path("external_path").asText("none");
        return new Check(
                "restored from the savepoint",
                restored.path("is_savepoint").asBoolean(false)
                        && path.replace("file:", "").equals(savepoint.replace("file:", "")),
                "restored " + path);
    }

    /**
     * Scores before the switch and after it: together every transaction once; with {@code
     * features}, the new configuration's features on every score after it and none before.
     */
    private Check switchCheck(ChaosTally.SplitScores split, boolean features) {
        ChaosTally.Scores before = split.before();
        ChaosTally.Scores after = split.after();
        long both =
                before.distinct().length - ChaosTally.missing(before.distinct(), after.distinct());
        boolean pass =
                both == 0
                        && before.distinct().length + after.distinct().length == transactions
                        && (!features
                                || after.withFeatures() == after.total()
                                        && before.withFeatures() == 0);
        return new Check(
                features
                        ? "switch exact and the new configuration in effect"
                        : "switch exact: every transaction scored once across it",
                pass,
                String.format(
                                Locale.ROOT,
                                "%,d scored before the savepoint, %,d after, %,d by both",
                                before.distinct().length,
                                after.distinct().length,
                                both)
                        + (features
                                ? String.format(
                                        Locale.ROOT,
                                        "; scores with features: %,d before, %,d of %,d after",
                                        before.withFeatures(),
                                        after.withFeatures(),
                                        after.total())
                                : ""));
    }

    private List<Check> poisonChecks(Topics topics, String jobId) {
        Map<String, String> letters = ChaosTally.deadLetterReasons(bootstrap, topics.deadLetters());
        long missing = 0;
        long wrongReason = 0;
        String example = "";
        for (Map.Entry<String, HostileRecords.Record> sent : hostile.entrySet()) {
            String reason = letters.get(sent.getKey());
            if (reason == null) {
                missing++;
            } else if (!reason.contains(sent.getValue().reason())) {
                wrongReason++;
                if (example.isEmpty()) {
                    example = "; e.g. " + sent.getValue().kind() + ": " + reason;
                }
            }
        }
        long restarts = restarts(jobId);
        return List.of(
                new Check("zero job restarts", restarts == 0, restarts + " restarts"),
                new Check(
                        "every hostile record dead-lettered with its reason",
                        missing == 0 && wrongReason == 0 && letters.size() == hostile.size(),
                        String.format(
                                Locale.ROOT,
                                "%,d hostile sent, %,d dead letters, %,d missing, %,d with another"
                                        + " reason%s",
                                hostile.size(),
                                letters.size(),
                                missing,
                                wrongReason,
                                example)));
    }

    // --- waiting ------------------------------------------------------------------------------

    /** Waits until the scenario's scores topic holds {@code fraction} of the replay. */
    private void awaitProgress(Topics topics, double fraction, long deadline) {
        long target = (long) (transactions * fraction);
        while (true) {
            long seen;
            try {
                seen = KafkaTopics.endOffsets(poller, topics.scores());
            } catch (StackException | org.apache.kafka.common.KafkaException e) {
                seen = -1; // the broker is restarting
            }
            if (seen >= target) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(
                        "chaos",
                        String.format(
                                Locale.ROOT,
                                "the replay did not reach %.0f %% in time (%,d scores)",
                                fraction * 100,
                                seen));
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    /**
     * Waits until the scores topic holds every transaction of the replay and two more checkpoints
     * have completed (so an exactly-once sink has committed what it wrote), then cancels the job.
     */
    private void awaitDone(String jobId, Topics topics, long deadline) {
        long seen = 0;
        long lastCount = 0;
        while (true) {
            String state = jobs.state(jobId).orElse("");
            long end;
            try {
                end = KafkaTopics.endOffsets(poller, topics.scores());
            } catch (StackException | org.apache.kafka.common.KafkaException e) {
                end = -1;
            }
            if (state.equals("RUNNING")
                    && end >= transactions
                    && end > seen
                    && System.nanoTime() - lastCount > Duration.ofSeconds(10).toNanos()) {
                seen = end;
                lastCount = System.nanoTime();
                if (ChaosTally.scores(bootstrap, topics.scores()).distinct().length
                        >= transactions) {
                    long completed = completedCheckpoints(jobId);
                    while (completedCheckpoints(jobId) < completed + 2) {
                        if (System.nanoTime() > deadline) {
                            throw new StackException(
                                    "chaos", "job " + jobId + " completed no checkpoint in time");
                        }
                        LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                    }
                    jobs.cancel(jobId);
                    jobs.awaitState(jobId, "CANCELED", Duration.ofMinutes(1));
                    return;
                }
            }
            if (state.equals("FAILED") || state.equals("CANCELED")) {
                throw new StackException("chaos", "job " + jobId + " is " + state);
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(
                        "chaos",
                        "job " + jobId + " did not finish within the time bound (" + state + ")");
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    private long completedCheckpoints(String jobId) {
        return local.flink()
                .get("/jobs/" + jobId + "/checkpoints")
                .map(c -> c.path("counts").path("completed").asLong(0))
                .orElse(0L);
    }

    /** Waits for the job's first completed checkpoint, so a failover has one to resume from. */
    private void awaitCheckpoint(String jobId, long deadline) {
        while (completedCheckpoints(jobId) < 1) {
            if (System.nanoTime() > deadline) {
                throw new StackException("chaos", "job " + jobId + " completed no checkpoint");
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    private ChaosAlertSink.Stored awaitStored(ChaosAlertSink sink, int alerts, long deadline) {
        while (true) {
            ChaosAlertSink.Stored stored = sink.read();
            if (stored.alertIds().size() >= alerts) {
                return stored;
            }
            if (System.nanoTime() > deadline) {
                return stored;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    private ChaosAlertSink.Stored awaitDelivered(
            ChaosAlertSink sink, ChaosReceiver receiver, Expected expected, long deadline) {
        while (true) {
            ChaosAlertSink.Stored stored = sink.read();
            boolean all =
                    receiver.keys(ChaosReceiver.WEBHOOK).containsAll(expected.alerts().ids())
                            && receiver.keys(ChaosReceiver.CUSTOMER)
                                    .containsAll(expected.alerts().blocks());
            if ((all || ChaosAlertSink.pending(stored) == 0) && !stored.alertIds().isEmpty()
                    || System.nanoTime() > deadline) {
                return stored;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    // --- breaking things -------------------------------------------------------------------

    /** SIGKILLs the TaskManager with the most slots in use; returns its name, or null if none. */
    private String killBusiestTaskManager() {
        String busiest = null;
        int most = 0;
        Optional<JsonNode> list = local.flink().get("/taskmanagers");
        if (list.isPresent()) {
            for (JsonNode tm : list.get().path("taskmanagers")) {
                int used = tm.path("slotsNumber").asInt() - tm.path("freeSlots").asInt();
                if (used > most) {
                    most = used;
                    busiest = tm.path("id").asText();
                }
            }
        }
        return busiest != null && kill(new ManagedProcess(busiest, layout)) ? busiest : null;
    }

    /** SIGKILLs the process; returns whether it ran. */
    private static boolean kill(ManagedProcess process) {
        Optional<ProcessHandle> running = process.running();
        running.ifPresent(
                handle -> {
                    handle.destroyForcibly();
                    handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
        return running.isPresent();
    }

    private long restarts(String jobId) {
        return local.flink()
                .get("/jobs/" + jobId + "/metrics?get=numRestarts")
                .map(m -> m.path(0).path("value").asLong(-1))
                .orElse(-1L);
    }

    private void cancelRunningJobs() {
        local.flink()
                .get("/jobs/overview")
                .ifPresent(
                        overview -> {
                            for (JsonNode job : overview.path("jobs")) {
                                String state = job.path("state").asText();
                                if (job.path("name").asText().startsWith("chaos-")
                                        && !Set.of("FINISHED", "FAILED", "CANCELED")
                                                .contains(state)) {
                                    jobs.cancel(job.path("jid").asText());
                                }
                            }
                        });
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            return consumer.endOffsets(partitions);
        }
    }

    // --- counting -----------------------------------------------------------------------------

    /** Deliveries by idempotency key, without those of the end-of-replay records' alerts. */
    private static Map<String, Integer> counts(
            Map<String, java.util.concurrent.atomic.AtomicLong> delivered,
            ChaosAlertSink.Stored stored) {
        Map<String, Integer> counts = new HashMap<>();
        delivered.forEach(
                (k, v) -> {
                    if (!stored.sentinelAlertIds().contains(k)) {
                        counts.put(k, (int) v.get());
                    }
                });
        return counts;
    }

    private static Stage alertStage(
            String name, Set<String> expected, Map<String, Integer> records) {
        long total = records.values().stream().mapToLong(Integer::longValue).sum();
        long lost = ChaosTally.missing(expected, records.keySet());
        long unexpected = ChaosTally.missing(records.keySet(), expected);
        return new Stage(
                name, expected.size(), records.size(), lost, total - records.size(), unexpected);
    }

    private static Stage scoreStage(String name, long[] expected, ChaosTally.Scores observed) {
        return new Stage(
                name,
                expected.length,
                observed.distinct().length,
                ChaosTally.missing(expected, observed.distinct()),
                observed.total() - observed.distinct().length,
                ChaosTally.missing(observed.distinct(), expected));
    }

    private void print(Outcome outcome) {
        out.printf(
                Locale.ROOT,
                "  %-22s %10s %10s %8s %11s %11s%n",
                "stage",
                "expected",
                "observed",
                "lost",
                "duplicated",
                "unexpected");
        for (Stage s : outcome.stages()) {
            out.printf(
                    Locale.ROOT,
                    "  %-22s %,10d %,10d %,8d %,11d %,11d%n",
                    s.name(),
                    s.expected(),
                    s.observed(),
                    s.lost(),
                    s.duplicated(),
                    s.unexpected());
        }
        for (Check c : outcome.checks()) {
            out.printf(
                    Locale.ROOT, "  %-4s %s: %s%n", c.pass() ? "ok" : "FAIL", c.name(), c.detail());
        }
        if (outcome.error() != null) {
            out.println("  FAIL " + outcome.error());
        }
        out.printf(
                Locale.ROOT,
                "  %s %s in %.0f s%n",
                outcome.scenario().id(),
                outcome.pass() ? "PASS" : "FAIL",
                outcome.seconds());
    }

    /** One line per scenario: PASS or FAIL with the numbers. */
    static String summaryLine(Outcome o) {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "%-20s %s  %4.0f s",
                        o.scenario().id(),
                        o.pass() ? "PASS" : "FAIL",
                        o.seconds()));
        for (Stage stage : o.stages()) {
            String shortName =
                    stage.name().startsWith("alerts")
                            ? stage.name().substring(stage.name().lastIndexOf(' ') + 1)
                            : stage.name().split(" ")[0];
            s.append(
                    String.format(
                            Locale.ROOT,
                            "  %s %,d/%,d lost %,d dup %,d",
                            shortName,
                            stage.observed(),
                            stage.expected(),
                            stage.lost(),
                            stage.duplicated()));
        }
        if (o.error() != null) {
            s.append("  ").append(o.error());
        }
        return s.toString();
    }
}
