package io.fraudstream.sink.api;

import io.fraudstream.events.Alert;
import io.fraudstream.sink.store.AlertQuery;
import io.fraudstream.sink.store.AlertStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates request parameters and bodies; every failure is a {@link BadRequest} that names the
 * parameter and says what would be accepted. Values that pass are only ever bound as SQL
 * parameters.
 */
final class Params {

    static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_OFFSET = 1_000_000;
    static final int MAX_IDENTIFIER = 256;

    private static final Set<String> ALERT_FILTERS =
            Set.of(
                    "status",
                    "severity",
                    "action",
                    "account",
                    "detector",
                    "from",
                    "to",
                    "limit",
                    "offset");

    private Params() {}

    /** The query of {@code GET /api/alerts}. */
    static AlertQuery alertQuery(Map<String, List<String>> params) {
        for (String name : params.keySet()) {
            if (!ALERT_FILTERS.contains(name)) {
                throw new BadRequest(
                        "unknown parameter '"
                                + printable(name)
                                + "'; known: status, severity, action, account, detector, from,"
                                + " to, limit, offset");
            }
        }
        Instant from = instant("from", single(params, "from"));
        Instant to = instant("to", single(params, "to"));
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequest("from: must be before to");
        }
        String limit = single(params, "limit");
        String offset = single(params, "offset");
        return new AlertQuery(
                enums("status", single(params, "status"), AlertStatus.class),
                enums("severity", single(params, "severity"), Alert.Severity.class),
                enums("action", single(params, "action"), Alert.Action.class),
                identifier("account", single(params, "account")),
                identifier("detector", single(params, "detector")),
                from,
                to,
                limit == null ? DEFAULT_LIMIT : integer("limit", limit, 1, MAX_LIMIT),
                offset == null ? 0 : integer("offset", offset, 0, MAX_OFFSET));
    }

    /** The one value of a parameter, {@code null} if absent; given twice is an error. */
    static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequest(name + ": given more than once; use one comma-separated value");
        }
        return values.get(0);
    }

    static <E extends Enum<E>> Set<E> enums(String name, String value, Class<E> type) {
        if (value == null) {
            return Set.of();
        }
        EnumSet<E> out = EnumSet.noneOf(type);
        for (String part : value.split(",", -1)) {
            E match = null;
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(part.strip().toUpperCase(Locale.ROOT))) {
                    match = constant;
                }
            }
            if (match == null) {
                throw new BadRequest(
                        name
                                + ": must be one or more of "
                                + List.of(type.getEnumConstants())
                                + " separated by commas, was '"
                                + printable(value)
                                + "'");
            }
            out.add(match);
        }
        return out;
    }

    /** An identifier as the event contract defines it: non-blank, bounded, no control chars. */
    static String identifier(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new BadRequest(name + ": must not be blank");
        }
        if (value.length() > MAX_IDENTIFIER) {
            throw new BadRequest(
                    name
                            + ": longer than "
                            + MAX_IDENTIFIER
                            + " characters, was "
                            + value.length());
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequest(name + ": must not contain control characters");
        }
        return value;
    }

    static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequest(
                    name
                            + ": must be an ISO-8601 instant like 2026-11-26T17:30:00Z, was '"
                            + printable(value)
                            + "'");
        }
    }

    static int integer(String name, String value, int min, int max) {
        String trimmed = value.strip();
        if (!trimmed.matches("-?\\d{1,10}")) {
            throw new BadRequest(
                    name
                            + ": must be a whole number in ["
                            + min
                            + ", "
                            + max
                            + "], was '"
                            + printable(value)
                            + "'");
        }
        long parsed = Long.parseLong(trimmed);
        if (parsed < min || parsed > max) {
            throw new BadRequest(name + ": must be in [" + min + ", " + max + "], was " + parsed);
        }
        return (int) parsed;
    }

    /** A value quoted back in an error message: short, without control characters. */
    static String printable(String value) {
        String cleaned =
                value.codePoints()
                        .map(c -> Character.isISOControl(c) ? '?' : c)
                        .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                        .toString();
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "..." : cleaned;
    }
}
