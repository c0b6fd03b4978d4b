package io.fraudstream.txgen.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelIndexTest extends ScoringTestBase {

    @Test
    void keepsFraudAndAlertedLabelsAndOnlyCountsTheRest() {
        LabelIndex index = new LabelIndex("labels", Set.of("t-alerted"));

        index.add(fraud("t-fraud", "acct-A", DAY_1, "card-testing"));
        index.add(genuine("t-alerted", "acct-B", DAY_2));
        index.add(genuine("t-other", "acct-C", DAY_3));

        assertThat(index.kept())
                .extracting(l -> l.transactionId())
                .containsExactlyInAnyOrder("t-fraud", "t-alerted");
        assertThat(index.get("t-other")).isNull();
        assertThat(index.records()).isEqualTo(3);
        assertThat(index.genuineRecords()).isEqualTo(2);
        assertThat(index.firstDay()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(index.lastDay()).isEqualTo(LocalDate.of(2026, 3, 3));
    }

    @Test
    void keepsTheFirstLabelOfATransaction() {
        LabelIndex index = new LabelIndex("labels", Set.of());

        index.add(fraud("t1", "acct-A", DAY_1, "card-testing"));
        index.add(fraud("t1", "acct-A", DAY_1, "velocity-burst"));
        index.add(genuine("t1", "acct-A", DAY_1));

        assertThat(index.get("t1").scenario()).isEqualTo("card-testing");
        assertThat(index.duplicates()).isEqualTo(2);
    }

    @Test
    void keepsTheTerminalOfAFraudOnlyForAfterChargebackRecall() {
        LabelIndex index = new LabelIndex("labels", Set.of("t2"));

        index.add(fraud("t1", "acct-A", DAY_1, "card-testing"));
        index.add(genuine("t2", "acct-B", DAY_1));

        assertThat(index.get("t1").terminalId()).isEqualTo("term-1");
        assertThat(index.get("t2").terminalId()).isNull();
    }
}
