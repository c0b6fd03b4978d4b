package io.fraudstream.txgen.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fraudstream.txgen.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioMixTest {

    @Test
    void defaultMixIsTheFiveSyntheticScenariosEqually() {
        Map<Scenario, Double> shares = ScenarioMix.synthetic().shares();

        assertThat(shares).containsOnlyKeys(Scenario.synthetic());
        assertThat(shares.values()).allSatisfy(s -> assertThat(s).isCloseTo(0.2, within(1e-12)));
    }

    @Test
    void weightsSplitTheFraudAndGroupsExpand() {
        Map<Scenario, Double> shares = ScenarioMix.parse("card-testing:2, handbook").shares();

        assertThat(shares)
                .containsOnlyKeys(
                        Scenario.CARD_TESTING,
                        Scenario.HANDBOOK_HIGH_AMOUNT,
                        Scenario.HANDBOOK_COMPROMISED_TERMINAL,
                        Scenario.HANDBOOK_COMPROMISED_CARD);
        assertThat(shares.get(Scenario.CARD_TESTING)).isCloseTo(0.4, within(1e-12));
        assertThat(shares.get(Scenario.HANDBOOK_HIGH_AMOUNT)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void aZeroWeightLeavesTheScenarioOut() {
        assertThat(ScenarioMix.parse("card-testing,velocity-burst:0").shares())
                .containsOnlyKeys(Scenario.CARD_TESTING);
    }

    @Test
    void rejectsUnknownNamesBadWeightsAndRepeats() {
        assertThatThrownBy(() -> ScenarioMix.parse("card-testing,phishing"))
                .hasMessageContaining("unknown scenario 'phishing'")
                .hasMessageContaining("velocity-burst");
        assertThatThrownBy(() -> ScenarioMix.parse("card-testing:lots"))
                .hasMessageContaining("weight of 'card-testing:lots'");
        assertThatThrownBy(() -> ScenarioMix.parse("card-testing:-1"))
                .hasMessageContaining("must be a number >= 0");
        assertThatThrownBy(() -> ScenarioMix.parse("synthetic,card-testing"))
                .hasMessageContaining("card-testing given twice");
        assertThatThrownBy(() -> ScenarioMix.parse("card-testing:0"))
                .hasMessageContaining("no scenario with a weight above 0");
        assertThatThrownBy(() -> ScenarioMix.parse("card-testing,,velocity-burst"))
                .hasMessageContaining("empty entry");
    }
}
