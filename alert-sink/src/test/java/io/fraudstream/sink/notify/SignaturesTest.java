package io.fraudstream.sink.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HMAC-SHA256 as receivers compute it. */
class SignaturesTest {

    @Test
    void matchesTheRfc4231TestVector() {
        byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);

        assertThat(Signatures.sign("Jefe", body))
                .isEqualTo(
                        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void verifiesOnlyTheExactBodyAndSecret() {
        byte[] body = "{\"alertId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);
        String signature = Signatures.sign("secret-0123456789", body);

        assertThat(Signatures.verify("secret-0123456789", body, signature)).isTrue();
        assertThat(
                        Signatures.verify(
                                "secret-0123456789",
                                "{\"alertId\":\"a-2\"}".getBytes(StandardCharsets.UTF_8),
                                signature))
                .isFalse();
        assertThat(Signatures.verify("other-secret-012345", body, signature)).isFalse();
        assertThat(Signatures.verify("secret-0123456789", body, null)).isFalse();
    }
}
