package io.fraudstream.model.scoring;

import io.fraudstream.events.TransactionScore;
import io.fraudstream.model.card.Detection;
import io.fraudstream.model.features.Feature;
import java.io.Serializable;
import java.util.List;

/**
 * Turns a transaction's features and its detectors' findings into one risk score and a decision.
 * The score is the higher of the model's probability of fraud and the detectors' noisy-OR: the
 * model learned from verdicts and already sees the detectors' scores among its features; a detector
 * can still raise a score the model rates low, never lower one. A card confirmed compromised scores
 * 1 and is declined. REVIEW at the review threshold, DECLINE at the decline threshold. Without a
 * model ({@code model.path: none}) the detectors alone decide, as before models existed.
 */
public final class Scorer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String modelVersion;
    private final TreeModel model;
    private final double reviewThreshold;
    private final double declineThreshold;

    /**
     * @param model the model, or null for the detectors alone
     */
    public Scorer(
            String modelVersion, TreeModel model, double reviewThreshold, double declineThreshold) {
        this.modelVersion = modelVersion;
        this.model = model;
        this.reviewThreshold = reviewThreshold;
        this.declineThreshold = declineThreshold;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public boolean hasModel() {
        return model != null;
    }

    /** The outcome of one scoring, reused from transaction to transaction. */
    public static final class Result {
        public double score;
        public double modelScore;
        public double detectorScore;
        public boolean compromised;
        public TransactionScore.Decision decision;

        /** Contribution of each feature to the model's log-odds (all 0 without a model). */
        public final double[] contributions = new double[Feature.COUNT];

        TreeModel.Scratch scratch;
    }

    /** Scores into {@code result}. */
    public void score(
            double[] features, List<Detection> detections, boolean compromised, Result result) {
        double detectorScore = noisyOr(detections);
        double modelScore = 0;
        if (model != null) {
            if (result.scratch == null) {
                result.scratch = model.scratch();
            }
            modelScore =
                    TreeModel.logistic(
                            model.explain(features, result.contributions, result.scratch));
        } else {
            java.util.Arrays.fill(result.contributions, 0);
        }
        double score = compromised ? 1.0 : Math.max(modelScore, detectorScore);
        // six decimals: readable on the wire, and fine enough that rankings rarely tie
        result.score = Math.round(score * 1_000_000) / 1_000_000.0;
        result.modelScore = modelScore;
        result.detectorScore = detectorScore;
        result.compromised = compromised;
        result.decision =
                result.score >= declineThreshold
                        ? TransactionScore.Decision.DECLINE
                        : result.score >= reviewThreshold
                                ? TransactionScore.Decision.REVIEW
                                : TransactionScore.Decision.APPROVE;
    }

    /** Noisy-OR of the detector scores, {@code 1 - Π(1 - s_i)}: independent evidence adds up. */
    public static double noisyOr(List<Detection> detections) {
        double clean = 1;
        for (Detection detection : detections) {
            clean *= 1 - detection.score();
        }
        return 1 - clean;
    }

    /**
     * The indices of the {@code n} features that moved the margin most (largest absolute
     * contribution first), into {@code out}; fewer when fewer features contributed.
     *
     * @return how many were written
     */
    public static int top(double[] contributions, int n, int[] out) {
        int count = 0;
        for (int f = 0; f < contributions.length; f++) {
            double w = Math.abs(contributions[f]);
            if (w < 1e-9) {
                continue;
            }
            int i = Math.min(count, n - 1);
            if (count < n) {
                count++;
            } else if (w <= Math.abs(contributions[out[n - 1]])) {
                continue;
            }
            while (i > 0 && Math.abs(contributions[out[i - 1]]) < w) {
                out[i] = out[i - 1];
                i--;
            }
            out[i] = f;
        }
        return count;
    }
}
