package io.fraudstream.sink.store;

import java.util.Locale;

/** The cardholder's answer to a customer message. */
public enum CustomerAnswer {
    /** "This was me": the payment was theirs. */
    ME,
    /** "This was not me": fraud. */
    NOT_ME;

    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** As the API and the database spell it: {@code me}, {@code not-me}. */
    public String wireName() {
        return wireName;
    }

    /** The answer spelt {@code me} or {@code not-me}, or null for anything else. */
    public static CustomerAnswer fromWire(String text) {
        for (CustomerAnswer answer : values()) {
            if (answer.wireName.equals(text)) {
                return answer;
            }
        }
        return null;
    }
}
