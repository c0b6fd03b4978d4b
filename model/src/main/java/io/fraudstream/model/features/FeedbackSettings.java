package io.fraudstream.model.features;

import io.fraudstream.events.config.Options;
import io.fraudstream.model.config.FeatureOptions;
import java.io.Serializable;
import java.time.Duration;

/**
 * How verdicts become features: the label delay behind the entity fraud shares, and the lag from a
 * verdict's {@code decidedAt} to the transactions it counts for. Read by the job and, from the same
 * file, by the trainer.
 *
 * @param labelDelay how long until a transaction's label is known (whole days)
 * @param visibilityLag a verdict counts for transactions from {@code decidedAt} plus this
 * @param declineCompromised whether a card with a FRAUD verdict (and no later LEGIT one) has every
 *     later transaction declined, or is left to the model (its confirmed-fraud features)
 */
public record FeedbackSettings(
        Duration labelDelay, Duration visibilityLag, boolean declineCompromised)
        implements Serializable {

    public FeedbackSettings {
        if (labelDelay.toMillis() % 86_400_000L != 0) {
            throw new io.fraudstream.events.config.ConfigException(
                    FeatureOptions.FEEDBACK_LABEL_DELAY
                            + ": must be whole days, was "
                            + labelDelay);
        }
    }

    /** The label delay in days. */
    public int labelDelayDays() {
        return (int) labelDelay.toDays();
    }

    public long lagMillis() {
        return visibilityLag.toMillis();
    }

    public static FeedbackSettings read(Options r) {
        return new FeedbackSettings(
                r.duration(FeatureOptions.FEEDBACK_LABEL_DELAY, Duration.ZERO, Duration.ofDays(7)),
                r.duration(
                        FeatureOptions.FEEDBACK_VISIBILITY_LAG, Duration.ZERO, Duration.ofDays(1)),
                r.bool(FeatureOptions.FEEDBACK_DECLINE_COMPROMISED));
    }
}
