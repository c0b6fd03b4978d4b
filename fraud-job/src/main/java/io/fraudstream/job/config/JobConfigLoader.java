package io.fraudstream.job.config;

import io.fraudstream.events.config.ConfigTree;
import io.fraudstream.events.config.OptionArgs;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the effective options: the defaults bundled in the jar ({@code fraud-job.yaml}, a copy of
 * {@code conf/fraud-job.yaml}), then the YAML file named by {@code --config}, then every {@code
 * --key value} of the command line.
 */
public final class JobConfigLoader {

    static final String DEFAULTS_RESOURCE = "/fraud-job.yaml";

    private JobConfigLoader() {}

    /** The effective options as flat dotted keys, in a stable order. */
    public static Map<String, String> options(String[] args) {
        Map<String, String> params = commandLine(args);
        Map<String, String> options = defaults();
        String configFile = params.remove(JobOptions.CONFIG_FILE);
        if (configFile != null) {
            options.putAll(ConfigTree.readFlat(Path.of(configFile)));
        }
        options.putAll(params);
        return options;
    }

    /** The {@code --key value} pairs of the command line ({@link OptionArgs}). */
    static Map<String, String> commandLine(String[] args) {
        return OptionArgs.parse(args);
    }

    /** Reads, merges and validates the configuration. */
    public static FraudJobConfig load(String[] args) {
        return FraudJobConfig.from(options(args));
    }

    /** The bundled defaults. */
    public static Map<String, String> defaults() {
        return ConfigTree.defaults(JobConfigLoader.class, DEFAULTS_RESOURCE).flat();
    }
}
