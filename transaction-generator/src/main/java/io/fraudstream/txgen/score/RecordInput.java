package io.fraudstream.txgen.score;

import java.util.function.Consumer;

/** Where alerts or labels come from: a JSON-lines file or a Kafka topic, read once to its end. */
public interface RecordInput {

    /** Says what is read, for messages and the report: {@code file x.jsonl}, {@code topic t}. */
    String description();

    /**
     * Hands every record to {@code handler}, in order within a file or a partition.
     *
     * @throws ScoreException when the source cannot be read
     */
    void forEach(Consumer<SourceRecord> handler);

    /**
     * One record and where it was.
     *
     * @param value the bytes of a line or the value of a Kafka record (null for a tombstone)
     * @param partition the Kafka partition, or -1 for a file
     * @param offset the Kafka offset, or the 1-based line number in a file
     * @param timestamp the Kafka record timestamp in epoch milliseconds, or -1 when there is none
     * @param timestampType {@code CreateTime} or {@code LogAppendTime}, or null when there is none
     */
    record SourceRecord(
            byte[] value, int partition, long offset, long timestamp, String timestampType) {

        /**
         * Where the record was, within its source: {@code line 7}, {@code partition 2 offset 9}.
         */
        public String where() {
            return partition < 0
                    ? "line " + offset
                    : "partition " + partition + " offset " + offset;
        }
    }
}
