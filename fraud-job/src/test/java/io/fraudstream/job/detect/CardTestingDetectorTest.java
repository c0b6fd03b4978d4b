package io.fraudstream.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CardTestingDetectorTest extends DetectorTestBase {

    @BeforeEach
    void startCardTestingOnly() throws Exception {
        start("card-testing", Map.of());
    }

    @Test
    void alertsOnAProbeFollowedByALargePurchaseWithinTheWindow() throws Exception {
        var probe = send("1.99", at(minutes(0)));
        var large = send("100.00", at(minutes(25)));

        assertThat(alerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.transactionId()).isEqualTo(large.transactionId());
                            assertThat(alert.relatedTransactionIds())
                                    .containsExactly(probe.transactionId());
                            assertThat(alert.reasons().get(0).detector()).isEqualTo("card-testing");
                            assertThat(alert.reasons().get(0).message())
                                    .isEqualTo(
                                            "purchase of 100.00 (at least 100.00) 25 min after 1 probe"
                                                    + " amount under 2.00");
                        });
    }

    @Test
    void twoDollarsIsNotAProbe() throws Exception {
        send("2.00", at(minutes(0)));
        send("500.00", at(minutes(1)));

        assertThat(alerts()).isEmpty();
    }

    @Test
    void aPurchaseJustUnderTheLargeAmountDoesNotAlert() throws Exception {
        send("0.50", at(minutes(0)));
        send("99.99", at(minutes(1)));

        assertThat(alerts()).isEmpty();
    }

    @Test
    void aLargePurchaseAfterTheWindowDoesNotAlert() throws Exception {
        send("0.50", at(minutes(0)));
        send("250.00", at(minutes(25).plusSeconds(1)));

        assertThat(alerts()).isEmpty();
    }

    @Test
    void alertsOnThreeProbesInARow() throws Exception {
        send("0.10", at(minutes(0)));
        send("0.20", at(minutes(4)));
        assertThat(alerts()).isEmpty();

        send("0.30", at(minutes(8)));

        assertThat(alerts())
                .singleElement()
                .satisfies(alert -> assertThat(alert.reasons().get(0).value()).isEqualTo(3));
    }

    @Test
    void anOrdinaryPurchaseEndsTheRunOfProbes() throws Exception {
        send("0.10", at(minutes(0)));
        send("0.20", at(minutes(1)));
        send("45.00", at(minutes(2)));
        send("0.30", at(minutes(3)));

        assertThat(alerts()).isEmpty();
    }
}
