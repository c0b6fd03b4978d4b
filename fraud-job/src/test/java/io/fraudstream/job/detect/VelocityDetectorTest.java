package io.fraudstream.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VelocityDetectorTest extends DetectorTestBase {

    @BeforeEach
    void startVelocityOnly() throws Exception {
        start("velocity", Map.of());
    }

    @Test
    void fiveTransactionsWithinTenMinutesDoNotAlert() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("10.00", at(minutes(2 * i)));
        }

        assertThat(alerts()).isEmpty();
    }

    @Test
    void alertsWhenSixTransactionsWithinTenMinutes() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("10.00", at(minutes(i)));
        }
        var sixth = send("10.00", at(minutes(9)));

        assertThat(alerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.transactionId()).isEqualTo(sixth.transactionId());
                            assertThat(alert.accountId()).isEqualTo(ACCOUNT);
                            assertThat(alert.reasons())
                                    .singleElement()
                                    .satisfies(
                                            reason -> {
                                                assertThat(reason.detector()).isEqualTo("velocity");
                                                assertThat(reason.value()).isEqualTo(6);
                                                assertThat(reason.threshold()).isEqualTo(5);
                                                assertThat(reason.message())
                                                        .isEqualTo(
                                                                "6 transactions within 10 min, more than 5");
                                            });
                            assertThat(alert.relatedTransactionIds()).hasSize(5);
                            assertThat(alert.action()).isEqualTo(Alert.Action.FLAG);
                        });
    }

    @Test
    void aTransactionExactlyOneWindowEarlierIsOutsideTheWindow() throws Exception {
        send("10.00", at(minutes(0)));
        for (int i = 1; i <= 4; i++) {
            send("10.00", at(minutes(i)));
        }
        send("10.00", at(minutes(10)));

        // The window is (t - 10 min, t]: the first transaction sits exactly on its open edge.
        assertThat(alerts()).isEmpty();

        send("10.00", at(minutes(10).plusMillis(1)));
        assertThat(alerts()).hasSize(1);
    }

    @Test
    void outOfOrderTransactionsCountByEventTime() throws Exception {
        send("10.00", at(minutes(8)));
        send("10.00", at(minutes(2)));
        send("10.00", at(minutes(6)));
        send("10.00", at(minutes(1)));
        send("10.00", at(minutes(4)));
        assertThat(alerts()).isEmpty();

        send("10.00", at(minutes(9)));

        assertThat(alerts()).hasSize(1);
    }
}
