package io.fraudstream.model.card;

import io.fraudstream.events.Durations;
import io.fraudstream.events.Transaction;
import java.util.Locale;

/**
 * Card testing: probe amounts (below {@code probe-max}) followed within the window by a large one
 * (at least {@code large-min}), or {@code max-probes} probes in a row, each within the window of
 * the previous one. Any other amount ends the run of probes.
 */
public final class CardTestingDetector implements Detector {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "card-testing";

    private final double probeMax;
    private final double largeMin;
    private final long windowMs;
    private final String windowText;
    private final int maxProbes;
    private final double weight;

    public CardTestingDetector(DetectorSettings.CardTesting config) {
        this.probeMax = config.probeMax().doubleValue();
        this.largeMin = config.largeMin().doubleValue();
        this.windowMs = config.window().toMillis();
        this.windowText = Durations.text(config.window());
        this.maxProbes = config.maxProbes();
        this.weight = config.weight();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection evaluate(
            AccountState state, Transaction transaction, long time, double amount) {
        boolean recentProbe =
                state.probeCount > 0
                        && time >= state.lastProbeTime
                        && time - state.lastProbeTime <= windowMs;
        if (amount < probeMax) {
            state.probeCount = recentProbe ? state.probeCount + 1 : 1;
            state.lastProbeTime = Math.max(time, recentProbe ? state.lastProbeTime : time);
            if (state.probeCount < maxProbes) {
                return null;
            }
            return new Detection(
                    NAME,
                    Detection.score(weight, state.probeCount, maxProbes),
                    String.format(
                            Locale.ROOT,
                            "%d probe amounts under %.2f in a row, each within %s of the last",
                            state.probeCount,
                            probeMax,
                            windowText),
                    state.probeCount,
                    maxProbes);
        }
        int probes = state.probeCount;
        state.probeCount = 0;
        if (amount < largeMin || !recentProbe) {
            return null;
        }
        return new Detection(
                NAME,
                Detection.score(weight, amount, largeMin),
                String.format(
                        Locale.ROOT,
                        "purchase of %.2f (at least %.2f) %s after %d probe amount%s under %.2f",
                        amount,
                        largeMin,
                        Durations.text(time - state.lastProbeTime),
                        probes,
                        probes == 1 ? "" : "s",
                        probeMax),
                amount,
                largeMin);
    }
}
