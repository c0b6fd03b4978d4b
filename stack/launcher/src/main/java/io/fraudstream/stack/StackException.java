package io.fraudstream.stack;

/** A failure of one component of the local stack, with a message that says what to do. */
public class StackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String component;
    private final int exitCode;

    public StackException(String component, String message) {
        this(component, message, 1);
    }

    /** A failure the command exits with {@code exitCode} for: 2 for a usage mistake. */
    public StackException(String component, String message, int exitCode) {
        super(component + ": " + message);
        this.component = component;
        this.exitCode = exitCode;
    }

    /** The process exit code: 1 for a failure, 2 for a mistake in the options given. */
    public int exitCode() {
        return exitCode;
    }

    public String component() {
        return component;
    }
}
