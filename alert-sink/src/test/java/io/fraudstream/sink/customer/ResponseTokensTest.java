package io.fraudstream.sink.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signed, expiring response tokens: what verifies and what never does. */
class ResponseTokensTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final String SECRET = "token-secret-0123456789abc";

    private static ResponseTokens at(Instant now) {
        return new ResponseTokens(SECRET, Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFreshTokenVerifiesToItsClaimsUntilItExpires() {
        ResponseTokens tokens = at(T0);
        ResponseTokens.Claims claims = tokens.issue("a-1", "acct-1");
        String token = tokens.sign(claims);

        assertThat(tokens.verify(token)).contains(claims);
        assertThat(claims.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(at(T0.plus(Duration.ofHours(24)).minusMillis(1)).verify(token)).isPresent();
        assertThat(at(T0.plus(Duration.ofHours(24))).verify(token)).isEmpty();
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void eachIssueHasItsOwnRandomId() {
        ResponseTokens tokens = at(T0);
        assertThat(tokens.issue("a-1", "acct-1").tokenId())
                .isNotEqualTo(tokens.issue("a-1", "acct-1").tokenId());
    }

    @Test
    void aTamperedPayloadAnotherKeyOrAMalformedTokenNeverVerifies() {
        ResponseTokens tokens = at(T0);
        String token = tokens.sign(tokens.issue("a-1", "acct-1"));
        String mac = token.substring(token.indexOf('.'));
        String payload =
                new String(
                        Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                        StandardCharsets.UTF_8);
        String otherAlert =
                Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(
                                        payload.replace("a-1", "a-2")
                                                .getBytes(StandardCharsets.UTF_8))
                        + mac;
        ResponseTokens otherKey =
                new ResponseTokens(
                        "another-secret-0123456789",
                        Duration.ofHours(24),
                        Clock.fixed(T0, ZoneOffset.UTC));

        assertThat(tokens.verify(otherAlert)).isEmpty();
        assertThat(tokens.verify(otherKey.sign(otherKey.issue("a-1", "acct-1")))).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(tokens.verify(token + ".x")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("%%%.%%%")).isEmpty();
        assertThat(tokens.verify("a".repeat(5000))).isEmpty();
    }
}
