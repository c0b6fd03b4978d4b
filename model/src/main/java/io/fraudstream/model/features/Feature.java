package io.fraudstream.model.features;

/**
 * The model's inputs, in the order of the feature vector. The names are the contract between the
 * job, the trainer and the model files: a model lists the names it was trained on, and loading one
 * that does not match fails naming the first difference. Missing values are {@code NaN} (no
 * terminal, no earlier transaction), which the trees route by their default branch.
 */
public enum Feature {
    AMOUNT("amount", "transaction amount"),
    CARD_COUNT_1D("card.count.1d", "the card's transactions in the previous 24 h"),
    CARD_MEAN_AMOUNT_1D("card.meanAmount.1d", "the card's mean amount in the previous 24 h"),
    CARD_COUNT_7D("card.count.7d", "the card's transactions in the last 7 days"),
    CARD_MEAN_AMOUNT_7D("card.meanAmount.7d", "the card's mean amount in the last 7 days"),
    CARD_COUNT_30D("card.count.30d", "the card's transactions in the last 30 days"),
    CARD_MEAN_AMOUNT_30D("card.meanAmount.30d", "the card's mean amount in the last 30 days"),
    CARD_AMOUNT_RATIO_30D("card.amountRatio.30d", "amount over the card's 30-day mean"),
    CARD_SECONDS_SINCE_PREVIOUS("card.secondsSincePrevious", "time since the card's previous"),
    TIME_NIGHT("time.night", "between 00:00 and 06:00 UTC"),
    TIME_WEEKEND("time.weekend", "on a Saturday or Sunday (UTC)"),
    CHANNEL_ECOM("channel.ecom", "card not present (e-commerce)"),
    CHANNEL_CARD_PRESENT("channel.cardPresent", "card present (POS or ATM)"),
    CARD_CONFIRMED_FRAUDS("card.confirmedFrauds", "verdicts that confirmed fraud on the card"),
    CARD_DAYS_SINCE_FRAUD("card.daysSinceFraud", "days since the card's last confirmed fraud"),
    DETECTOR_VELOCITY("detector.velocity", "the velocity detector's score"),
    DETECTOR_SPEND_BURST("detector.spendBurst", "the spend-burst detector's score"),
    DETECTOR_AMOUNT_ANOMALY("detector.amountAnomaly", "the amount-anomaly detector's score"),
    DETECTOR_CARD_TESTING("detector.cardTesting", "the card-testing detector's score"),
    DETECTOR_IMPOSSIBLE_TRAVEL("detector.impossibleTravel", "the impossible-travel score"),
    TERMINAL_COUNT_1D("terminal.count.1d", "the terminal's transactions the previous day"),
    TERMINAL_COUNT_7D("terminal.count.7d", "the terminal's transactions the last 7 days"),
    TERMINAL_COUNT_30D("terminal.count.30d", "the terminal's transactions the last 30 days"),
    TERMINAL_FRAUDS_1D("terminal.frauds.1d", "confirmed frauds at the terminal today"),
    TERMINAL_FRAUDS_7D("terminal.frauds.7d", "confirmed frauds at the terminal, 7 days"),
    TERMINAL_FRAUDS_30D("terminal.frauds.30d", "confirmed frauds at the terminal, 30 days"),
    TERMINAL_FRAUD_SHARE_1D("terminal.fraudShare.1d", "fraud share, 1 known day"),
    TERMINAL_FRAUD_SHARE_7D("terminal.fraudShare.7d", "fraud share, 7 known days"),
    TERMINAL_FRAUD_SHARE_30D("terminal.fraudShare.30d", "fraud share, 30 known days"),
    TERMINAL_DAYS_SINCE_FRAUD("terminal.daysSinceFraud", "days since the terminal's last fraud"),
    MERCHANT_COUNT_1D("merchant.count.1d", "the merchant's transactions the previous day"),
    MERCHANT_COUNT_7D("merchant.count.7d", "the merchant's transactions the last 7 days"),
    MERCHANT_COUNT_30D("merchant.count.30d", "the merchant's transactions the last 30 days"),
    MERCHANT_FRAUDS_1D("merchant.frauds.1d", "confirmed frauds at the merchant today"),
    MERCHANT_FRAUDS_7D("merchant.frauds.7d", "confirmed frauds at the merchant, 7 days"),
    MERCHANT_FRAUDS_30D("merchant.frauds.30d", "confirmed frauds at the merchant, 30 days"),
    MERCHANT_FRAUD_SHARE_1D("merchant.fraudShare.1d", "fraud share, 1 known day"),
    MERCHANT_FRAUD_SHARE_7D("merchant.fraudShare.7d", "fraud share, 7 known days"),
    MERCHANT_FRAUD_SHARE_30D("merchant.fraudShare.30d", "fraud share, 30 known days"),
    MERCHANT_DAYS_SINCE_FRAUD("merchant.daysSinceFraud", "days since the merchant's last fraud");

    /** How many features there are: the length of every feature vector. */
    public static final int COUNT = values().length;

    /** The first terminal and the first merchant feature; entities have the same layout. */
    public static final int TERMINAL_OFFSET = TERMINAL_COUNT_1D.ordinal();

    public static final int MERCHANT_OFFSET = MERCHANT_COUNT_1D.ordinal();

    private static final Feature[] VALUES = values();

    private final String id;
    private final String description;

    Feature(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name in model files and in score reasons, such as {@code terminal.fraudShare.7d}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The feature at a vector index. */
    public static Feature at(int index) {
        return VALUES[index];
    }

    /** The names in vector order, as a model file lists them. */
    public static java.util.List<String> ids() {
        return java.util.Arrays.stream(VALUES).map(Feature::id).toList();
    }
}
