package io.fraudstream.model.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityVersionsTest {

    private final EntityHistory first = new EntityHistory();
    private final EntityHistory second = new EntityHistory();

    @Test
    void readsTheVersionEffectiveAtATimeWhateverTheOrderOfArrival() {
        EntityVersions versions = new EntityVersions();
        versions.add(200, second);
        versions.add(100, first);

        assertThat(versions.at(99)).isNull();
        assertThat(versions.at(100)).isSameAs(first);
        assertThat(versions.at(199)).isSameAs(first);
        assertThat(versions.at(200)).isSameAs(second);
    }

    @Test
    void aBurstOfVersionsAheadOfTheReaderIsKeptUpToTheLimit() {
        // a terminal whose chargebacks arrive in a burst while the scoring side lags behind
        EntityVersions versions = new EntityVersions();
        EntityHistory[] histories = new EntityHistory[EntityVersions.MAX_VERSIONS];
        for (int i = 0; i < histories.length; i++) {
            histories[i] = new EntityHistory();
            assertThat(versions.add(1000L + i, histories[i])).isFalse();
        }
        for (int i = 0; i < histories.length; i++) {
            assertThat(versions.at(1000L + i)).isSameAs(histories[i]);
        }

        assertThat(versions.add(5000, first)).as("one more drops the oldest").isTrue();
        assertThat(versions.at(1000)).isNull();
        assertThat(versions.at(1001)).isSameAs(histories[1]);
    }

    @Test
    void anEndOfRiskReadsAsNothingKnown() {
        EntityVersions versions = new EntityVersions();
        versions.add(100, first);
        versions.add(300, null);

        assertThat(versions.at(299)).isSameAs(first);
        assertThat(versions.at(300)).isNull();
        assertThat(versions.pruneBefore(400)).as("nothing left to read").isTrue();
    }

    @Test
    void pruningKeepsTheVersionInForceAndEveryLaterOne() {
        EntityVersions versions = new EntityVersions();
        versions.add(100, first);
        versions.add(200, second);
        versions.add(300, first);

        assertThat(versions.pruneBefore(250)).isFalse();

        assertThat(versions.count).isEqualTo(2);
        assertThat(versions.at(250)).isSameAs(second);
        assertThat(versions.at(300)).isSameAs(first);
    }
}
