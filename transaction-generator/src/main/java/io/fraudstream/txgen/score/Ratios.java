package io.fraudstream.txgen.score;

/** Ratios of counts that are undefined, {@code null}, when their denominator is zero. */
final class Ratios {

    private Ratios() {}

    static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    /** F1 as 2TP / (2TP + FP + FN): the harmonic mean of precision and recall. */
    static Double f1(long tp, long fp, long fn) {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }
}
