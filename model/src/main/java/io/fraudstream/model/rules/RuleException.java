package io.fraudstream.model.rules;

/** A rule that cannot be used, with the field that is wrong first in the message. */
public final class RuleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public RuleException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The path of the offending field, e.g. {@code window} or {@code filter.all[1].op}. */
    public String field() {
        return field;
    }
}
