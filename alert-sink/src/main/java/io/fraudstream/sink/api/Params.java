package io.fraudstream.sink.api;

import io.fraudstream.events.Alert;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.TextRules;
import io.fraudstream.sink.store.AlertQuery;
import io.fraudstream.sink.store.AlertStatus;
import io.fraudstream.sink.store.AuditQuery;
import io.fraudstream.sink.store.CaseQuery;
import io.fraudstream.sink.store.CaseStatus;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
    static final int MAX_IDENTIFIER = TextRules.MAX_ID_LENGTH;

    /** A case id is {@code case-} and an alert id. */
    private static final int MAX_CASE_ID = MAX_IDENTIFIER + "case-".length();

    /** The contract's range of instants: years 0000 to 9999 (epoch milliseconds fit a long). */
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

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
        return new AlertQuery(
                enums("status", single(params, "status"), AlertStatus.class),
                enums("severity", single(params, "severity"), Alert.Severity.class),
                enums("action", single(params, "action"), Alert.Action.class),
                identifier("account", single(params, "account")),
                identifier("detector", single(params, "detector")),
                from,
                to,
                limit(params),
                offset(params));
    }

    private static final Set<String> CASE_FILTERS =
            Set.of("status", "account", "queue", "limit", "offset");

    /**
     * The case list's filters: {@code status} (comma-separated), {@code account}, {@code queue}
     * ({@code analyst}: only what the analysts' queue shows now; {@code all}, the default) and
     * paging.
     */
    static CaseQuery caseQuery(Map<String, List<String>> params) {
        for (String name : params.keySet()) {
            if (!CASE_FILTERS.contains(name)) {
                throw new BadRequest(
                        "unknown parameter '"
                                + printable(name)
                                + "'; known: status, account, queue, limit, offset");
            }
        }
        String queue = single(params, "queue");
        if (queue != null && !queue.equals("analyst") && !queue.equals("all")) {
            throw new BadRequest("queue: must be analyst or all, was '" + printable(queue) + "'");
        }
        return new CaseQuery(
                enums("status", single(params, "status"), CaseStatus.class),
                identifier("account", single(params, "account")),
                "analyst".equals(queue),
                limit(params),
                offset(params));
    }

    private static final Set<String> AUDIT_FILTERS = Set.of("actor", "target", "limit", "offset");

    /** The audit log's filters: {@code actor} (a key name), {@code target} (an id) and paging. */
    static AuditQuery auditQuery(Map<String, List<String>> params) {
        for (String name : params.keySet()) {
            if (!AUDIT_FILTERS.contains(name)) {
                throw new BadRequest(
                        "unknown parameter '"
                                + printable(name)
                                + "'; known: actor, target, limit, offset");
            }
        }
        return new AuditQuery(
                identifier("actor", single(params, "actor")),
                identifier("target", single(params, "target"), MAX_CASE_ID),
                limit(params),
                offset(params));
    }

    /** The page size: {@code limit}, 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. */
    private static int limit(Map<String, List<String>> params) {
        String limit = single(params, "limit");
        return limit == null ? DEFAULT_LIMIT : integer("limit", limit, 1, MAX_LIMIT);
    }

    /** The entries to skip: {@code offset}, 0 to {@value #MAX_OFFSET}, default 0. */
    private static int offset(Map<String, List<String>> params) {
        String offset = single(params, "offset");
        return offset == null ? 0 : integer("offset", offset, 0, MAX_OFFSET);
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

    /**
     * An identifier as the event contract defines it: non-blank, at most 256 characters, valid
     * Unicode, no control characters and no invisible or bidi format characters.
     */
    static String identifier(String name, String value) {
        return identifier(name, value, MAX_IDENTIFIER);
    }

    /** A case id: {@code case-} and an alert id, so up to five characters longer than one. */
    static String caseId(String value) {
        return identifier("id", value, MAX_CASE_ID);
    }

    private static String identifier(String name, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        try {
            return TextRules.identifier(name, value, maxLength);
        } catch (InvalidEventException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** An ISO-8601 instant within the contract's years 0000 to 9999, or null if absent. */
    static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequest(
                    name
                            + ": must be an ISO-8601 instant like 2026-11-26T17:30:00Z, was '"
                            + printable(value)
                            + "'");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new BadRequest(
                    name
                            + ": must be between "
                            + EARLIEST
                            + " and "
                            + LATEST
                            + ", was '"
                            + printable(value)
                            + "'");
        }
        return instant;
    }

    /**
     * The parameters of a raw query string, decoded strictly: every {@code %} starts two hex
     * digits, the decoded bytes are valid UTF-8. A lenient decoder drops or mangles what it cannot
     * read, which turns {@code ?status=RESOLVED%zz} into no filter at all: here it is a 400 that
     * names the parameter.
     */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode("query", eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(name, pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String name, String encoded) {
        byte[] bytes = new byte[encoded.length()];
        int length = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high =
                        i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw new BadRequest(
                            printable(name)
                                    + ": malformed percent-encoding in '"
                                    + printable(encoded)
                                    + "' (% must be followed by two hex digits)");
                }
                bytes[length++] = (byte) (high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes[length++] = ' ';
            } else if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                // Jetty hands non-ASCII of a raw query through as characters; re-encode them.
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes = Arrays.copyOf(bytes, bytes.length + utf8.length);
                System.arraycopy(utf8, 0, bytes, length, utf8.length);
                length += utf8.length;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest(
                    printable(name)
                            + ": not valid UTF-8 after percent-decoding '"
                            + printable(encoded)
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

    /**
     * A value quoted back in an error message: short, with control, invisible and bidi format
     * characters and unpaired surrogates shown as {@code ?}, so an echo can neither hide nor
     * reorder text.
     */
    static String printable(String value) {
        String cleaned =
                value.codePoints()
                        .map(
                                c ->
                                        Character.isISOControl(c)
                                                        || TextRules.invisible(c)
                                                        || Character.isSurrogate((char) c)
                                                                && c <= 0xFFFF
                                                ? '?'
                                                : c)
                        .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                        .toString();
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "..." : cleaned;
    }
}
