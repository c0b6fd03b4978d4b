package io.fraudstream.txgen.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * Everything that shapes the generated stream; equal settings give an identical stream.
 *
 * @param seed seeds every random choice
 * @param accounts cards in the population
 * @param terminals card-present terminals (POS and ATM)
 * @param txPerDay mean genuine transactions per card and day
 * @param fraudRate share of transactions that are fraudulent, in [0, 0.5]
 * @param scenarios which fraud scenarios, in what proportion
 * @param badRate share of records that are malformed, in [0, 1)
 * @param outOfOrderRate share of transactions whose timestamp lags behind, in [0, 1]
 * @param maxDelay the most a lagging timestamp lags
 * @param start simulated event time of the first transaction
 * @param liveClock whether timestamps are the wall clock instead of the simulated clock
 * @param currency ISO 4217 code of every amount
 */
public record GeneratorSettings(
        long seed,
        int accounts,
        int terminals,
        double txPerDay,
        double fraudRate,
        ScenarioMix scenarios,
        double badRate,
        double outOfOrderRate,
        Duration maxDelay,
        Instant start,
        boolean liveClock,
        String currency) {

    public GeneratorSettings {
        Objects.requireNonNull(scenarios, "scenarios");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(currency, "currency");
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts: must be >= 1, was " + accounts);
        }
        if (terminals < 1) {
            throw new IllegalArgumentException("terminals: must be >= 1, was " + terminals);
        }
        if (!(txPerDay > 0 && txPerDay <= 1000)) {
            throw new IllegalArgumentException("tx per day: must be in (0, 1000], was " + txPerDay);
        }
        if (!(fraudRate >= 0 && fraudRate <= 0.5)) {
            throw new IllegalArgumentException("fraud rate: must be in [0, 0.5], was " + fraudRate);
        }
        if (!(badRate >= 0 && badRate < 1)) {
            throw new IllegalArgumentException("bad rate: must be in [0, 1), was " + badRate);
        }
        if (!(outOfOrderRate >= 0 && outOfOrderRate <= 1)) {
            throw new IllegalArgumentException(
                    "out-of-order rate: must be in [0, 1], was " + outOfOrderRate);
        }
        if (maxDelay.isNegative() || maxDelay.isZero() && outOfOrderRate > 0) {
            throw new IllegalArgumentException(
                    "max delay: must be > 0 when timestamps lag, was " + maxDelay);
        }
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "currency: not an ISO 4217 code, was '" + currency + "'", e);
        }
    }
}
