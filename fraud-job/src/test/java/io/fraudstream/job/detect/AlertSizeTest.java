package io.fraudstream.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.EventCodec;
import io.fraudstream.model.card.AccountState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No alert can outgrow the codec's or Kafka's limits, whatever ids the producers chose. */
class AlertSizeTest {

    /** 256 code units of a three-byte UTF-8 character: the longest id in bytes. */
    private static final String WIDE = "\u4e2d".repeat(256);

    @Test
    void relatedIdsAreCappedByCountAndSizeKeepingTheNewest() {
        AccountState state = AccountState.create(1000, 12);
        for (int i = 0; i < 1000; i++) {
            state.remember(1000L + i, WIDE.substring(0, 250) + String.format("%06d", i));
        }

        List<String> related = CardScorer.related(state, 2000L, 10_000L, "current");

        assertThat(related).hasSizeLessThanOrEqualTo(Alert.MAX_RELATED_TRANSACTIONS);
        assertThat(related.stream().mapToInt(String::length).sum())
                .isLessThanOrEqualTo(CardScorer.MAX_RELATED_ID_CHARS);
        assertThat(related.get(related.size() - 1)).endsWith("000999");
        assertThat(related)
                .isSortedAccordingTo((a, b) -> a.substring(250).compareTo(b.substring(250)));
    }

    @Test
    void theLargestAlertTheJobCanBuildEncodesWellUnderTheLimits() {
        AccountState state = AccountState.create(1000, 12);
        for (int i = 0; i < 1000; i++) {
            state.remember(1000L + i, WIDE.substring(0, 250) + String.format("%06d", i));
        }
        List<Alert.Reason> reasons = new ArrayList<>();
        for (String detector : DetectorTestBase.ALL_DETECTORS) {
            reasons.add(new Alert.Reason(detector, "x".repeat(200), 1e300, 1e300));
        }
        Alert alert =
                new Alert(
                        CardScorer.alertId(WIDE, WIDE, WIDE),
                        WIDE,
                        WIDE,
                        CardScorer.related(state, 2000L, 10_000L, WIDE),
                        Instant.parse("9999-12-31T23:59:59.999999999Z"),
                        Instant.parse("9999-12-31T23:59:59.999999999Z"),
                        0.9999,
                        Alert.Severity.CRITICAL,
                        Alert.Action.BLOCK,
                        reasons,
                        WIDE,
                        true);

        byte[] encoded = AlertCodec.INSTANCE.encode(alert);

        assertThat(encoded.length).isLessThan(EventCodec.MAX_EVENT_BYTES / 2);
    }
}
