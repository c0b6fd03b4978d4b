package io.fraudstream.sink.ingest;

import static io.fraudstream.sink.testing.TestAlerts.alert;
import static io.fraudstream.sink.testing.TestAlerts.raw;
import static io.fraudstream.sink.testing.TestAlerts.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fraudstream.events.Alert;
import io.fraudstream.sink.AlertSinkService;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.testing.Dialect;
import io.fraudstream.sink.testing.GroupOffsets;
import io.fraudstream.sink.testing.SinkDatabase;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.testing.KafkaClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Consumption against a real broker into a real database file: each alert stored once whatever the
 * redeliveries, bad records quarantined without blocking, offsets committed after storing.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class IngestITCase {

    @Parameter Dialect dialect;

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;

    @TempDir Path dir;

    private String url;

    @BeforeEach
    void database() {
        url = dialect.newDatabase(dir);
    }

    private SinkConfig config(String topic) {
        return TestConfigs.service(
                KAFKA.bootstrapServers(), topic, KAFKA.createTopic("verdicts", 1), url, null);
    }

    @Test
    void storesEachAlertOnceQuarantinesMalformedRecordsAndCommitsOffsets() throws Exception {
        String topic = KAFKA.createTopic("alerts", PARTITIONS);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Alert alert = alert("a-" + i, "acct-" + (i % 5));
            alerts.add(alert);
            records.add(record(topic, alert));
        }
        for (int i = 0; i < 20; i += 4) {
            records.add(record(topic, alerts.get(i))); // the at-least-once sink repeated these
        }
        records.add(raw(topic, "acct-1", "{\"alertId\":"));
        records.add(raw(topic, "acct-2", "{\"alertId\":\"x-1\",\"accountId\":\"acct-2\"}"));
        records.add(raw(topic, "acct-3", null));
        KAFKA.produce(records);
        SinkConfig config = config(topic);

        try (AlertSinkService service = AlertSinkService.start(config);
                SinkDatabase db = new SinkDatabase(url)) {
            await().atMost(TIMEOUT)
                    .until(
                            () ->
                                    GroupOffsets.committed(
                                                    KAFKA.admin(), config.kafka().groupId(), topic)
                                            .equals(
                                                    GroupOffsets.end(
                                                            KAFKA.admin(), topic, PARTITIONS)));

            assertThat(db.alertIds()).hasSize(20).doesNotHaveDuplicates();
            assertThat(db.store().event("a-7")).contains(alerts.get(7));
            assertThat(db.quarantineReasons())
                    .hasSize(3)
                    .anySatisfy(r -> assertThat(r).contains("malformed JSON"))
                    .anySatisfy(r -> assertThat(r).isEqualTo("score: required"))
                    .anySatisfy(r -> assertThat(r).contains("tombstone"));
            assertThat(service.ingestRunning()).isTrue();
        }
    }

    @Test
    void aReplayFromTheBeginningStoresNothingTwice() throws Exception {
        String topic = KAFKA.createTopic("alerts", PARTITIONS);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record(topic, alert("r-" + i, "acct-" + i)));
        }
        records.add(raw(topic, "acct-x", "not json"));
        KAFKA.produce(records);
        SinkConfig config = config(topic);
        try (AlertSinkService service = AlertSinkService.start(config);
                SinkDatabase db = new SinkDatabase(url)) {
            await().atMost(TIMEOUT).until(() -> db.alertIds().size() == 10);
        }
        // Forget the group's offsets: the next start reads the whole topic again.
        KAFKA.admin()
                .deleteConsumerGroups(List.of(config.kafka().groupId()))
                .all()
                .get(30, TimeUnit.SECONDS);
        KAFKA.produce(List.of(record(topic, alert("r-new", "acct-new"))));

        try (AlertSinkService service = AlertSinkService.start(config);
                SinkDatabase db = new SinkDatabase(url)) {
            await().atMost(TIMEOUT)
                    .until(
                            () ->
                                    GroupOffsets.committed(
                                                    KAFKA.admin(), config.kafka().groupId(), topic)
                                            .equals(
                                                    GroupOffsets.end(
                                                            KAFKA.admin(), topic, PARTITIONS)));

            assertThat(db.alertIds()).hasSize(11).doesNotHaveDuplicates().contains("r-new");
            assertThat(db.quarantineReasons()).hasSize(1);
            assertThat(db.notificationStates()).hasSize(11); // one log row each, none twice
        }
    }

    @Test
    void readsOnlyCommittedTransactionsOfAnExactlyOnceProducer() throws Exception {
        String topic = KAFKA.createTopic("alerts", 1);
        Properties p = KAFKA.producerProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "job-sink-" + topic);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(record(topic, alert("aborted-1", "acct-1")));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(record(topic, alert("committed-1", "acct-1")));
            producer.commitTransaction();
        }
        SinkConfig config = config(topic);

        try (AlertSinkService service = AlertSinkService.start(config);
                SinkDatabase db = new SinkDatabase(url)) {
            await().atMost(TIMEOUT).until(() -> db.alertIds().contains("committed-1"));
            await().atMost(TIMEOUT)
                    .until(
                            () ->
                                    GroupOffsets.committed(
                                                    KAFKA.admin(), config.kafka().groupId(), topic)
                                            .equals(GroupOffsets.end(KAFKA.admin(), topic, 1)));

            assertThat(db.alertIds()).containsExactly("committed-1");
        }
    }
}
