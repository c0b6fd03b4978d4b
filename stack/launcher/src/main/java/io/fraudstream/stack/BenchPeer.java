package io.fraudstream.stack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The jobs the bench runs side by side on one preloaded topic: the fraud job (as shipped, or a
 * variant of it), the Flink SQL peer that does what a team would otherwise write, Flink SQL's
 * pass-through and ours. Each knows how to submit itself and which counter says how many
 * transactions it has been through.
 *
 * @param label the name in the report
 * @param entryClass the main class in the job jar; null for the fraud job
 * @param leadingArgs arguments before the job options (the SQL pass-through's mode)
 * @param options job options on top of {@link #args}' common ones
 * @param scorer whether progress is the fraud job's scored-transactions counter; otherwise the
 *     records into the job's last vertex
 * @param bounded whether the job reads the topic as it is at the start and then finishes, which the
 *     SQL peer needs: its OVER windows emit a row only once the watermark has passed it
 * @param rules the ACTIVE rules published before it starts
 */
record BenchPeer(
        String label,
        String entryClass,
        List<String> leadingArgs,
        List<String> options,
        boolean scorer,
        boolean bounded,
        int rules) {

    static final String PASS_THROUGH_CLASS = "io.fraudstream.job.bench.PassThroughJob";
    static final String SQL_CLASS = "io.fraudstream.job.bench.SqlPeerJob";

    /** The job's vertex whose counters and state the bench reads, by its name in the job graph. */
    static final String SCORER_VERTEX = "score transactions";

    static final String ENTITY_VERTEX = "track entity risk";
    static final String SCORED_METRIC = "score_transactions.transactions";

    /** The fraud job as shipped: model, verdicts, entity risk, a score per transaction. */
    static BenchPeer fraudJob() {
        return fraud("fraud job", List.of(), 0);
    }

    /** The fraud job as shipped with {@code n} rules of mixed scopes. */
    static BenchPeer withRules(int n) {
        return fraud("fraud job + " + n + " rules", List.of(), n);
    }

    /** The fraud job without its scores topic. */
    static BenchPeer scoresOff() {
        return fraud("fraud job, no scores", List.of("--scores.enabled", "false"), 0);
    }

    /** The detectors alone: no model, no verdicts, no scores (the job before it learnt). */
    static BenchPeer detectorsAlone() {
        return fraud(
                "detectors alone",
                List.of(
                        "--model.path",
                        "none",
                        "--feedback.enabled",
                        "false",
                        "--scores.enabled",
                        "false"),
                0);
    }

    static BenchPeer sqlPeer() {
        return new BenchPeer("Flink SQL peer", SQL_CLASS, List.of(), List.of(), false, true, 0);
    }

    static BenchPeer sqlPassThrough() {
        return new BenchPeer(
                "Flink SQL pass-through",
                SQL_CLASS,
                List.of("pass-through"),
                List.of(),
                false,
                true,
                0);
    }

    static BenchPeer passThrough() {
        return new BenchPeer(
                "our pass-through", PASS_THROUGH_CLASS, List.of(), List.of(), false, true, 0);
    }

    private static BenchPeer fraud(String label, List<String> variant, int rules) {
        List<String> options = new ArrayList<>(fraudTopics());
        options.addAll(variant);
        return new BenchPeer(label, null, List.of(), options, true, false, rules);
    }

    /** The bench's verdicts, scores and rules topics, as fraud-job options. */
    static List<String> fraudTopics() {
        return List.of(
                "--kafka.topics.verdicts",
                BenchTopics.VERDICT_TOPIC,
                "--kafka.topics.scores",
                BenchTopics.SCORE_TOPIC,
                "--kafka.topics.rules",
                BenchTopics.RULES_TOPIC,
                "--kafka.topics.rules-status",
                BenchTopics.RULES_STATUS_TOPIC,
                "--kafka.topics.rule-hits",
                BenchTopics.RULE_HITS_TOPIC);
    }

    boolean fraud() {
        return entryClass == null;
    }

    /** Every job reads the same topic from the start with a fresh group, at one parallelism. */
    List<String> args(String bootstrap, int parallelism) {
        String name =
                "bench-"
                        + label.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(java.util.Locale.ROOT);
        List<String> args = new ArrayList<>(leadingArgs);
        args.addAll(
                List.of(
                        "--kafka.bootstrap-servers",
                        bootstrap,
                        "--kafka.topics.transactions",
                        BenchTopics.TX_TOPIC,
                        "--kafka.topics.alerts",
                        BenchTopics.ALERT_TOPIC,
                        "--kafka.topics.dead-letters",
                        BenchTopics.DLQ_TOPIC,
                        "--kafka.starting-offsets",
                        "earliest",
                        "--kafka.bounded",
                        Boolean.toString(bounded),
                        "--kafka.group-id",
                        name + "-" + Instant.now().toEpochMilli(),
                        "--job.parallelism",
                        Integer.toString(parallelism),
                        "--job.name",
                        name));
        args.addAll(options);
        return args;
    }
}
