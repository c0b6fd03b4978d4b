package io.fraudstream.bench;

import io.fraudstream.events.Transaction;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobConfigLoader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, realistic inputs for the microbenchmarks: card transactions in time order over a
 * population of cards, each card with its home terminals and merchants, POS with coordinates and
 * online without, amounts in cents around a card's own level.
 */
final class Samples {

    static final long SEED = 20261201L;

    private static final String[] COUNTRIES = {"DE", "FR", "NL", "ES", "IT", "GB"};
    private static final String[] MCCS = {"5411", "5812", "5999", "4121", "5732", "6011"};

    private Samples() {}

    /** The job's configuration as shipped: its detectors, feedback and scoring settings. */
    static FraudJobConfig config() {
        return FraudJobConfig.from(JobConfigLoader.defaults());
    }

    /**
     * {@code n} transactions over {@code cards} cards in event-time order, about one every 5 s
     * across the population.
     */
    static List<Transaction> transactions(int n, int cards, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Transaction> out = new ArrayList<>(n);
        long time = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            time += 1 + random.nextInt(10_000);
            int card = random.nextInt(cards);
            boolean online = random.nextInt(4) == 0;
            int terminal = card * 7 % 50_000 + random.nextInt(3);
            long cents = Math.max(1, (long) ((5 + card % 40) * 100 * (0.2 + random.nextDouble())));
            double lat = 48 + (card % 400) / 100.0;
            double lon = 2 + (card % 900) / 100.0;
            out.add(
                    new Transaction(
                            "tx-" + seed + "-" + i,
                            "acct-" + card,
                            Instant.ofEpochMilli(time),
                            BigDecimal.valueOf(cents, 2),
                            "EUR",
                            "merchant-" + terminal / 4,
                            "terminal-" + terminal,
                            MCCS[terminal % MCCS.length],
                            COUNTRIES[card % COUNTRIES.length],
                            online ? null : lat,
                            online ? null : lon,
                            online ? Transaction.Channel.ECOM : Transaction.Channel.POS));
        }
        return out;
    }
}
