package io.fraudstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.RuleHit;
import io.fraudstream.events.RuleHitCodec;
import io.fraudstream.events.RuleStatus;
import io.fraudstream.events.RuleStatusCodec;
import io.fraudstream.events.Topic;
import io.fraudstream.model.rules.Rule;
import io.fraudstream.model.rules.RuleException;
import io.fraudstream.model.rules.RuleFiles;
import io.fraudstream.model.rules.RuleParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fraudstream rules apply | list | show | delete}: the rules on the compacted {@code
 * fraud-rules} topic (key = rule id, a tombstone deletes), validated here with the code the job
 * validates with. See docs/RULES.md.
 */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Analyst rules on the fraud-rules topic (docs/RULES.md).",
        subcommands = {
            RulesCommand.Apply.class,
            RulesCommand.ListRules.class,
            RulesCommand.Show.class,
            RulesCommand.Delete.class,
            RulesCommand.Test.class
        })
final class RulesCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing a command: apply, list, show or delete.");
    }

    /** Where the rules topic is: the local stack's broker unless told otherwise. */
    static final class Target {
        @Mixin StackOptions stack;

        @Option(
                names = "--bootstrap-servers",
                paramLabel = "HOST:PORT",
                description = "Kafka brokers (default: the local stack's).")
        String bootstrapServers;

        @Option(
                names = "--topic",
                paramLabel = "NAME",
                description = "The rules topic (default: fraud-rules).")
        String topic;

        @Option(
                names = {"-X", "--client-property"},
                paramLabel = "KEY=VALUE",
                description =
                        "A Kafka client property for a secured broker, such as"
                                + " security.protocol=SASL_SSL (docs/SECURITY.md); repeatable.")
        Map<String, String> clientProperties = new LinkedHashMap<>();

        String bootstrap() {
            return bootstrapServers != null
                    ? bootstrapServers
                    : stack.ports(stack.layout()).bootstrapServers();
        }

        @Option(
                names = "--status-topic",
                paramLabel = "NAME",
                description = "The job's rule statuses (default: fraud-rules-status).")
        String statusTopic = Topic.FRAUD_RULES_STATUS.defaultName();

        @Option(
                names = "--hits-topic",
                paramLabel = "NAME",
                description = "The job's rule hits (default: fraud-rule-hits).")
        String hitsTopic = Topic.FRAUD_RULE_HITS.defaultName();

        String topic() {
            return topic != null ? topic : Topic.FRAUD_RULES.defaultName();
        }
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description =
                    "Validate rule files (or directories of *.json), then publish each under its"
                            + " id. Nothing is published if any rule is invalid.")
    static final class Apply implements Callable<Integer> {
        @Mixin Target target;

        @Parameters(paramLabel = "FILE|DIR", arity = "1..*")
        List<Path> paths;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> problems = new ArrayList<>();
            List<RuleFiles.Loaded> loaded = RuleFiles.read(paths, problems);
            Map<String, String> rules = new LinkedHashMap<>();
            Map<String, Rule> parsed = new LinkedHashMap<>();
            for (RuleFiles.Loaded l : loaded) {
                try {
                    // one line on the topic: the document as parsed, field order kept
                    rules.put(l.rule().id(), JSON.writeValueAsString(JSON.readTree(l.json())));
                    parsed.put(l.rule().id(), l.rule());
                } catch (IOException e) {
                    problems.add(l.file() + ": " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("fraudstream rules apply: " + p));
                err.println("fraudstream rules apply: nothing published");
                err.flush();
                return 2;
            }
            try (KafkaProducer<String, String> producer = producer(target)) {
                for (Map.Entry<String, String> e : rules.entrySet()) {
                    publish(producer, target, e.getKey(), e.getValue());
                    Rule rule = parsed.get(e.getKey());
                    out.printf(
                            Locale.ROOT,
                            "applied %s v%d (%s%s) to %s%n",
                            rule.id(),
                            rule.version(),
                            rule.mode(),
                            rule.enabled() ? "" : ", disabled",
                            target.topic());
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "The rules on the topic with what the job made of them: id, version, mode,"
                            + " status (ACCEPTED / REJECTED / PENDING until the job has read it),"
                            + " hits in the last hour (active and shadow), description or"
                            + " rejection reason.")
    static final class ListRules implements Callable<Integer> {
        @Mixin Target target;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, String> rules = read(target);
            Map<String, RuleStatus> statuses = new TreeMap<>();
            Map<String, long[]> hits = new TreeMap<>();
            if (exists(target, target.statusTopic)) {
                readTopic(
                        target,
                        target.statusTopic,
                        0,
                        (key, value) -> {
                            if (value != null) {
                                RuleStatus status = decode(RuleStatusCodec.INSTANCE, value);
                                if (status != null) {
                                    statuses.put(status.ruleId(), status);
                                }
                            }
                        });
            }
            if (exists(target, target.hitsTopic)) {
                readTopic(
                        target,
                        target.hitsTopic,
                        System.currentTimeMillis() - Duration.ofHours(1).toMillis(),
                        (key, value) -> {
                            RuleHit hit =
                                    value == null ? null : decode(RuleHitCodec.INSTANCE, value);
                            if (hit != null) {
                                hits.computeIfAbsent(hit.ruleId(), k -> new long[2])[
                                        hit.shadow() ? 1 : 0]++;
                            }
                        });
            }
            String format = "%-28s %7s %-7s %-10s %8s %8s  %s%n";
            out.printf(
                    Locale.ROOT,
                    format,
                    "id",
                    "version",
                    "mode",
                    "status",
                    "hits/1h",
                    "shadow",
                    "description");
            Set<String> ids = new TreeSet<>(rules.keySet());
            statuses.forEach(
                    (id, status) -> {
                        if (status.status() == RuleStatus.Status.REJECTED) {
                            ids.add(id); // refused, though no longer (or never validly) on the
                            // topic
                        }
                    });
            for (String id : ids) {
                String json = rules.get(id);
                RuleStatus status = statuses.get(id);
                long[] h = hits.getOrDefault(id, new long[2]);
                Rule rule = null;
                String problem = null;
                if (json != null) {
                    try {
                        rule = RuleParser.parse(json);
                    } catch (RuleException invalid) {
                        problem = "INVALID: " + invalid.getMessage();
                    }
                }
                String state = status(rule, status);
                String about =
                        status != null
                                        && status.status() == RuleStatus.Status.REJECTED
                                        && (rule == null || status.version() >= rule.version())
                                ? status.reason()
                                : problem != null
                                        ? problem
                                        : rule != null && rule.description() != null
                                                ? rule.description()
                                                : "";
                out.printf(
                        Locale.ROOT,
                        format,
                        id,
                        rule != null ? Integer.toString(rule.version()) : "-",
                        rule != null ? rule.mode().name() : "-",
                        state,
                        Long.toString(h[0]),
                        Long.toString(h[1]),
                        about);
            }
            out.printf(
                    Locale.ROOT,
                    "%d rule%s on %s%n",
                    rules.size(),
                    rules.size() == 1 ? "" : "s",
                    target.topic());
            out.flush();
            return 0;
        }

        /** What the job says of the topic's version of the rule. */
        private static String status(Rule rule, RuleStatus status) {
            if (status == null) {
                return "PENDING";
            }
            if (status.status() == RuleStatus.Status.REJECTED) {
                return "REJECTED";
            }
            if (rule == null) {
                return status.status().name();
            }
            if (status.status() == RuleStatus.Status.ACCEPTED
                    && status.version() == rule.version()) {
                return "ACCEPTED";
            }
            return "PENDING";
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One rule's JSON.")
    static final class Show implements Callable<Integer> {
        @Mixin Target target;

        @Parameters(paramLabel = "ID")
        String id;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String rule = read(target).get(id);
            if (rule == null) {
                spec.commandLine()
                        .getErr()
                        .println("fraudstream rules show: no rule " + id + " on " + target.topic());
                return 1;
            }
            try {
                JsonNode tree = JSON.readTree(rule);
                spec.commandLine()
                        .getOut()
                        .println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
            } catch (IOException notJson) {
                spec.commandLine().getOut().println(rule); // as published, though not JSON
            }
            return 0;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete a rule: a tombstone under its id.")
    static final class Delete implements Callable<Integer> {
        @Mixin Target target;

        @Parameters(paramLabel = "ID")
        String id;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!read(target).containsKey(id)) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "fraudstream rules delete: no rule "
                                        + id
                                        + " on "
                                        + target.topic());
                return 1;
            }
            try (KafkaProducer<String, String> producer = producer(target)) {
                publish(producer, target, id, null);
            }
            spec.commandLine().getOut().println("deleted " + id + " from " + target.topic());
            return 0;
        }
    }

    @Command(
            name = "test",
            description = {
                "Backtest rules over a labelled history: RULE|DIR... --transactions FILE --labels"
                        + " FILE [--card-grace DURATION]. Runs `bin/txgen rules test` with these"
                        + " arguments (the same evaluation code as the job; docs/RULES.md)."
            })
    static final class Test implements Callable<Integer> {
        @Mixin StackOptions stack;

        @CommandLine.Unmatched List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> txgen = new ArrayList<>(List.of("rules", "test"));
            txgen.addAll(args);
            return ModuleJvm.TXGEN.run(stack.layout(), "rules", txgen);
        }
    }

    /** Sends one record and waits for all in-sync replicas; a null value is a tombstone. */
    private static void publish(
            KafkaProducer<String, String> producer, Target target, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(target.topic(), key, value))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("rules", "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException(
                    "rules",
                    "cannot publish to "
                            + target.topic()
                            + " on "
                            + target.bootstrap()
                            + ": "
                            + (e.getCause() != null ? e.getCause() : e));
        }
    }

    private static KafkaProducer<String, String> producer(Target target) {
        Properties p = new Properties();
        p.putAll(target.clientProperties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT.toMillis());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** The topic's rules by id, read from the beginning to its end: the latest value of a key. */
    static Map<String, String> read(Target target) {
        Map<String, String> rules = new TreeMap<>();
        readTopic(
                target,
                target.topic(),
                0,
                (key, value) -> {
                    if (value == null) {
                        rules.remove(key);
                    } else {
                        rules.put(key, value);
                    }
                });
        return rules;
    }

    private static <T> T decode(io.fraudstream.events.EventCodec<T> codec, String value) {
        try {
            return codec.decode(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (io.fraudstream.events.InvalidEventException e) {
            return null; // not the job's: skipped
        }
    }

    private static boolean exists(Target target, String topic) {
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerProperties(target))) {
            List<PartitionInfo> info = consumer.partitionsFor(topic, TIMEOUT);
            return info != null && !info.isEmpty();
        } catch (org.apache.kafka.common.KafkaException e) {
            return false;
        }
    }

    private static Properties consumerProperties(Target target) {
        Properties p = new Properties();
        p.putAll(target.clientProperties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fraudstream-rules-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    /**
     * Reads a topic from the first record at or after {@code fromMs} (epoch ms; 0 for the
     * beginning) to its end offsets at the start, records with a key in offset order.
     */
    private static void readTopic(
            Target target,
            String topic,
            long fromMs,
            java.util.function.BiConsumer<String, String> record) {
        Properties p = consumerProperties(target);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<PartitionInfo> info = consumer.partitionsFor(topic, TIMEOUT);
            if (info == null || info.isEmpty()) {
                throw new StackException(
                        "rules",
                        "topic "
                                + topic
                                + " does not exist on "
                                + target.bootstrap()
                                + " (bin/fraudstream stack up creates it)");
            }
            List<TopicPartition> partitions = new ArrayList<>();
            info.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            if (fromMs > 0) {
                Map<TopicPartition, Long> times = new java.util.HashMap<>();
                partitions.forEach(tp -> times.put(tp, fromMs));
                consumer.offsetsForTimes(times, TIMEOUT)
                        .forEach(
                                (tp, at) ->
                                        consumer.seek(tp, at == null ? end.get(tp) : at.offset()));
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new StackException("rules", "reading " + topic + " timed out");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null
                            && r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        record.accept(r.key(), r.value());
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new StackException(
                    "rules",
                    "cannot read " + topic + " on " + target.bootstrap() + ": " + e.getMessage());
        }
    }
}
