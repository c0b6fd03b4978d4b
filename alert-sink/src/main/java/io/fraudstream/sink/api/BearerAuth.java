package io.fraudstream.sink.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks bearer tokens in constant time: both sides are hashed first, so neither the content nor
 * the length of the configured token leaks through timing.
 */
final class BearerAuth {

    private static final String PREFIX = "Bearer ";

    private final byte[] expectedDigest;

    BearerAuth(String token) {
        this.expectedDigest = digest(token);
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or {@code null}. */
    static String fromHeader(String authorization) {
        if (authorization == null
                || authorization.length() <= PREFIX.length()
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        return authorization.substring(PREFIX.length()).strip();
    }

    /** Whether the presented token is the configured one. */
    boolean accepts(String presented) {
        return presented != null && MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
