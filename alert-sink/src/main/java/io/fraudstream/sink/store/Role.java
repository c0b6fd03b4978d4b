package io.fraudstream.sink.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an API key may do; each role includes the ones before it: {@code read} sees lists and
 * details, {@code review} also acts on alerts and cases, {@code admin} also manages keys and reads
 * the audit log.
 */
public enum Role {
    READ,
    REVIEW,
    ADMIN;

    /** Whether a key of this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The name on the command line, in the API and in the database: {@code read}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role of a wire name.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Role fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException(
                "must be one of "
                        + Arrays.stream(values())
                                .map(Role::wireName)
                                .collect(Collectors.joining(", "))
                        + ", was '"
                        + name
                        + "'");
    }
}
