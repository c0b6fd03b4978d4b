package io.fraudstream.model.scoring;

import io.fraudstream.model.entity.EntityHistory;
import io.fraudstream.model.features.Feature;
import java.util.Locale;

/**
 * Says in words what a feature's value means for one transaction, for the reasons of a score and of
 * an alert: {@code terminal term-17: 4 of 9 transactions in the 7 known days confirmed fraud}.
 * Built only for the few contributions a score reports, never for every feature.
 */
public final class Explainer {

    private Explainer() {}

    /**
     * @param x the feature vector
     * @param terminal the terminal's history as of the transaction, or null
     * @param merchant the merchant's history, or null
     * @param today the epoch day the entity features were computed for
     * @param labelDelayDays the label delay behind the fraud shares
     */
    public static String message(
            Feature feature,
            double[] x,
            String terminalId,
            EntityHistory terminal,
            String merchantId,
            EntityHistory merchant,
            long today,
            int labelDelayDays) {
        double v = x[feature.ordinal()];
        int ordinal = feature.ordinal();
        if (ordinal >= Feature.TERMINAL_OFFSET && ordinal < Feature.MERCHANT_OFFSET) {
            return entity(
                    "terminal " + terminalId,
                    ordinal - Feature.TERMINAL_OFFSET,
                    v,
                    terminal,
                    today,
                    labelDelayDays);
        }
        if (ordinal >= Feature.MERCHANT_OFFSET) {
            return entity(
                    "merchant " + merchantId,
                    ordinal - Feature.MERCHANT_OFFSET,
                    v,
                    merchant,
                    today,
                    labelDelayDays);
        }
        return switch (feature) {
            case AMOUNT -> "amount " + fixed(v, 2);
            case CARD_COUNT_1D -> count(v) + " of the card in the previous 24 h";
            case CARD_COUNT_7D -> count(v) + " of the card in the last 7 days";
            case CARD_COUNT_30D -> count(v) + " of the card in the last 30 days";
            case CARD_MEAN_AMOUNT_1D, CARD_MEAN_AMOUNT_7D, CARD_MEAN_AMOUNT_30D ->
                    Double.isNaN(v)
                            ? "no earlier transaction of the card in the window"
                            : feature.description() + ": " + fixed(v, 2);
            case CARD_AMOUNT_RATIO_30D ->
                    Double.isNaN(v)
                            ? "no 30-day history of the card to compare the amount with"
                            : "amount "
                                    + fixed(x[Feature.AMOUNT.ordinal()], 2)
                                    + " is "
                                    + fixed(v, 1)
                                    + " x the card's 30-day mean ("
                                    + fixed(x[Feature.CARD_MEAN_AMOUNT_30D.ordinal()], 2)
                                    + ")";
            case CARD_SECONDS_SINCE_PREVIOUS ->
                    Double.isNaN(v)
                            ? "the card's first transaction"
                            : since(v) + " since the card's previous transaction";
            case TIME_NIGHT -> v > 0 ? "at night (00:00 to 06:00 UTC)" : "by day";
            case TIME_WEEKEND -> v > 0 ? "on a weekend" : "on a weekday";
            case CHANNEL_ECOM -> v > 0 ? "card not present (e-commerce)" : "not e-commerce";
            case CHANNEL_CARD_PRESENT -> v > 0 ? "card present" : "card not present";
            case CARD_CONFIRMED_FRAUDS ->
                    v == 0
                            ? "no confirmed fraud on the card"
                            : fixed(v, 0)
                                    + " confirmed fraud"
                                    + (v == 1 ? "" : "s")
                                    + " on the card";
            case CARD_DAYS_SINCE_FRAUD ->
                    Double.isNaN(v)
                            ? "no confirmed fraud on the card"
                            : "the card's last confirmed fraud " + fixed(v, 1) + " days ago";
            default ->
                    v > 0
                            ? "the "
                                    + feature.id().substring("detector.".length())
                                    + " detector fired (score "
                                    + fixed(v, 2)
                                    + ")"
                            : "the "
                                    + feature.id().substring("detector.".length())
                                    + " detector did not fire";
        };
    }

    private static String entity(
            String name,
            int index,
            double v,
            EntityHistory history,
            long today,
            int labelDelayDays) {
        if (Double.isNaN(v) && index < 3) {
            return name + ": no confirmed fraud known, its volume is not tracked";
        }
        return switch (index) {
            case 0 -> name + ": " + (long) v + " transactions the previous day";
            case 1 -> name + ": " + (long) v + " transactions in the last 7 days";
            case 2 -> name + ": " + (long) v + " transactions in the last 30 days";
            case 3 -> name + ": " + frauds(v) + " today";
            case 4 -> name + ": " + frauds(v) + " in the last 7 days";
            case 5 -> name + ": " + frauds(v) + " in the last 30 days";
            case 6, 7, 8 ->
                    share(
                            name,
                            index == 6 ? 1 : index == 7 ? 7 : 30,
                            v,
                            history,
                            today,
                            labelDelayDays);
            default ->
                    Double.isNaN(v)
                            ? name
                                    + ": no confirmed fraud in the last "
                                    + EntityHistory.DAYS
                                    + " days"
                            : name
                                    + ": last confirmed fraud "
                                    + (long) v
                                    + (v == 1 ? " day" : " days")
                                    + " ago";
        };
    }

    private static String share(
            String name, int days, double v, EntityHistory history, long today, int delay) {
        if (history == null) {
            return name + ": fraud share " + fixed(v, 2) + " over " + days + " known days";
        }
        long last = today - delay - 1;
        long frauds = history.frauds(last - days + 1, last);
        long total = history.transactions(last - days + 1, last);
        return name
                + ": "
                + frauds
                + " of "
                + total
                + " transactions in the "
                + (days == 1 ? "last known day" : "last " + days + " known days")
                + " confirmed fraud";
    }

    /**
     * {@code v} with {@code decimals} fraction digits, as {@code String.format(Locale.ROOT, "%.Nf",
     * v)} writes it (half up from the shortest decimal that reads back as {@code v}), without a
     * Formatter per call: every score carries a few of these sentences.
     */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v) || v == 0 && 1 / v < 0) {
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        java.math.BigDecimal rounded =
                java.math.BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_UP);
        if (v < 0 && rounded.signum() == 0) {
            return String.format(Locale.ROOT, "%." + decimals + "f", v); // "-0.00"
        }
        return rounded.toPlainString();
    }

    private static String frauds(double v) {
        long n = (long) v;
        return n == 1 ? "1 confirmed fraud" : n + " confirmed frauds";
    }

    private static String count(double v) {
        long n = (long) v;
        return n == 1 ? "1 transaction" : n + " transactions";
    }

    private static String since(double seconds) {
        if (seconds < 120) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 7200) {
            return Math.round(seconds / 60) + " min";
        }
        if (seconds < 172_800) {
            return Math.round(seconds / 3600) + " h";
        }
        return Math.round(seconds / 86_400) + " days";
    }
}
