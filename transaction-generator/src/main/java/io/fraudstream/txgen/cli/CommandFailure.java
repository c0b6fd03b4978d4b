package io.fraudstream.txgen.cli;

/**
 * A failure the user can act on (Kafka unreachable, a topic missing, a bad input line): the command
 * prints its message, which says what was wrong and what to do, and exits with 1.
 */
public final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message);
    }

    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
