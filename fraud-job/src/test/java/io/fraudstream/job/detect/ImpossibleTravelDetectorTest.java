package io.fraudstream.job.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.model.card.ImpossibleTravelDetector;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImpossibleTravelDetectorTest extends DetectorTestBase {

    @BeforeEach
    void startImpossibleTravelOnly() throws Exception {
        start("impossible-travel", Map.of());
    }

    @Test
    void berlinToParisIsAbout878Kilometres() {
        assertThat(
                        ImpossibleTravelDetector.distanceKm(
                                BERLIN_LAT, BERLIN_LON, PARIS_LAT, PARIS_LON))
                .isCloseTo(878, within(2.0));
    }

    @Test
    void alertsOnBerlinThenParisWithinThirtyMinutes() throws Exception {
        process(present(ACCOUNT, at(minutes(0)), "20.00", BERLIN_LAT, BERLIN_LON));
        var paris = present(ACCOUNT, at(minutes(30)), "20.00", PARIS_LAT, PARIS_LON);
        process(paris);

        assertThat(alerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.transactionId()).isEqualTo(paris.transactionId());
                            assertThat(alert.reasons().get(0).detector())
                                    .isEqualTo("impossible-travel");
                            assertThat(alert.reasons().get(0).value()).isCloseTo(1756, within(5.0));
                            assertThat(alert.reasons().get(0).threshold()).isEqualTo(900);
                        });
    }

    @Test
    void justBelowTheSpeedLimitDoesNotAlert() throws Exception {
        process(present(ACCOUNT, at(minutes(0)), "20.00", BERLIN_LAT, BERLIN_LON));
        // 878 km in 59 min is about 893 km/h.
        process(present(ACCOUNT, at(minutes(59)), "20.00", PARIS_LAT, PARIS_LON));

        assertThat(alerts()).isEmpty();
    }

    @Test
    void aShortHopIsNeverImpossibleHoweverFast() throws Exception {
        process(present(ACCOUNT, at(minutes(0)), "20.00", BERLIN_LAT, BERLIN_LON));
        // About 27 km in one second: far above 900 km/h, but below the 100 km minimum distance.
        process(present(ACCOUNT, at(seconds(1)), "20.00", POTSDAM_LAT, POTSDAM_LON));

        assertThat(alerts()).isEmpty();
    }

    @Test
    void onlineTransactionsDoNotCountAsPresence() throws Exception {
        process(present(ACCOUNT, at(minutes(0)), "20.00", BERLIN_LAT, BERLIN_LON));
        process(online(ACCOUNT, at(minutes(5)), "20.00"));
        process(present(ACCOUNT, at(minutes(300)), "20.00", PARIS_LAT, PARIS_LON));

        assertThat(alerts()).isEmpty();
    }
}
