package io.fraudstream.job.config;

import io.fraudstream.model.config.ConfigException;
import io.fraudstream.model.config.OptionFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
            options.putAll(OptionFiles.read(Path.of(configFile)));
        }
        options.putAll(params);
        return options;
    }

    /**
     * The {@code --key value} pairs of the command line. A value may start with a single dash
     * ({@code --checkpoints.interval -1s} is a negative duration, reported as such by validation,
     * not a missing value); a key given twice is an error rather than a silent last-one-wins.
     */
    static Map<String, String> commandLine(String[] args) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException(
                        "command line: expected an option --<key>, was '"
                                + arg
                                + "'; options are --<key> <value>, e.g. --kafka.bootstrap-servers"
                                + " broker:9092");
            }
            String key = arg.substring(2);
            if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                throw new ConfigException(key + ": given without a value");
            }
            if (params.put(key, args[++i]) != null) {
                throw new ConfigException(key + ": given more than once on the command line");
            }
        }
        return params;
    }

    /** Reads, merges and validates the configuration. */
    public static FraudJobConfig load(String[] args) {
        return FraudJobConfig.from(options(args));
    }

    /** The bundled defaults. */
    public static Map<String, String> defaults() {
        try (InputStream in = JobConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the job jar");
            }
            return OptionFiles.flatten(in, DEFAULTS_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }
}
