package io.fraudstream.job.config;

/** Invalid job configuration; the message names the key and what is allowed. */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
