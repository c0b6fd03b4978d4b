package io.fraudstream.job.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.util.TimeUtils;

/**
 * Typed, validated reads of flat {@code key -> value} options. Every read names its key in the
 * error; keys nobody reads are reported as unknown, so a typo fails at start-up instead of being
 * silently ignored.
 */
final class ConfigReader {

    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    ConfigReader(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    private String raw(String key) {
        read.add(key);
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + ": required, but not set");
        }
        return value.strip();
    }

    String string(String key) {
        return raw(key);
    }

    boolean bool(String key) {
        String value = raw(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key + ": must be true or false, was " + value);
        };
    }

    int integer(String key, int min, int max) {
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

    double decimal(String key, double min, double max) {
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

    BigDecimal money(String key) {
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

    Duration duration(String key, Duration min, Duration max) {
        String value = raw(key);
        Duration parsed;
        try {
            parsed = TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    key
                            + ": must be a duration such as \"10 s\", \"10 min\" or \"35 d\", was "
                            + value);
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new ConfigException(
                    key
                            + ": must be between "
                            + TimeUtils.formatWithHighestUnit(min)
                            + " and "
                            + TimeUtils.formatWithHighestUnit(max)
                            + ", was "
                            + value);
        }
        return parsed;
    }

    <E extends Enum<E>> E choice(String key, Class<E> type) {
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
    Map<String, String> withPrefix(String prefix) {
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

    /** Fails naming every key that was given but never read. */
    void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    "unknown option"
                            + (unknown.size() > 1 ? "s " : " ")
                            + String.join(", ", unknown)
                            + ": check the spelling against conf/fraud-job.yaml");
        }
    }
}
