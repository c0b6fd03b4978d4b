package io.fraudstream.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpendBurstDetectorTest extends DetectorTestBase {

    @BeforeEach
    void startSpendBurstOnly() throws Exception {
        start("spend-burst", Map.of());
    }

    @Test
    void spendUpToTheAbsoluteFloorDoesNotAlert() throws Exception {
        send("400.00", at(minutes(0)));
        send("600.00", at(minutes(20)));

        assertThat(alerts()).isEmpty();
    }

    @Test
    void alertsWhenANewAccountSpendsAboveTheFloorWithinAnHour() throws Exception {
        send("400.00", at(minutes(0)));
        var third = send("600.01", at(minutes(20)));

        assertThat(alerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.transactionId()).isEqualTo(third.transactionId());
                            assertThat(alert.reasons().get(0).detector()).isEqualTo("spend-burst");
                            assertThat(alert.reasons().get(0).value()).isEqualTo(1000.01);
                        });
    }

    @Test
    void oneLargePurchaseAloneIsNotABurst() throws Exception {
        send("1500.00", at(minutes(0)));
        assertThat(alerts()).isEmpty();

        var second = send("0.01", at(minutes(59)));
        assertThat(alerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.transactionId()).isEqualTo(second.transactionId());
                            assertThat(alert.reasons().get(0).value()).isEqualTo(1500.01);
                        });
    }

    @Test
    void spendSpreadBeyondTheWindowDoesNotAlert() throws Exception {
        send("600.00", at(minutes(0)));
        send("600.00", at(minutes(65)));

        assertThat(alerts()).isEmpty();
    }

    @Test
    void aHeavySpenderNeedsAMultipleOfItsUsualSpend() throws Exception {
        // 30 days of 900 per hour in one purchase: the usual spend per hour is about 900.
        for (int hour = 0; hour < 24 * 30; hour++) {
            send("900.00", at(minutes(60L * hour)));
        }
        assertThat(alerts()).isEmpty();

        // 3,000 within the hour is above the floor but below 5 x the usual 900.
        send("3000.00", at(minutes(60L * 24 * 30 + 5)));
        assertThat(alerts()).isEmpty();

        send("3000.00", at(minutes(60L * 24 * 30 + 10)));
        assertThat(alerts())
                .singleElement()
                .satisfies(
                        alert ->
                                assertThat(alert.reasons().get(0).threshold())
                                        .isBetween(4000.0, 5000.0));
    }
}
