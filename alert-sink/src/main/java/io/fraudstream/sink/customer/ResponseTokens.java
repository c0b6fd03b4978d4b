package io.fraudstream.sink.customer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring response tokens for the links in customer messages: {@code <payload>.<mac>},
 * both URL-safe base64, where the payload names a random token id, the alert, the account and the
 * expiry, and the MAC is HMAC-SHA256 over the payload with the configured secret. {@link #verify}
 * checks the MAC in constant time and the expiry; that a token is used once is the store's part
 * (the token id is the key of its row). Every refusal looks the same to the caller.
 */
public final class ResponseTokens {

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /**
     * Longest token accepted: a payload of two 256-character ids of up to 4 UTF-8 bytes each, in
     * base64, and a MAC, with room.
     */
    static final int MAX_LENGTH = 4096;

    /** What a token says. */
    public record Claims(String tokenId, String alertId, String accountId, Instant expiresAt) {}

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret the HMAC key
     * @param ttl how long a token works after it is issued
     * @param clock the time source of issue and expiry
     */
    public ResponseTokens(String secret, Duration ttl, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** New claims for an alert: a random id, expiring {@code ttl} from now. */
    public Claims issue(String alertId, String accountId) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return new Claims(
                ENCODER.encodeToString(id), alertId, accountId, clock.instant().plus(ttl));
    }

    /** The token text of the claims. */
    public String sign(Claims claims) {
        String payload =
                String.join(
                        "\n",
                        VERSION,
                        claims.tokenId(),
                        claims.alertId(),
                        claims.accountId(),
                        Long.toString(claims.expiresAt().toEpochMilli()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /**
     * The claims of a token that is well formed, signed with this secret and not expired; empty
     * otherwise, whatever the reason.
     */
    public Optional<Claims> verify(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] presented;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            presented = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), presented)) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 5 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[4]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (clock.millis() >= expires) {
            return Optional.empty();
        }
        return Optional.of(new Claims(parts[1], parts[2], parts[3], Instant.ofEpochMilli(expires)));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
