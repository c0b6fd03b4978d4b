package io.fraudstream.model.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardVerdictsTest {

    @Test
    void aVerdictCountsOnlyFromItsTime() {
        CardVerdicts verdicts = new CardVerdicts();
        verdicts.add(1000, true);

        verdicts.applyUpTo(999);
        assertThat(verdicts.compromised()).isFalse();

        verdicts.applyUpTo(1000);
        assertThat(verdicts.compromised()).isTrue();
        assertThat(verdicts.compromisedSince).isEqualTo(1000);
    }

    @Test
    void theNewestVerdictDecidesWhateverTheOrderOfArrival() {
        CardVerdicts verdicts = new CardVerdicts();
        verdicts.add(3000, false);
        verdicts.add(1000, true);

        verdicts.applyUpTo(2000);
        assertThat(verdicts.compromised()).isTrue();

        verdicts.applyUpTo(3000);
        assertThat(verdicts.compromised()).as("cleared by the later LEGIT").isFalse();
        assertThat(verdicts.pendingCount).isZero();
        assertThat(verdicts.isEmpty()).isFalse();
    }
}
