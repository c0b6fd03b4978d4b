package io.fraudstream.txgen.score;

/** Which clock says when an alert was received, for the end-to-end latency. */
public enum LatencyClock {
    /**
     * The Kafka record timestamp of the alert (its first copy when the sink delivered it twice):
     * the broker's append time on a topic with {@code message.timestamp.type=LogAppendTime}, the
     * producer's choice otherwise.
     */
    RECORD_TIMESTAMP("record-timestamp"),
    /** The alert's {@code detectedAt}: the job's wall clock when it decided, before the sink. */
    DETECTED_AT("detected-at");

    private final String label;

    LatencyClock(String label) {
        this.label = label;
    }

    /** The name used on the command line and in the report. */
    public String label() {
        return label;
    }
}
