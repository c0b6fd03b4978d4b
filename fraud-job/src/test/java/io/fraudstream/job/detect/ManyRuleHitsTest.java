package io.fraudstream.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import io.fraudstream.events.Transaction;
import io.fraudstream.job.rules.RuleResult;
import io.fraudstream.job.source.Ingested;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * More rules hitting one transaction than an alert has room for reasons: the alert keeps the first
 * ones and the job goes on (it once failed the scorer, over and over, on its 17th reason).
 */
class ManyRuleHitsTest extends DetectorTestBase {

    @Test
    void anAlertWithMoreRuleHitsThanReasonsKeepsTheFirstAndIsEmitted() throws Exception {
        start("velocity", Map.of());
        Transaction tx = online(ACCOUNT, at(minutes(1)), "120.00");
        int rules = Alert.MAX_REASONS + 8;
        long time = tx.timestamp().toEpochMilli();
        harness.processElement(CardInput.of(Ingested.valid(tx, 0), 7L, rules), time);
        for (int i = 0; i < rules; i++) {
            RuleResult hit = new RuleResult();
            hit.ruleId = String.format("r-%02d", i);
            hit.ruleVersion = 1;
            hit.score = 0.6;
            hit.action = "FLAG";
            hit.value = 10 + i;
            hit.threshold = 5;
            hit.message = "COUNT " + (10 + i) + " by terminalId within 10 min, > 5";
            harness.processElement(CardInput.ruleResult(ACCOUNT, 7L, hit), time);
        }

        List<Alert> alerts = alerts();

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).reasons()).hasSize(Alert.MAX_REASONS);
        assertThat(alerts.get(0).reasons().get(0).detector()).isEqualTo("rule:r-00");
        // twenty-four hits of weight 0.6 combine (noisy-OR) to a near-certain score: declined
        assertThat(alerts.get(0).action()).isEqualTo(Alert.Action.BLOCK);
        assertThat(alerts.get(0).amount()).isEqualByComparingTo("120.00");
        assertThat(alerts.get(0).currency()).isEqualTo("EUR");
    }
}
