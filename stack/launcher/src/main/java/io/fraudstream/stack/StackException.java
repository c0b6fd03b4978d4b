package io.fraudstream.stack;

/** A failure of one component of the local stack, with a message that says what to do. */
public class StackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String component;

    public StackException(String component, String message) {
        super(component + ": " + message);
        this.component = component;
    }

    public String component() {
        return component;
    }
}
