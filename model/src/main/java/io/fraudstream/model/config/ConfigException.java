package io.fraudstream.model.config;

/** Invalid configuration; the message names the key and what is allowed. */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
