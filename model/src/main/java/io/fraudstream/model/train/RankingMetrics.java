package io.fraudstream.model.train;

import java.util.Arrays;

/**
 * How well scores rank frauds above genuine transactions: the area under the ROC curve (the chance
 * a random fraud scores above a random genuine one, ties counting half) and average precision (the
 * mean of the precision at each fraud, ranked by score; the area under the precision-recall curve
 * without interpolation). Used by the trainer and by {@code txgen score}.
 */
public final class RankingMetrics {

    private RankingMetrics() {}

    /** AUC ROC; NaN when either class is absent. */
    public static double auc(double[] scores, boolean[] fraud) {
        Integer[] order = byScore(scores);
        long positives = 0;
        long negatives = 0;
        for (boolean f : fraud) {
            if (f) {
                positives++;
            } else {
                negatives++;
            }
        }
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        // Rank sum of the positives, ascending, average ranks for ties (Mann-Whitney U).
        double rankSum = 0;
        int i = 0;
        int n = scores.length;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (fraud[order[k]]) {
                    rankSum += rank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Average precision; NaN without frauds. Tied scores are ranked as one group. */
    public static double averagePrecision(double[] scores, boolean[] fraud) {
        Integer[] order = byScore(scores);
        int n = scores.length;
        long positives = 0;
        for (boolean f : fraud) {
            if (f) {
                positives++;
            }
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        long seen = 0;
        long hits = 0;
        int i = n - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            long groupHits = 0;
            for (int k = j; k <= i; k++) {
                if (fraud[order[k]]) {
                    groupHits++;
                }
            }
            seen += i - j + 1;
            hits += groupHits;
            sum += groupHits * ((double) hits / seen);
            i = j - 1;
        }
        return sum / positives;
    }

    private static Integer[] byScore(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        return order;
    }
}
