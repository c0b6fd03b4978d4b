package io.fraudstream.sink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.HostileRecords;
import io.fraudstream.sink.AlertSinkService;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.testing.SinkDatabase;
import io.fraudstream.sink.testing.TestAlerts;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.testing.HostileArbitraries;
import io.fraudstream.testing.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The adversarial input suite of the alert-sink's topic consumer: a running service against a real
 * broker, fed generated mixes of valid alerts and hostile records (oversized keys and values,
 * invalid UTF-8, deep nesting, extreme numbers, control and bidi characters, duplicate keys,
 * trailing garbage, tombstones). After every batch: each valid alert is stored once, each hostile
 * record is quarantined with the right field and reason, and ingest keeps running and healthy.
 */
class HostileAlertsITCase {

    private static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Path dir;
    private static String topic;
    private static AlertSinkService service;
    private static SinkDatabase database;
    private static KafkaProducer<byte[], byte[]> producer;
    private static final Set<String> validIds = new HashSet<>();
    private static final Map<String, HostileRecords.Record> hostileSent = new LinkedHashMap<>();
    private static int sequence;

    @BeforeContainer
    static void startTheService() throws Exception {
        KAFKA.start();
        dir = Files.createTempDirectory("hostile-alerts");
        topic = KAFKA.createTopic("alerts", 3);
        SinkConfig config =
                TestConfigs.service(
                        KAFKA.bootstrapServers(),
                        topic,
                        KAFKA.createTopic("verdicts", 1),
                        dir,
                        null);
        service = AlertSinkService.start(config);
        database = new SinkDatabase(dir.resolve("alerts.db"));
        Properties p = KAFKA.producerProperties();
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        producer = new KafkaProducer<>(p);
    }

    @AfterContainer
    static void stopTheService() throws Exception {
        System.out.printf(
                "hostile alerts suite: %d valid alerts and %d hostile records sent%n",
                validIds.size(), hostileSent.size());
        if (producer != null) {
            producer.close();
        }
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
        KAFKA.stop();
    }

    record Input(
            ProducerRecord<byte[], byte[]> record, String alertId, HostileRecords.Record hostile) {
        @Override
        public String toString() {
            return hostile == null ? "alert " + alertId : hostile.toString();
        }
    }

    @Property(tries = 20, seed = "11")
    void hostileRecordsAreQuarantinedAndValidAlertsStoredOnce(@ForAll("streams") List<Input> stream)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Input input : stream) {
            sent.add(producer.send(input.record()));
        }
        producer.flush();
        for (int i = 0; i < stream.size(); i++) {
            RecordMetadata metadata = sent.get(i).get();
            Input input = stream.get(i);
            if (input.hostile() == null) {
                validIds.add(input.alertId());
            } else {
                hostileSent.put(metadata.partition() + "@" + metadata.offset(), input.hostile());
            }
        }

        await().atMost(PATIENCE)
                .until(
                        () ->
                                database.alertIds().size() == validIds.size()
                                        && database.quarantineByPosition()
                                                .keySet()
                                                .containsAll(hostileSent.keySet()));

        assertThat(database.alertIds())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(validIds);
        Map<String, String> quarantined = database.quarantineByPosition();
        assertThat(quarantined).hasSameSizeAs(hostileSent);
        hostileSent.forEach(
                (position, record) -> {
                    String entry = quarantined.get(position);
                    String field = record.field() == null ? "" : record.field();
                    assertThat(entry).as(record + " at " + position).startsWith(field + "|");
                    assertThat(entry).as(record + " at " + position).contains(record.reason());
                });
        assertThat(service.ingestRunning()).isTrue();
        assertThat(service.ingestFailure()).isNull();
    }

    @Provide
    Arbitrary<List<Input>> streams() {
        Map<String, String> example = new LinkedHashMap<>();
        example.put("alertId", "\"a-example\"");
        example.put("accountId", "\"acct-1\"");
        example.put("transactionId", "\"tx-1\"");
        example.put("relatedTransactionIds", "[]");
        example.put("eventTime", "\"2026-11-26T17:29:58Z\"");
        example.put("detectedAt", "\"2026-11-26T17:30:00Z\"");
        example.put("score", "0.91");
        example.put("severity", "\"HIGH\"");
        example.put("action", "\"BLOCK\"");
        example.put(
                "reasons",
                "[{\"detector\":\"velocity\",\"message\":\"m\",\"value\":7.0,\"threshold\":5.0}]");
        example.put("ruleVersion", "\"rules-v1\"");
        example.put("late", "false");
        // The hostile records are variations of a valid alert.
        AlertCodec.INSTANCE.decode(HostileRecords.json(example).getBytes(StandardCharsets.UTF_8));
        Arbitrary<Input> hostile =
                HostileArbitraries.records(new HostileRecords(example, "accountId", "score"))
                        .map(
                                r ->
                                        new Input(
                                                new ProducerRecord<>(topic, r.key(), r.value()),
                                                null,
                                                r));
        Arbitrary<Input> valid =
                Arbitraries.integers()
                        .between(0, 20)
                        .map(
                                account -> {
                                    String id = "alert-" + (++sequence);
                                    Alert alert = TestAlerts.alert(id, "acct-" + account);
                                    return new Input(TestAlerts.record(topic, alert), id, null);
                                });
        return Arbitraries.frequencyOf(Tuple.of(2, valid), Tuple.of(1, hostile))
                .list()
                .ofMinSize(10)
                .ofMaxSize(60);
    }
}
