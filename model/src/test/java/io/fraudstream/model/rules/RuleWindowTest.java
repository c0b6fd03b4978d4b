package io.fraudstream.model.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RuleWindowTest {

    private static final long MIN = 60_000;
    private static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    /** A rule over 16 min (buckets of exactly 1 min), grouped by terminal. */
    private static Rule rule(String aggregate) {
        return RuleParser.parse(
                "{\"id\": \"r\", \"version\": 1, \"groupBy\": [\"terminalId\"], \"aggregate\": "
                        + aggregate
                        + ", \"window\": \"16 min\", \"condition\": {\"op\": \">\", \"threshold\":"
                        + " 3}, \"score\": 0.5}");
    }

    private static Transaction tx(long time, String amount, String account, String terminal) {
        return new Transaction(
                "tx-" + time + "-" + account,
                account,
                Instant.ofEpochMilli(time),
                new BigDecimal(amount),
                "EUR",
                "m-1",
                terminal,
                "5411",
                "DE",
                null,
                null,
                Transaction.Channel.POS);
    }

    private static double apply(Rule rule, RuleWindow w, long time, String amount) {
        return RuleEvaluator.apply(rule, w, tx(time, amount, "acct-" + time, "T-1"), time);
    }

    @Test
    void countKeepsATransactionUntilItsBucketLeavesTheWindow() {
        Rule r = rule("{\"function\": \"COUNT\"}");
        RuleWindow w = RuleWindow.create(r.function());
        assertThat(RuleWindow.width(r.window())).isEqualTo(MIN);

        assertThat(apply(r, w, T0 + 30_000, "10")).isEqualTo(1); // bucket 0, half-way
        // the last moment of bucket 15: bucket 0 is still in the window (15.5 min later)
        assertThat(apply(r, w, T0 + 16 * MIN - 1, "10")).isEqualTo(2);
        // bucket 16: bucket 0 has left (16 min after its start, 15.5 after the transaction)
        assertThat(apply(r, w, T0 + 16 * MIN, "10")).isEqualTo(2);
        assertThat(w.aggregate(r.function(), T0 + 16 * MIN, MIN, 16 * MIN)).isEqualTo(2);
        assertThat(w.aggregate(r.function(), T0 + 31 * MIN, MIN, 16 * MIN)).isEqualTo(1);
        assertThat(w.aggregate(r.function(), T0 + 32 * MIN, MIN, 16 * MIN)).isNaN();
    }

    @Test
    void nothingCountsLongerThanTheWindowWhenItIsNotAMultipleOfTheBuckets() {
        for (long windowMs : new long[] {1, 17, 100, 1_000, 5_000, 600_001}) {
            Rule r =
                    RuleParser.parse(
                            "{\"id\": \"r\", \"version\": 1, \"groupBy\": [\"terminalId\"],"
                                    + " \"aggregate\": {\"function\": \"COUNT\"}, \"window\": \""
                                    + windowMs
                                    + " ms\", \"condition\": {\"op\": \">\", \"threshold\": 3},"
                                    + " \"score\": 0.5}");
            RuleWindow w = RuleWindow.create(r.function());
            long width = RuleWindow.width(r.window());
            apply(r, w, T0, "1");
            assertThat(w.aggregate(r.function(), T0 + windowMs, width, windowMs))
                    .as("%d ms after, window %d ms", windowMs, windowMs)
                    .isNaN();
            assertThat(w.aggregate(r.function(), T0 + windowMs - width, width, windowMs))
                    .as("window - width after, window %d ms", windowMs)
                    .isEqualTo(1);
        }
    }

    @Test
    void sumAverageMinimumAndMaximumOfTheWindow() {
        String[] amounts = {"100.50", "20", "300", "5.25"};
        double[][] expected = { // sum, avg, min, max after each
            {100.5, 100.5, 100.5, 100.5},
            {120.5, 60.25, 20, 100.5},
            {420.5, 420.5 / 3, 20, 300},
            {425.75, 425.75 / 4, 5.25, 300},
        };
        String[] functions = {"SUM", "AVG", "MIN", "MAX"};
        for (int f = 0; f < functions.length; f++) {
            Rule r = rule("{\"function\": \"" + functions[f] + "\", \"field\": \"amount\"}");
            RuleWindow w = RuleWindow.create(r.function());
            for (int i = 0; i < amounts.length; i++) {
                assertThat(apply(r, w, T0 + i * 5 * MIN, amounts[i]))
                        .as("%s after %d", functions[f], i)
                        .isEqualTo(expected[i][f]);
            }
            // 20 min on, only the last two (at 10 and 15 min) are in the window ending at 24 min
            double later = w.aggregate(r.function(), T0 + 24 * MIN, MIN, 16 * MIN);
            double[] lastTwo = {305.25, 305.25 / 2, 5.25, 300};
            assertThat(later).as(functions[f] + " later").isEqualTo(lastTwo[f]);
        }
    }

    @Test
    void distinctCountIsExactInTimeAndCapped() {
        Rule r = rule("{\"function\": \"DISTINCT_COUNT\", \"field\": \"accountId\"}");
        RuleWindow w = RuleWindow.create(r.function());
        long windowMs = r.window().toMillis();
        double n = 0;
        for (int i = 0; i < 5; i++) {
            n =
                    RuleEvaluator.apply(
                            r, w, tx(T0 + i * MIN, "1", "acct-" + (i % 3), "T-1"), T0 + i * MIN);
        }
        assertThat(n).isEqualTo(3); // acct-0, acct-1, acct-2, each twice at most
        // acct-2 was last seen at 2 min: it counts until exactly 16 min later
        assertThat(w.aggregate(r.function(), T0 + 18 * MIN - 1, 0, windowMs)).isEqualTo(1 + 1 + 1);
        assertThat(w.aggregate(r.function(), T0 + 18 * MIN, 0, windowMs)).isEqualTo(2);

        RuleWindow many = RuleWindow.create(r.function());
        for (int i = 0; i < 100; i++) {
            n = RuleEvaluator.apply(r, many, tx(T0 + i, "1", "card-" + i, "T-1"), T0 + i);
        }
        assertThat(n).isEqualTo(RuleWindow.MAX_DISTINCT);
        assertThat(many.distinctHash).hasSize(RuleWindow.MAX_DISTINCT);
    }

    @Test
    void aTransactionOlderThanTheWindowIsNotAdded() {
        Rule r = rule("{\"function\": \"COUNT\"}");
        RuleWindow w = RuleWindow.create(r.function());
        apply(r, w, T0 + 40 * MIN, "1");

        // bucket 8 shares its slot with the newer bucket 40: it is gone, so this is not counted
        assertThat(w.add(T0 + 8 * MIN, MIN, 16 * MIN, 0, 0)).isFalse();
        assertThat(w.aggregate(r.function(), T0 + 40 * MIN, MIN, 16 * MIN)).isEqualTo(1);
        // a late one still inside the window is
        assertThat(apply(r, w, T0 + 30 * MIN, "1")).isEqualTo(1);
        assertThat(w.aggregate(r.function(), T0 + 40 * MIN, MIN, 16 * MIN)).isEqualTo(2);
    }

    @Test
    void agreesWithCountingEveryTransactionByBucket() {
        SplittableRandom random = new SplittableRandom(17);
        Rule count = rule("{\"function\": \"COUNT\"}");
        Rule sum = rule("{\"function\": \"SUM\", \"field\": \"amount\"}");
        Rule distinct = rule("{\"function\": \"DISTINCT_COUNT\", \"field\": \"accountId\"}");
        RuleWindow wc = RuleWindow.create(count.function());
        RuleWindow ws = RuleWindow.create(sum.function());
        RuleWindow wd = RuleWindow.create(distinct.function());
        List<long[]> seen = new ArrayList<>(); // time, cents, account
        long time = T0;
        for (int i = 0; i < 5_000; i++) {
            time += random.nextLong(0, 3 * MIN);
            long cents = random.nextLong(1, 100_000);
            long account = random.nextLong(0, 40);
            Transaction tx =
                    tx(
                            time,
                            BigDecimal.valueOf(cents, 2).toPlainString(),
                            "acct-" + account,
                            "T-1");
            seen.add(new long[] {time, cents, account});
            double c = RuleEvaluator.apply(count, wc, tx, time);
            double s = RuleEvaluator.apply(sum, ws, tx, time);
            double d = RuleEvaluator.apply(distinct, wd, tx, time);

            long bucket = Math.floorDiv(time, MIN);
            long n = 0;
            long totalCents = 0;
            Set<Long> accounts = new HashSet<>();
            for (long[] e : seen) {
                long b = Math.floorDiv(e[0], MIN);
                if (b > bucket - RuleWindow.BUCKETS && b <= bucket) {
                    n++;
                    totalCents += e[1];
                }
                if (e[0] > time - 16 * MIN && e[0] <= time) {
                    accounts.add(e[2]);
                }
            }
            assertThat(c).as("count at %d", i).isEqualTo(n);
            assertThat(s)
                    .as("sum at %d", i)
                    .isCloseTo(totalCents / 100.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(d).as("distinct at %d", i).isEqualTo(accounts.size());
        }
        assertThat(wc.bucket.length).isLessThanOrEqualTo(RuleWindow.BUCKETS);
        assertThat(ws.used).isLessThanOrEqualTo(RuleWindow.BUCKETS);
    }

    @Test
    void keepsOnlyTheBucketsThatHoldTransactions() {
        Rule r = rule("{\"function\": \"SUM\", \"field\": \"amount\"}");
        RuleWindow w = RuleWindow.create(r.function());
        apply(r, w, T0, "10");
        apply(r, w, T0 + 5 * MIN, "5");
        assertThat(w.bucket).hasSize(2);

        // a third bucket grows the arrays; once the first two have left the window, their room
        // is reused rather than grown again
        assertThat(apply(r, w, T0 + 10 * MIN, "1")).isEqualTo(16);
        assertThat(apply(r, w, T0 + 30 * MIN, "2")).isEqualTo(2);
        assertThat(apply(r, w, T0 + 31 * MIN, "3")).isEqualTo(5);
        assertThat(w.used).isEqualTo(2);
        assertThat(w.bucket).hasSize(4);
        assertThat(w.count).hasSize(4);
    }

    @Test
    void transactionsLackingAKeyOrAggregatedFieldAreNotCounted() {
        Rule r = rule("{\"function\": \"COUNT\"}");
        Transaction noTerminal = tx(T0, "1", "acct-1", null);

        assertThat(r.key(noTerminal)).isNull();
        assertThat(r.key(tx(T0, "1", "acct-1", "T-9"))).isEqualTo("r\u001fT-9");

        Rule distinct = rule("{\"function\": \"DISTINCT_COUNT\", \"field\": \"terminalId\"}");
        assertThat(
                        RuleEvaluator.apply(
                                distinct, RuleWindow.create(distinct.function()), noTerminal, T0))
                .isNaN();
    }

    @Test
    void theHitMessageNamesValueConditionAndWindow() {
        Rule r = RuleParser.parse(RuleParserTest.EXAMPLE);

        assertThat(r.hit(4)).isTrue();
        assertThat(r.hit(3)).isFalse();
        assertThat(RuleEvaluator.message(r, 4))
                .isEqualTo("COUNT 4 by terminalId within 10 min, > 3");
        Rule avg = rule("{\"function\": \"AVG\", \"field\": \"amount\"}");
        assertThat(RuleEvaluator.message(avg, 120.456))
                .isEqualTo("AVG(amount) 120.46 by terminalId within 16 min, > 3");
    }
}
