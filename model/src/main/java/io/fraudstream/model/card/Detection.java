package io.fraudstream.model.card;

/**
 * What one detector found suspicious about one transaction.
 *
 * @param detector the detector's name, e.g. {@code velocity}
 * @param score its contribution to the risk, in [0, 1]
 * @param message a sentence for an analyst with the observed value and the threshold
 * @param value the observed value
 * @param threshold the threshold it crossed
 */
public record Detection(
        String detector, double score, String message, double value, double threshold) {

    /**
     * A detector's score: {@code weight × 0.65} just past the threshold (so a detector of weight
     * 0.8 alone reaches the default flag threshold), rising towards {@code weight} as the observed
     * value grows to several times the threshold.
     */
    public static double score(double weight, double observed, double threshold) {
        double excess = threshold > 0 ? Math.max(0, observed / threshold - 1) : 1;
        return weight * (0.65 + 0.35 * (1 - Math.exp(-2 * excess)));
    }
}
