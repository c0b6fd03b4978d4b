package io.fraudstream.txgen.replay;

/** A CSV line that is not a transaction: its number and what is wrong with it. */
final class MalformedLine extends Exception {

    private static final long serialVersionUID = 1L;

    private final long line;

    MalformedLine(long line, String reason) {
        super("line " + line + ": " + reason, null, false, false);
        this.line = line;
    }

    long line() {
        return line;
    }
}
