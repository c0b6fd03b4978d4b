package io.fraudstream.job.rules;

import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.RuleStatus;
import io.fraudstream.model.rules.Rule;
import io.fraudstream.model.rules.RuleException;
import io.fraudstream.model.rules.RuleParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Validates every rule update, keyed by rule id, with the parser the CLI uses, and passes on only
 * what the job should run: a valid rule not older than the version it runs, or a deletion. Each
 * decision is published ({@link #STATUS}): {@code ACCEPTED} version N, {@code REJECTED} with the
 * reason naming the field (the running version, if any, stays), {@code DELETED}. Nothing here
 * throws on a bad update: the job never fails or restarts for a rule.
 *
 * <p>The latest accepted version (or deletion) of each id is keyed state, so it survives restarts
 * with the job's checkpoints. Rule files are read at every start: a file's rule applies only when
 * its version is newer than what the job runs (or ran before a deletion), so a restart neither
 * rolls back a newer version from the topic nor revives a deleted rule.
 */
public final class RuleValidator extends KeyedProcessFunction<String, RuleUpdate, RuleChange> {

    private static final long serialVersionUID = 1L;

    /** What the job made of each update. */
    public static final OutputTag<RuleStatus> STATUS =
            new OutputTag<>("rule-status", TypeInformation.of(RuleStatus.class));

    private transient ValueState<RuleChange> current;
    private transient Counter accepted;
    private transient Counter rejected;

    @Override
    public void open(OpenContext openContext) {
        current =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "rule", TypeInformation.of(RuleChange.class)));
        accepted = getRuntimeContext().getMetricGroup().counter("rulesAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("rulesRejected");
    }

    @Override
    public void processElement(RuleUpdate update, Context ctx, Collector<RuleChange> out)
            throws Exception {
        String key = update.key;
        RuleChange running = current.value();
        if (update.json == null) {
            if (update.file) {
                return; // the stand-in for no rule files
            }
            if (running != null && !running.deleted()) {
                RuleChange deletion = RuleChange.of(key, running.version, null);
                current.update(deletion);
                out.collect(deletion);
                status(ctx, key, running.version, RuleStatus.Status.DELETED, null);
            }
            return;
        }
        if (update.problem != null) {
            reject(ctx, key, 0, update.problem);
            return;
        }
        Rule rule;
        try {
            rule = RuleParser.parse(update.json);
        } catch (RuleException e) {
            reject(ctx, key, 0, e.getMessage());
            return;
        }
        if (!rule.id().equals(key)) {
            reject(
                    ctx,
                    key,
                    rule.version(),
                    "id: \""
                            + rule.id()
                            + "\" is not the record key (publish a rule under its id)");
            return;
        }
        if (running != null) {
            if (update.file && rule.version() <= running.version) {
                return; // read again at a restart: what the topic said stands
            }
            if (!running.deleted() && rule.version() < running.version) {
                reject(
                        ctx,
                        key,
                        rule.version(),
                        "version: "
                                + rule.version()
                                + " is older than the running version "
                                + running.version);
                return;
            }
        }
        RuleChange change = RuleChange.of(key, rule.version(), update.json);
        current.update(change);
        out.collect(change);
        accepted.inc();
        status(ctx, key, rule.version(), RuleStatus.Status.ACCEPTED, null);
    }

    private void reject(Context ctx, String key, int version, String reason) {
        rejected.inc();
        String cut =
                reason.length() > RuleStatus.MAX_REASON_LENGTH
                        ? reason.substring(0, RuleStatus.MAX_REASON_LENGTH)
                        : reason;
        status(ctx, key, version, RuleStatus.Status.REJECTED, cut);
    }

    private static void status(
            Context ctx, String key, int version, RuleStatus.Status status, String reason) {
        ctx.output(STATUS, new RuleStatus(displayId(key), version, status, reason, Instant.now()));
    }

    /**
     * The key as the status's rule id: itself when it is printable text, else a stand-in naming its
     * hash, so that even a hostile key gets a status.
     */
    static String displayId(String key) {
        try {
            new RuleStatus(key, 0, RuleStatus.Status.DELETED, null, Instant.EPOCH);
            return key;
        } catch (InvalidEventException | NullPointerException e) {
            byte[] bytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
            return "unreadable-key-"
                    + HexFormat.of().formatHex(java.util.Arrays.copyOf(sha256(bytes), 8));
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
