package io.fraudstream.sink;

/** An invalid or missing setting, named by its configuration key: {@code http.port: ...}. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the configuration key (or environment variable) at fault
     * @param problem what is wrong with it, and what would be right
     */
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The configuration key (or environment variable) at fault. */
    public String key() {
        return key;
    }
}
