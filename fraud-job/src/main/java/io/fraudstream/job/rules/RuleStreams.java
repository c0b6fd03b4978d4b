package io.fraudstream.job.rules;

import io.fraudstream.events.RuleHit;
import io.fraudstream.events.RuleStatus;
import io.fraudstream.events.config.ConfigException;
import io.fraudstream.job.detect.CardInput;
import io.fraudstream.job.exchange.CardInputSerializer;
import io.fraudstream.job.source.Ingested;
import io.fraudstream.model.rules.RuleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The rules part of the job graph:
 *
 * <pre>
 *  [fraud-rules] + rule files ─ key by id ─ validate ─┬─ [fraud-rules-status]
 *                                                    └─ broadcast ─┬────────────────┐
 *  valid transactions ─ route (RuleRouter) ─ tasks ─ key by rule group ─ windows (RuleWindows) ─┬─ [fraud-rule-hits]
 *            └─ transactions (with how many answers to wait for) ─┬─ answers ─────────────────────┘
 *                                                                 └─ key by account ─ score
 * </pre>
 */
public final class RuleStreams {

    public static final String UID_SOURCE = "rules-source";
    public static final String UID_FILES = "rule-files";
    public static final String UID_VALIDATE = "rule-validator";
    public static final String UID_ROUTE = "rule-router";
    public static final String UID_WINDOWS = "rule-windows";
    public static final String UID_STATUS_SINK = "rule-status-sink";
    public static final String UID_HITS_SINK = "rule-hits-sink";

    /** The scorer's input from the transactions and the rules, and the two outputs of the rules. */
    public record Wired(
            DataStream<CardInput> cardInputs,
            DataStream<RuleStatus> statuses,
            DataStream<RuleHit> hits) {}

    private RuleStreams() {}

    /**
     * Reads and validates the rule files of {@code rules.dir} at submission, failing fast naming
     * the file and the field; none for "".
     */
    public static List<RuleUpdate> files(String dir) {
        List<RuleUpdate> updates = new ArrayList<>();
        if (dir.isEmpty()) {
            return updates;
        }
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new ConfigException("rules.dir: not a directory: " + dir);
        }
        List<String> problems = new ArrayList<>();
        List<RuleFiles.Loaded> loaded = RuleFiles.read(List.of(path), problems);
        problems.removeIf(p -> p.contains("no rule files"));
        if (!problems.isEmpty()) {
            throw new ConfigException("rules.dir: " + String.join("; ", problems));
        }
        for (RuleFiles.Loaded rule : loaded) {
            updates.add(RuleUpdate.file(rule.rule().id(), rule.json()));
        }
        return updates;
    }

    /** Wires the rules between the valid transactions and the scorer. */
    public static Wired wire(
            StreamExecutionEnvironment env,
            DataStream<Ingested> valid,
            Source<RuleUpdate, ?, ?> topic,
            List<RuleUpdate> files) {
        List<RuleUpdate> initial = files.isEmpty() ? List.of(RuleUpdate.none()) : files;
        DataStream<RuleUpdate> updates =
                env.fromSource(topic, alwaysCurrent(), "rules")
                        .uid(UID_SOURCE)
                        .returns(TypeInformation.of(RuleUpdate.class))
                        .union(
                                env.fromData(initial, TypeInformation.of(RuleUpdate.class))
                                        .uid(UID_FILES)
                                        .name("rule files"));
        SingleOutputStreamOperator<RuleChange> changes =
                updates.keyBy(u -> u.key, Types.STRING)
                        .process(new RuleValidator())
                        .uid(UID_VALIDATE)
                        .name("validate rules")
                        .returns(TypeInformation.of(RuleChange.class));
        BroadcastStream<RuleChange> broadcast = changes.broadcast(Rules.STATE);
        SingleOutputStreamOperator<CardInput> routed =
                valid.connect(broadcast)
                        .process(new RuleRouter())
                        .uid(UID_ROUTE)
                        .name("route to rules")
                        .returns(CardInputSerializer.TYPE);
        SingleOutputStreamOperator<CardInput> answers =
                routed.getSideOutput(RuleRouter.TASKS)
                        .keyBy(t -> t.key, Types.STRING)
                        .connect(broadcast)
                        .process(new RuleWindows())
                        .uid(UID_WINDOWS)
                        .name("rule windows")
                        .returns(CardInputSerializer.TYPE);
        return new Wired(
                routed.union(answers),
                changes.getSideOutput(RuleValidator.STATUS),
                answers.getSideOutput(RuleWindows.HITS));
    }

    /**
     * Rule updates carry no event time and must never hold back the watermark of the operators they
     * are broadcast to: the stream's watermark is always the end of time.
     */
    static <T> WatermarkStrategy<T> alwaysCurrent() {
        return WatermarkStrategy.forGenerator(
                context ->
                        new WatermarkGenerator<T>() {
                            @Override
                            public void onEvent(T event, long time, WatermarkOutput output) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {
                                output.emitWatermark(new Watermark(Long.MAX_VALUE));
                            }
                        });
    }
}
