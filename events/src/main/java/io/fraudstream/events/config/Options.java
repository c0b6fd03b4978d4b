package io.fraudstream.events.config;

import io.fraudstream.events.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Typed, validated reads of flat {@code key -> value} options (a YAML file flattened by {@link
 * ConfigTree#flatten}, plus {@link OptionArgs}): the job's options and the trainer's, which reads
 * the job's detector and feature options to compute the same features. Every read names its key in
 * the error; keys nobody reads are reported as unknown, so a typo fails at start-up instead of
 * being silently ignored.
 */
public final class Options {

    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();
    private final Set<String> prefixes = new HashSet<>();
    private final String reference;

    /**
     * @param values the options, flat dotted keys
     * @param reference where every option is listed, for the unknown-key message ({@code
     *     conf/fraud-job.yaml})
     */
    public Options(Map<String, String> values, String reference) {
        this.values = new TreeMap<>(values);
        this.reference = reference;
    }

    private String raw(String key) {
        read.add(key);
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + ": required, but not set");
        }
        return value.strip();
    }

    public String string(String key) {
        return raw(key);
    }

    /** A string that may be empty (an unset path); never null, surrounding blanks stripped. */
    public String optionalString(String key) {
        read.add(key);
        String value = values.get(key);
        return value == null ? "" : value.strip();
    }

    public boolean bool(String key) {
        String value = raw(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key + ": must be true or false, was " + value);
        };
    }

    public int integer(String key, int min, int max) {
        String value = raw(key);
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": must be an integer, was " + value);
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(
                    key + ": must be in [" + min + ", " + max + "], was " + parsed);
        }
        return parsed;
    }

    public double decimal(String key, double min, double max) {
        String value = raw(key);
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": must be a number, was " + value);
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new ConfigException(
                    key + ": must be in [" + min + ", " + max + "], was " + value);
        }
        return parsed;
    }

    public BigDecimal money(String key) {
        String value = raw(key);
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": must be a decimal amount, was " + value);
        }
        if (parsed.signum() < 0) {
            throw new ConfigException(key + ": must be >= 0, was " + value);
        }
        return parsed;
    }

    public Duration duration(String key, Duration min, Duration max) {
        String value = raw(key);
        if (value.startsWith("-")) {
            throw durationOutOfRange(key, min, max, value + " (negative)");
        }
        Duration parsed;
        try {
            parsed = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    key
                            + ": must be a duration such as \"10 s\", \"10 min\" or \"35 d\", was "
                            + value);
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw durationOutOfRange(key, min, max, value);
        }
        return parsed;
    }

    private static ConfigException durationOutOfRange(
            String key, Duration min, Duration max, String was) {
        return new ConfigException(
                key
                        + ": must be between "
                        + Durations.exact(min)
                        + " and "
                        + Durations.exact(max)
                        + ", was "
                        + was);
    }

    /** A size in bytes ({@link Sizes}: {@code 256 KiB}, {@code 64 MiB}) within [min, max]. */
    public long size(String key, long min, long max) {
        String value = raw(key);
        long parsed;
        try {
            parsed = Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    key
                            + ": must be a size such as \"512 B\", \"256 KiB\" or \"64 MiB\", was "
                            + value);
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(
                    key
                            + ": must be between "
                            + Sizes.exact(min)
                            + " and "
                            + Sizes.exact(max)
                            + ", was "
                            + value);
        }
        return parsed;
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String value = raw(key);
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(value.toLowerCase(Locale.ROOT))) {
                return constant;
            }
        }
        throw new ConfigException(
                key
                        + ": must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList()
                        + ", was "
                        + value);
    }

    /** Every option under {@code prefix}, with the prefix removed (pass-through properties). */
    public Map<String, String> withPrefix(String prefix) {
        prefixes.add(prefix);
        Map<String, String> out = new TreeMap<>();
        values.forEach(
                (key, value) -> {
                    if (key.startsWith(prefix)) {
                        read.add(key);
                        out.put(key.substring(prefix.length()), value);
                    }
                });
        return out;
    }

    /**
     * Fails naming every key that was given but never read. A key that is a section of known
     * options ({@code kafka: 5}, where {@code kafka.bootstrap-servers} and others belong) or that
     * lies below a single-valued option ({@code job.name.first}) is reported with the shape
     * expected there, not just as unknown.
     */
    public void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        for (String key : unknown) {
            String section = key + ".";
            List<String> inside =
                    read.stream().filter(k -> k.startsWith(section)).sorted().limit(3).toList();
            if (!inside.isEmpty() || prefixes.contains(section)) {
                throw new ConfigException(
                        key
                                + ": must be a mapping of options"
                                + (inside.isEmpty()
                                        ? ""
                                        : " (" + String.join(", ", inside) + ", ...)")
                                + ", was a single value");
            }
            for (String known : read) {
                if (key.startsWith(known + ".")) {
                    throw new ConfigException(
                            known + ": must be a single value, was a mapping (" + key + ")");
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    "unknown option"
                            + (unknown.size() > 1 ? "s " : " ")
                            + String.join(", ", unknown)
                            + ": check the spelling against "
                            + reference);
        }
    }

    /**
     * Marks every option under {@code prefix} as read: for a reader that takes only part of a file
     * (the trainer reads the detector options of the job's file, not its Kafka ones).
     */
    public void ignore(String prefix) {
        for (String key : values.keySet()) {
            if (key.startsWith(prefix)) {
                read.add(key);
            }
        }
    }
}
