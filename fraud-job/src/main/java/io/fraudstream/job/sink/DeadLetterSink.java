package io.fraudstream.job.sink;

import io.fraudstream.job.source.Ingested;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters to Kafka, at least once (the producer is flushed before every checkpoint
 * barrier), and never fails the job. Flink's KafkaSink fails the job on any send error, and a job
 * that restarts re-reads the record that caused it, so one dead letter the broker refuses would
 * switch detection off for good. Here a refused dead letter is counted in {@code
 * deadLetterFailures} and logged (the first at once, then a summary at most once per {@link
 * #LOG_INTERVAL}) with its source position, where the original record still is.
 */
public final class DeadLetterSink implements Sink<Ingested> {

    private static final long serialVersionUID = 1L;

    /** Failed dead letters are logged at most once per this interval, with the count. */
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSink.class);

    private final String topic;
    private final HashMap<String, String> producerConfig;

    /**
     * @param topic the dead-letter topic
     * @param producerConfig Kafka producer properties, {@code bootstrap.servers} included
     */
    public DeadLetterSink(String topic, Properties producerConfig) {
        this.topic = topic;
        this.producerConfig = new HashMap<>();
        producerConfig.forEach((k, v) -> this.producerConfig.put(k.toString(), v.toString()));
    }

    @Override
    public SinkWriter<Ingested> createWriter(WriterInitContext context) throws IOException {
        return new Writer(
                topic,
                producerConfig,
                context.metricGroup().counter("deadLetters", new ThreadSafeSimpleCounter()),
                context.metricGroup().counter("deadLetterFailures", new ThreadSafeSimpleCounter()));
    }

    private static final class Writer implements SinkWriter<Ingested> {

        private final String topic;
        private final int maxRequestSize;
        private final KafkaProducer<byte[], byte[]> producer;
        private final Counter written;
        private final Counter failed;
        private final AtomicLong nextLogAt = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong unlogged = new AtomicLong();

        Writer(String topic, Map<String, String> config, Counter written, Counter failed) {
            this.topic = topic;
            this.written = written;
            this.failed = failed;
            Map<String, Object> properties = new HashMap<>(config);
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            String limit = config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
            this.maxRequestSize =
                    limit == null
                            ? DeadLetterRecords.DEFAULT_MAX_REQUEST_SIZE
                            : Integer.parseInt(limit.strip());
            this.producer = new KafkaProducer<>(properties);
        }

        @Override
        public void write(Ingested rejected, Context context) {
            // Only the position is kept for the callback: with object reuse the record may be
            // overwritten before the broker answers.
            String origin =
                    rejected.deadLetter.sourceTopic()
                            + " partition "
                            + rejected.deadLetter.sourcePartition()
                            + " at offset "
                            + rejected.deadLetter.sourceOffset();
            ProducerRecord<byte[], byte[]> record;
            try {
                record = DeadLetterRecords.toRecord(topic, rejected, maxRequestSize);
            } catch (RuntimeException e) {
                failed(origin, e);
                return;
            }
            if (record == null) {
                failed(
                        origin,
                        new IllegalStateException(
                                "max.request.size " + maxRequestSize + " is too small for it"));
                return;
            }
            Callback done =
                    (RecordMetadata metadata, Exception e) -> {
                        if (e == null) {
                            written.inc();
                        } else {
                            failed(origin, e);
                        }
                    };
            try {
                producer.send(record, done);
            } catch (RuntimeException e) {
                failed(origin, e);
            }
        }

        /** Counts a dead letter that was not written; logs it unless one was logged recently. */
        private void failed(String origin, Exception e) {
            failed.inc();
            long now = System.nanoTime();
            long due = nextLogAt.get();
            if (due != Long.MIN_VALUE && now - due < 0) {
                unlogged.incrementAndGet();
                return;
            }
            if (!nextLogAt.compareAndSet(due, now + LOG_INTERVAL.toNanos())) {
                unlogged.incrementAndGet();
                return;
            }
            long more = unlogged.getAndSet(0);
            LOG.warn(
                    "A dead letter was not written to {} (the original is on {}): {}{}",
                    topic,
                    origin,
                    e.toString(),
                    more == 0
                            ? ""
                            : "; "
                                    + more
                                    + " more since the last such message, see the metric"
                                    + " deadLetterFailures");
        }

        @Override
        public void flush(boolean endOfInput) {
            // Waits for every send in flight; failures were counted by their callbacks.
            producer.flush();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
