package io.fraudstream.events;

/**
 * Thrown when bytes or values do not form a valid event; names the offending field and why, so a
 * record can go to the dead-letter topic with a reason a person can act on.
 *
 * <p>The message is {@code "<field>: <reason>"}, for example {@code amount: must be >= 0, was -5}.
 * When the fault lies with the input as a whole (size, encoding, JSON syntax, not an object),
 * {@link #field()} is {@code null} and the message starts with {@code payload:}, for example {@code
 * payload: larger than 65536 bytes, was 70000}.
 *
 * <p>No stack trace is captured: invalid input is routine on a stream, and filling in a stack trace
 * per bad record would cost more than decoding a good one.
 */
public final class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Reasons are copied into dead letters and logs, so an echo of hostile input stays short. */
    private static final int MAX_REASON_LENGTH = 1024;

    private final String field;
    private final String reason;

    /**
     * @param field the JSON field at fault (a path such as {@code reasons[0].value} inside nested
     *     values), or {@code null} when the input as a whole is at fault
     * @param reason why the value was rejected, for a person to read
     */
    public InvalidEventException(String field, String reason) {
        this(field, reason, null);
    }

    /**
     * @param field the JSON field at fault, or {@code null} when the input as a whole is at fault
     * @param reason why the value was rejected, for a person to read
     * @param cause the parser's exception, kept for debugging
     */
    public InvalidEventException(String field, String reason, Throwable cause) {
        super((field == null ? "payload" : field) + ": " + printable(reason), cause, false, false);
        this.field = field;
        this.reason = printable(reason);
    }

    private static String printable(String reason) {
        return Checks.printable(String.valueOf(reason), MAX_REASON_LENGTH);
    }

    /** The JSON field at fault, or {@code null} when the input as a whole is at fault. */
    public String field() {
        return field;
    }

    /** Why the value was rejected, without the field name. */
    public String reason() {
        return reason;
    }
}
