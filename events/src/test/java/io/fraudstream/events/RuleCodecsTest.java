package io.fraudstream.events;

import static io.fraudstream.events.CodecAssertions.assertRejected;
import static io.fraudstream.events.CodecAssertions.assertRejectedStartingWith;
import static io.fraudstream.events.CodecAssertions.assertRoundTrips;
import static io.fraudstream.events.JsonObject.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleCodecsTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    static final JsonObject HIT =
            JsonObject.of(
                    "ruleId", str("terminal-burst"),
                    "ruleVersion", "1",
                    "shadow", "false",
                    "transactionId", str("t-9"),
                    "accountId", str("acct-5"),
                    "eventTime", str("2026-12-01T10:00:00Z"),
                    "value", "4.0",
                    "threshold", "3.0",
                    "message", str("COUNT 4 by terminalId within 10 min, > 3"));

    @Test
    void aRejectionCarriesItsReasonAndRoundTrips() {
        RuleStatus rejected =
                new RuleStatus(
                        "terminal-burst",
                        2,
                        RuleStatus.Status.REJECTED,
                        "window: not a duration: \"banana\"",
                        AT);
        assertRoundTrips(RuleStatusCodec.INSTANCE, rejected);
        assertThat(RuleStatusCodec.INSTANCE.decode(RuleStatusCodec.INSTANCE.encode(rejected)))
                .isEqualTo(rejected);
        assertRoundTrips(
                RuleStatusCodec.INSTANCE,
                new RuleStatus("terminal-burst", 1, RuleStatus.Status.ACCEPTED, null, AT));
    }

    @Test
    void statusesKeepTheirShape() {
        assertThatThrownBy(() -> new RuleStatus("r", 1, RuleStatus.Status.REJECTED, null, AT))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> new RuleStatus("r", 1, RuleStatus.Status.ACCEPTED, "why", AT))
                .hasMessageContaining("reason: only a rejection has a reason");
        assertThatThrownBy(() -> new RuleStatus("r", -1, RuleStatus.Status.DELETED, null, AT))
                .hasMessageContaining("version");
        assertRejectedStartingWith(
                RuleStatusCodec.INSTANCE,
                JsonObject.of(
                                "ruleId", str("r"),
                                "version", "1",
                                "status", str("MAYBE"),
                                "at", str("2026-12-01T10:00:00Z"))
                        .bytes(),
                "status",
                "status: ");
    }

    @Test
    void aHitDecodesAndRoundTrips() {
        RuleHit hit = RuleHitCodec.INSTANCE.decode(HIT.bytes());
        assertThat(hit)
                .isEqualTo(
                        new RuleHit(
                                "terminal-burst",
                                1,
                                false,
                                "t-9",
                                "acct-5",
                                AT,
                                4,
                                3,
                                "COUNT 4 by terminalId within 10 min, > 3"));
        assertRoundTrips(RuleHitCodec.INSTANCE, hit);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ruleId",
                "ruleVersion",
                "shadow",
                "transactionId",
                "accountId",
                "eventTime",
                "value",
                "threshold",
                "message"
            })
    void aHitWithoutARequiredFieldIsRejectedNamingIt(String field) {
        assertRejected(
                RuleHitCodec.INSTANCE, HIT.without(field).bytes(), field, field + ": required");
    }

    @Test
    void aHitOfVersionZeroIsRejected() {
        assertRejected(
                RuleHitCodec.INSTANCE,
                HIT.with("ruleVersion", "0").bytes(),
                "ruleVersion",
                "ruleVersion: outside [1, 2147483647]: 0");
    }
}
