package io.fraudstream.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmountAnomalyDetectorTest extends DetectorTestBase {

    @BeforeEach
    void startAmountAnomalyOnly() throws Exception {
        start("amount-anomaly", Map.of());
    }

    private void history(int transactions) throws Exception {
        String[] amounts = {"40.00", "55.00", "48.00", "62.00", "35.00"};
        for (int i = 0; i < transactions; i++) {
            send(amounts[i % amounts.length], at(minutes(60L * i)));
        }
    }

    @Test
    void alertsOnAnAmountFarAboveTheAccountsProfile() throws Exception {
        history(20);
        var spike = send("2000.00", at(minutes(60L * 21)));

        assertThat(alerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.transactionId()).isEqualTo(spike.transactionId());
                            assertThat(alert.reasons().get(0).detector())
                                    .isEqualTo("amount-anomaly");
                            assertThat(alert.reasons().get(0).value()).isGreaterThan(4);
                        });
    }

    @Test
    void anAmountWithinTheAccountsRangeDoesNotAlert() throws Exception {
        history(20);
        send("70.00", at(minutes(60L * 21)));

        assertThat(alerts()).isEmpty();
    }

    @Test
    void zScoreJustBelowTheThresholdDoesNotAlertJustAboveDoes() throws Exception {
        // With identical amounts the spread is the floor (min-stddev 0.25), so the limit is
        // log(1 + amount) = log(1 + 50) + 4 * 0.25, about 137.63.
        double limit = Math.expm1(Math.log1p(50) + 4 * 0.25);
        for (String account : List.of("below", "above")) {
            for (int i = 0; i < 10; i++) {
                process(online(account, at(minutes(i)), "50.00"));
            }
        }

        process(online("below", at(minutes(20)), String.format(Locale.ROOT, "%.2f", limit - 0.01)));
        process(online("above", at(minutes(20)), String.format(Locale.ROOT, "%.2f", limit + 0.01)));

        assertThat(alerts())
                .singleElement()
                .satisfies(alert -> assertThat(alert.accountId()).isEqualTo("above"));
    }

    @Test
    void newAccountsAlertAboveTheAbsoluteCeilingOnly() throws Exception {
        send("1500.00", at(minutes(0)));
        assertThat(alerts()).isEmpty();

        send("1500.01", at(minutes(1)));

        assertThat(alerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.reasons().get(0).threshold()).isEqualTo(1500.0);
                            assertThat(alert.reasons().get(0).message())
                                    .isEqualTo(
                                            "amount 1500.01 above 1500.00 for an account with 1 earlier"
                                                    + " transactions");
                        });
    }
}
