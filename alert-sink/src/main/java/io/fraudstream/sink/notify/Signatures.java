package io.fraudstream.sink.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of webhook bodies, as receivers verify them: {@code
 * X-Fraudstream-Signature: sha256=<hex of HMAC-SHA256(secret, exact body bytes)>}.
 */
public final class Signatures {

    /** The header carrying the signature. */
    public static final String HEADER = "X-Fraudstream-Signature";

    private static final String PREFIX = "sha256=";

    private Signatures() {}

    /** The header value for this body. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java runtime has HmacSHA256 and accepts any non-empty key.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether the header value is the signature of the body, compared in constant time. */
    public static boolean verify(String secret, byte[] body, String headerValue) {
        if (headerValue == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                headerValue.getBytes(StandardCharsets.US_ASCII));
    }
}
