package io.fraudstream.model.card;

import io.fraudstream.events.Alert;
import java.io.Serializable;
import java.util.List;

/**
 * Combines detector scores into one risk score by noisy-OR, {@code 1 - Π(1 - s_i)}: each detector
 * is treated as independent evidence, so two moderate signals together outrank either alone, and
 * the result stays in [0, 1]. The score decides the action ({@code FLAG} at the flag threshold,
 * {@code BLOCK} at the block threshold) and the severity band.
 */
public final class RiskScorer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double flagThreshold;
    private final double blockThreshold;

    public RiskScorer(double flagThreshold, double blockThreshold) {
        this.flagThreshold = flagThreshold;
        this.blockThreshold = blockThreshold;
    }

    public static double combine(List<Detection> detections) {
        double clean = 1;
        for (Detection detection : detections) {
            clean *= 1 - detection.score();
        }
        return 1 - clean;
    }

    /** The action for a score, or null below the flag threshold (no alert). */
    public Alert.Action action(double score) {
        if (score >= blockThreshold) {
            return Alert.Action.BLOCK;
        }
        return score >= flagThreshold ? Alert.Action.FLAG : null;
    }

    /** Severity bands: below 0.6 LOW, below 0.75 MEDIUM, below 0.9 HIGH, else CRITICAL. */
    public static Alert.Severity severity(double score) {
        if (score >= 0.9) {
            return Alert.Severity.CRITICAL;
        }
        if (score >= 0.75) {
            return Alert.Severity.HIGH;
        }
        return score >= 0.6 ? Alert.Severity.MEDIUM : Alert.Severity.LOW;
    }
}
