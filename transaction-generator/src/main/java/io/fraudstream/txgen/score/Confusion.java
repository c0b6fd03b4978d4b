package io.fraudstream.txgen.score;

/**
 * Transaction counts of one comparison of alerts with labels, and the ratios derived from them; a
 * ratio is {@code null} when its denominator is zero.
 *
 * @param tp fraudulent transactions that triggered an alert
 * @param fp alerted transactions not labelled fraud
 * @param fn fraudulent transactions that triggered no alert
 */
public record Confusion(long tp, long fp, long fn) {

    /** TP / (TP + FP). */
    public Double precision() {
        return Ratios.ratio(tp, tp + fp);
    }

    /** TP / (TP + FN). */
    public Double recall() {
        return Ratios.ratio(tp, tp + fn);
    }

    /** 2TP / (2TP + FP + FN), the harmonic mean of precision and recall. */
    public Double f1() {
        return Ratios.f1(tp, fp, fn);
    }
}
