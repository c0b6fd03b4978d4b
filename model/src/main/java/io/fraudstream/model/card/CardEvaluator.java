package io.fraudstream.model.card;

import io.fraudstream.events.Transaction;
import io.fraudstream.model.features.Feature;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One transaction against its card's state: the card's features for the model, then the enabled
 * detectors, then the state updates (recent transactions, profile, activity, last seen). The job
 * calls it for every transaction of an account in arrival order; the trainer calls it for the same
 * transactions in the same order, so both compute the same numbers.
 */
public final class CardEvaluator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    private final List<Detector> detectors;
    private final Profile profile;
    private final int recentCapacity;

    /** Scratch for window sums: one evaluator serves one thread (an operator instance). */
    private transient double[] sum;

    public CardEvaluator(DetectorSettings d) {
        this.profile = new Profile(d.profileHalfLife());
        List<Detector> enabled = new ArrayList<>();
        if (d.velocity().enabled()) {
            enabled.add(new VelocityDetector(d.velocity()));
        }
        if (d.spendBurst().enabled()) {
            enabled.add(new SpendBurstDetector(d.spendBurst(), profile));
        }
        if (d.amountAnomaly().enabled()) {
            enabled.add(new AmountAnomalyDetector(d.amountAnomaly()));
        }
        if (d.cardTesting().enabled()) {
            enabled.add(new CardTestingDetector(d.cardTesting()));
        }
        if (d.impossibleTravel().enabled()) {
            enabled.add(new ImpossibleTravelDetector(d.impossibleTravel()));
        }
        this.detectors = List.copyOf(enabled);
        this.recentCapacity = VelocityDetector.ringCapacity(d.velocity());
    }

    /** Names of the enabled detectors, in evaluation order. */
    public List<String> detectorNames() {
        return detectors.stream().map(Detector::name).toList();
    }

    /** A fresh state for an account seen for the first time. */
    public AccountState newState() {
        return AccountState.create(recentCapacity, SpendBurstDetector.BUCKETS);
    }

    /**
     * Evaluates the transaction and updates the state.
     *
     * @param found receives what the detectors found (cleared first)
     * @param features receives the card features at their {@link Feature} indices; the entity
     *     features are left alone
     */
    public void evaluate(
            AccountState state,
            Transaction tx,
            long time,
            List<Detection> found,
            double[] features) {
        double amount = tx.amount().doubleValue();
        if (sum == null) {
            sum = new double[1];
        }
        cardFeatures(state, tx, time, amount, features, sum);
        state.remember(time, tx.transactionId());
        found.clear();
        for (int i = Feature.DETECTOR_VELOCITY.ordinal();
                i <= Feature.DETECTOR_IMPOSSIBLE_TRAVEL.ordinal();
                i++) {
            features[i] = 0;
        }
        for (Detector detector : detectors) {
            Detection detection = detector.evaluate(state, tx, time, amount);
            if (detection != null) {
                found.add(detection);
                features[featureOf(detector.name())] = detection.score();
            }
        }
        profile.add(state, time, amount);
        state.activity.add(time, amount);
        if (state.lastSeen == AccountState.NONE || time > state.lastSeen) {
            state.lastSeen = time;
        }
    }

    /** The card features, from the state before the transaction is added to it. */
    private static void cardFeatures(
            AccountState state,
            Transaction tx,
            long time,
            double amount,
            double[] out,
            double[] sum) {
        out[Feature.AMOUNT.ordinal()] = amount;
        int day = state.activity.lastDay(time, sum);
        out[Feature.CARD_COUNT_1D.ordinal()] = day;
        out[Feature.CARD_MEAN_AMOUNT_1D.ordinal()] = day == 0 ? Double.NaN : sum[0] / day;
        int week = state.activity.lastDays(time, 7, sum);
        out[Feature.CARD_COUNT_7D.ordinal()] = week;
        out[Feature.CARD_MEAN_AMOUNT_7D.ordinal()] = week == 0 ? Double.NaN : sum[0] / week;
        int month = state.activity.lastDays(time, 30, sum);
        out[Feature.CARD_COUNT_30D.ordinal()] = month;
        double mean = month == 0 ? Double.NaN : sum[0] / month;
        out[Feature.CARD_MEAN_AMOUNT_30D.ordinal()] = mean;
        out[Feature.CARD_AMOUNT_RATIO_30D.ordinal()] =
                month == 0 ? Double.NaN : amount / Math.max(mean, 0.01);
        out[Feature.CARD_SECONDS_SINCE_PREVIOUS.ordinal()] =
                state.lastSeen == AccountState.NONE
                        ? Double.NaN
                        : Math.max(0, time - state.lastSeen) / 1000.0;
        long hourOfDay = Math.floorMod(time, DAY_MS) / HOUR_MS;
        out[Feature.TIME_NIGHT.ordinal()] = hourOfDay < 6 ? 1 : 0;
        // 1970-01-01 was a Thursday: day 2 and 3 of the week counted from it are the weekend.
        long weekday = Math.floorMod(Math.floorDiv(time, DAY_MS), 7L);
        out[Feature.TIME_WEEKEND.ordinal()] = weekday == 2 || weekday == 3 ? 1 : 0;
        Transaction.Channel channel = tx.channel();
        out[Feature.CHANNEL_ECOM.ordinal()] = channel == Transaction.Channel.ECOM ? 1 : 0;
        out[Feature.CHANNEL_CARD_PRESENT.ordinal()] = tx.cardPresent() ? 1 : 0;
        // the verdicts applied so far: those that count by the transaction's time minus the lag
        out[Feature.CARD_CONFIRMED_FRAUDS.ordinal()] = state.verdicts.confirmedFrauds;
        out[Feature.CARD_DAYS_SINCE_FRAUD.ordinal()] = state.verdicts.daysSinceFraud(time);
    }

    private static int featureOf(String detector) {
        return switch (detector) {
            case VelocityDetector.NAME -> Feature.DETECTOR_VELOCITY.ordinal();
            case SpendBurstDetector.NAME -> Feature.DETECTOR_SPEND_BURST.ordinal();
            case AmountAnomalyDetector.NAME -> Feature.DETECTOR_AMOUNT_ANOMALY.ordinal();
            case CardTestingDetector.NAME -> Feature.DETECTOR_CARD_TESTING.ordinal();
            case ImpossibleTravelDetector.NAME -> Feature.DETECTOR_IMPOSSIBLE_TRAVEL.ordinal();
            default -> throw new IllegalArgumentException("unknown detector " + detector);
        };
    }
}
