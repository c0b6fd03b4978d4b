package io.fraudstream.sink.notify;

/**
 * What one delivery attempt came to.
 *
 * @param outcome delivered, worth retrying, or not
 * @param error what went wrong, {@code null} when delivered
 */
public record DeliveryResult(Outcome outcome, String error) {

    /** The three ways an attempt ends. */
    public enum Outcome {
        /** The receiver accepted it. */
        DELIVERED,
        /** A transient failure (timeout, connection, 5xx): try again later. */
        RETRY,
        /** A permanent failure (such as a 4xx): trying again would not help. */
        FAILED
    }

    private static final DeliveryResult DELIVERED_RESULT =
            new DeliveryResult(Outcome.DELIVERED, null);

    public static DeliveryResult delivered() {
        return DELIVERED_RESULT;
    }

    public static DeliveryResult retry(String error) {
        return new DeliveryResult(Outcome.RETRY, error);
    }

    public static DeliveryResult failed(String error) {
        return new DeliveryResult(Outcome.FAILED, error);
    }
}
