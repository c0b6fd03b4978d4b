package io.fraudstream.events.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --key value} overrides of every program's command line, keyed as the YAML file is
 * ({@code --kafka.bootstrap-servers broker:9092} sets {@code kafka: {bootstrap-servers: ...}}).
 */
public final class OptionArgs {

    private OptionArgs() {}

    /**
     * The {@code --key value} pairs, in order. A value may start with a single dash ({@code
     * --checkpoints.interval -1s} is a negative duration, reported as such by validation, not a
     * missing value); a key given twice is an error rather than a silent last-one-wins.
     */
    public static Map<String, String> parse(List<String> args) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException(
                        "command line: expected an option --<key>, was '"
                                + arg
                                + "'; options are --<key> <value>, e.g. --kafka.bootstrap-servers"
                                + " broker:9092");
            }
            String key = arg.substring(2);
            int equals = key.indexOf('=');
            String value;
            if (equals > 0) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            } else {
                if (i + 1 == args.size() || args.get(i + 1).startsWith("--")) {
                    throw new ConfigException(key + ": given without a value");
                }
                value = args.get(++i);
            }
            if (params.put(key, value) != null) {
                throw new ConfigException(key + ": given more than once on the command line");
            }
        }
        return params;
    }

    /** As {@link #parse(List)}, of an argument array. */
    public static Map<String, String> parse(String[] args) {
        return parse(List.of(args));
    }
}
