package io.fraudstream.events.config;

/**
 * An invalid or missing setting. The message names the key first and then what is wrong and what
 * would be right: {@code http.port: must be in [0, 65535], was 70000}.
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /** A message that already starts with the key (or names the source, for a whole file). */
    public ConfigException(String message) {
        super(message);
        this.key = null;
    }

    /**
     * @param key the configuration key (or environment variable) at fault
     * @param problem what is wrong with it, and what would be right
     */
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The key at fault when it was given apart from the message, else null. */
    public String key() {
        return key;
    }
}
