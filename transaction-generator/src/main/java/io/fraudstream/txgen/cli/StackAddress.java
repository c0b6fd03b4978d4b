package io.fraudstream.txgen.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The Kafka address of the local stack: the port {@code bin/fraudstream stack up} recorded in
 * {@code var/run/stack.properties} under the fraudstream home, else the default 9092.
 */
public final class StackAddress {

    static final String HOME_PROPERTY = "fraudstream.home";
    private static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    private StackAddress() {}

    /** {@code 127.0.0.1:<port>} of the local stack. */
    public static String bootstrapServers() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null) {
            return DEFAULT_BOOTSTRAP;
        }
        Path file = Path.of(home, "var", "run", "stack.properties");
        if (!Files.isRegularFile(file)) {
            return DEFAULT_BOOTSTRAP;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            return DEFAULT_BOOTSTRAP;
        }
        String port = p.getProperty("kafka.port");
        return port == null || !port.strip().matches("\\d{1,5}")
                ? DEFAULT_BOOTSTRAP
                : "127.0.0.1:" + port.strip();
    }
}
