package io.fraudstream.sink.keys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an API key, {@code fsk_<id>_<secret>}: the id (16 hex digits) is public and finds the
 * key's row without trying every stored hash; the secret (32 random bytes, URL-safe base64) is what
 * proves the key, and the store keeps only its hash. Both parts fit a header, a query parameter and
 * a terminal.
 */
public record ApiKey(String id, String secret) {

    private static final String PREFIX = "fsk_";

    private static final Pattern FORMAT = Pattern.compile("fsk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key with a random id and secret. */
    public static ApiKey generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new ApiKey(
                HexFormat.of().formatHex(id),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key in {@code text}, or empty when it is not in the key format. */
    public static Optional<ApiKey> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        return m.matches() ? Optional.of(new ApiKey(m.group(1), m.group(2))) : Optional.empty();
    }

    /** What the holder sends: {@code Authorization: Bearer <text>}. */
    public String text() {
        return PREFIX + id + "_" + secret;
    }

    @Override
    public String toString() {
        // keeps the secret out of logs and error messages
        return "ApiKey[id=" + id + "]";
    }
}
