package io.fraudstream.job.rules;

import java.util.Arrays;

/**
 * What the scorer knows of one transaction's rule results while it waits for them: how many the
 * router sent out (-1 until the transaction itself arrives, as results can overtake it), how many
 * came back, and the ACTIVE hits among them. A Flink POJO.
 */
public class RuleOutcome {

    private static final RuleResult[] NONE = new RuleResult[0];

    public int expected = -1;

    public int received;

    public RuleResult[] hits = NONE;

    public RuleOutcome() {}

    public boolean complete() {
        return expected >= 0 && received >= expected;
    }

    public void add(RuleResult hit) {
        received++;
        if (hit != null) {
            hits = Arrays.copyOf(hits, hits.length + 1);
            hits[hits.length - 1] = hit;
        }
    }
}
