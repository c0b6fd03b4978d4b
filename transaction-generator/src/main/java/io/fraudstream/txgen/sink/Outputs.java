package io.fraudstream.txgen.sink;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.GroundTruthCodec;
import io.fraudstream.txgen.cli.CommandFailure;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * The {@link RecordSink} of the command line: transactions to a Kafka topic or a JSON-lines file,
 * labels and verdicts to their own files or topics. One producer serves every topic; its callback
 * only counts.
 */
final class Outputs implements RecordSink {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Destinations destinations;
    private final KafkaProducer<byte[], byte[]> producer;
    private final JsonLinesFile transactionsFile;
    private final JsonLinesFile labelsFile;
    private final JsonLinesFile verdictsFile;

    private final LongAdder failed = new LongAdder();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Callback countFailures =
            (RecordMetadata metadata, Exception e) -> {
                if (e != null) {
                    failed.increment();
                    firstFailure.compareAndSet(null, e);
                }
            };

    private long labels;
    private long verdicts;

    private Outputs(
            Destinations destinations,
            KafkaProducer<byte[], byte[]> producer,
            JsonLinesFile transactionsFile,
            JsonLinesFile labelsFile,
            JsonLinesFile verdictsFile) {
        this.destinations = destinations;
        this.producer = producer;
        this.transactionsFile = transactionsFile;
        this.labelsFile = labelsFile;
        this.verdictsFile = verdictsFile;
    }

    static Outputs open(Destinations d) throws IOException {
        KafkaProducer<byte[], byte[]> producer = null;
        if (d.usesKafka()) {
            List<String> topics = new ArrayList<>();
            if (d.kafka()) {
                topics.add(d.transactionsTopic());
            }
            if (d.labelsTopic() != null) {
                topics.add(d.labelsTopic());
            }
            if (d.verdictsTopic() != null) {
                topics.add(d.verdictsTopic());
            }
            KafkaClients.ensureTopics(
                    d.bootstrapServers(),
                    d.producerProperties(),
                    topics,
                    d.createTopics(),
                    d.partitions(),
                    d.kafkaTimeout());
            try {
                producer =
                        new KafkaProducer<>(
                                KafkaClients.producerConfig(
                                        d.bootstrapServers(), d.producerProperties()));
            } catch (KafkaException e) {
                throw new CommandFailure(
                        "cannot start the Kafka producer: "
                                + KafkaClients.messages(e)
                                + "; check the --producer-property values",
                        e);
            }
        }
        List<JsonLinesFile> opened = new ArrayList<>();
        try {
            JsonLinesFile tx =
                    d.transactionsFile() == null ? null : add(opened, d.transactionsFile());
            JsonLinesFile labels = d.labelsFile() == null ? null : add(opened, d.labelsFile());
            JsonLinesFile verdicts =
                    d.verdictsFile() == null ? null : add(opened, d.verdictsFile());
            return new Outputs(d, producer, tx, labels, verdicts);
        } catch (IOException | RuntimeException e) {
            for (JsonLinesFile f : opened) {
                f.close();
            }
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            throw e;
        }
    }

    private static JsonLinesFile add(List<JsonLinesFile> opened, String name) throws IOException {
        JsonLinesFile f = JsonLinesFile.open(name);
        opened.add(f);
        return f;
    }

    private boolean wantsLabels() {
        return labelsFile != null || destinations.labelsTopic() != null;
    }

    @Override
    public void transaction(byte[] key, byte[] value, GroundTruth label) throws IOException {
        Instant producedAt = label != null && transactionsFile == null ? Instant.now() : null;
        if (transactionsFile != null) {
            transactionsFile.write(value);
        } else {
            send(destinations.transactionsTopic(), key, value);
        }
        if (label != null && wantsLabels()) {
            byte[] json =
                    GroundTruthCodec.INSTANCE.encode(
                            producedAt == null ? label : label.producedAt(producedAt));
            if (labelsFile != null) {
                labelsFile.write(json);
            }
            if (destinations.labelsTopic() != null) {
                send(destinations.labelsTopic(), key, json);
            }
            labels++;
        }
    }

    @Override
    public void malformed(byte[] key, byte[] value) throws IOException {
        if (transactionsFile != null) {
            transactionsFile.write(value);
        } else {
            send(destinations.transactionsTopic(), key, value);
        }
    }

    @Override
    public void verdict(byte[] key, byte[] value) throws IOException {
        if (verdictsFile != null) {
            verdictsFile.write(value);
        } else if (destinations.verdictsTopic() != null) {
            send(destinations.verdictsTopic(), key, value);
        } else {
            throw new IllegalStateException("no destination for verdicts");
        }
        verdicts++;
    }

    private void send(String topic, byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value), countFailures);
        } catch (KafkaException e) {
            throw new CommandFailure(
                    "Kafka refused a record for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long failed() {
        return failed.sum();
    }

    @Override
    public Exception firstFailure() {
        return firstFailure.get();
    }

    @Override
    public long labels() {
        return labels;
    }

    @Override
    public long verdicts() {
        return verdicts;
    }

    @Override
    public void flush() throws IOException {
        if (producer != null) {
            producer.flush();
        }
        for (JsonLinesFile f : new JsonLinesFile[] {transactionsFile, labelsFile, verdictsFile}) {
            if (f != null) {
                f.flush();
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        if (producer != null) {
            producer.close(CLOSE_TIMEOUT);
        }
        for (JsonLinesFile f : new JsonLinesFile[] {transactionsFile, labelsFile, verdictsFile}) {
            if (f != null) {
                try {
                    f.close();
                } catch (IOException e) {
                    failure =
                            failure == null
                                    ? new IOException(
                                            "cannot finish " + f.name() + ": " + e.getMessage(), e)
                                    : failure;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
