package io.fraudstream.txgen.score;

/**
 * An input the scorer cannot use: a file or topic it cannot read, or a malformed record. The
 * message says what was wrong and where, for a person to act on; the command prints it and exits
 * non-zero.
 */
public final class ScoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScoreException(String message) {
        super(message);
    }

    public ScoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
