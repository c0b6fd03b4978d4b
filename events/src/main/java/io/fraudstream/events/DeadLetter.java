package io.fraudstream.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record the job could not decode, kept byte for byte on the {@code transactions-dlq} topic with
 * where it came from and why it was rejected, so it can be inspected and replayed. Construction
 * validates every field and copies the payload.
 *
 * @param reason why the record was rejected, such as {@code amount: must be >= 0, was -5}; at most
 *     {@value #MAX_REASON_LENGTH} characters
 * @param field the offending field ({@link InvalidEventException#field()}), or {@code null} when
 *     the record as a whole was at fault
 * @param payload the original bytes, possibly empty (a record with a null value), at most {@value
 *     #MAX_PAYLOAD_BYTES} bytes: cut a larger original before wrapping it
 * @param sourceTopic the topic the record was read from
 * @param sourcePartition its partition, {@code >= 0}
 * @param sourceOffset its offset, {@code >= 0}
 * @param receivedAt wall-clock time the job rejected it
 */
public record DeadLetter(
        String reason,
        String field,
        byte[] payload,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        Instant receivedAt) {

    /** Longest reason kept: the codecs' messages are far shorter. */
    public static final int MAX_REASON_LENGTH = 4096;

    /**
     * Largest payload kept: its base64 form plus the other fields stays under {@link
     * DeadLetterCodec#MAX_BYTES}, and under Kafka's default 1 MB record limit.
     */
    public static final int MAX_PAYLOAD_BYTES = 512 * 1024;

    /**
     * Largest record key a dead letter is written under: a longer original key is cut to this
     * prefix (the reason then gives its size and SHA-256), so key, payload and fields together stay
     * far below Kafka's default 1 MiB request limit.
     */
    public static final int MAX_KEY_BYTES = 1024;

    /**
     * Validates every field and copies the payload.
     *
     * @throws InvalidEventException naming the first invalid field
     */
    public DeadLetter {
        Checks.text("reason", Checks.required("reason", reason), MAX_REASON_LENGTH, true);
        Checks.optionalId("field", field);
        Checks.required("payload", payload);
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidEventException(
                    "payload",
                    "larger than " + MAX_PAYLOAD_BYTES + " bytes, was " + payload.length);
        }
        payload = payload.clone();
        Checks.id("sourceTopic", sourceTopic);
        if (sourcePartition < 0) {
            throw new InvalidEventException(
                    "sourcePartition", "must be >= 0, was " + sourcePartition);
        }
        if (sourceOffset < 0) {
            throw new InvalidEventException("sourceOffset", "must be >= 0, was " + sourceOffset);
        }
        Checks.instant("receivedAt", receivedAt);
    }

    /** A copy of the original bytes: the record stays immutable. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeadLetter that
                && reason.equals(that.reason)
                && Objects.equals(field, that.field)
                && Arrays.equals(payload, that.payload)
                && sourceTopic.equals(that.sourceTopic)
                && sourcePartition == that.sourcePartition
                && sourceOffset == that.sourceOffset
                && receivedAt.equals(that.receivedAt);
    }

    @Override
    public int hashCode() {
        int result =
                Objects.hash(reason, field, sourceTopic, sourcePartition, sourceOffset, receivedAt);
        return 31 * result + Arrays.hashCode(payload);
    }

    /** Shows the payload's size, not its bytes: it may be large and is often not text. */
    @Override
    public String toString() {
        return "DeadLetter[reason="
                + reason
                + ", field="
                + field
                + ", payload=<"
                + payload.length
                + " bytes>, sourceTopic="
                + sourceTopic
                + ", sourcePartition="
                + sourcePartition
                + ", sourceOffset="
                + sourceOffset
                + ", receivedAt="
                + receivedAt
                + "]";
    }
}
