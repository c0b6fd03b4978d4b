package io.fraudstream.model.scoring;

import java.io.Serializable;

/**
 * A gradient-boosted tree ensemble for binary classification, flattened into arrays for
 * allocation-free inference in plain Java: the margin is the base margin plus one leaf value per
 * tree, the score its logistic. Each node holds a value (for a split node, the cover-weighted mean
 * of the leaves below it), so the path a transaction takes also says how much each feature moved
 * its margin (Saabas attribution: a split's child value minus its own, to the split's feature).
 * Built and validated by {@link ModelFile}.
 */
public final class TreeModel implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double baseMargin;
    private final int[] roots;
    private final int[] feature;
    private final float[] threshold;
    private final int[] left;
    private final int[] right;
    private final boolean[] defaultLeft;
    private final double[] value;
    private final int features;

    /**
     * @param roots the root node of each tree; nodes of all trees share the arrays
     * @param feature the split feature of each node, or -1 for a leaf
     * @param threshold a split sends {@code x < threshold} left, the rest right
     * @param defaultLeft where a missing ({@code NaN}) value goes
     * @param value a leaf's margin, or a split's mean margin
     */
    TreeModel(
            double baseMargin,
            int features,
            int[] roots,
            int[] feature,
            float[] threshold,
            int[] left,
            int[] right,
            boolean[] defaultLeft,
            double[] value) {
        this.baseMargin = baseMargin;
        this.features = features;
        this.roots = roots;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.defaultLeft = defaultLeft;
        this.value = value;
    }

    /** The number of trees. */
    public int trees() {
        return roots.length;
    }

    /** The length of the feature vectors it reads. */
    public int features() {
        return features;
    }

    /** The log-odds of fraud for a feature vector. */
    public double margin(double[] x) {
        double margin = baseMargin;
        for (int root : roots) {
            margin += value[leaf(root, x)];
        }
        return margin;
    }

    /** The probability of fraud for a feature vector. */
    public double score(double[] x) {
        return logistic(margin(x));
    }

    /**
     * The margin, with each feature's contribution added into {@code contributions} (cleared first,
     * one slot per feature): the margin is {@code bias()} plus their sum.
     */
    public double explain(double[] x, double[] contributions) {
        java.util.Arrays.fill(contributions, 0);
        double margin = baseMargin;
        for (int root : roots) {
            int node = root;
            while (feature[node] >= 0) {
                int next = next(node, x);
                contributions[feature[node]] += value[next] - value[node];
                node = next;
            }
            margin += value[node];
        }
        return margin;
    }

    /** The margin of a transaction every split is indifferent to: base margin plus the roots. */
    public double bias() {
        double bias = baseMargin;
        for (int root : roots) {
            bias += value[root];
        }
        return bias;
    }

    private int leaf(int node, double[] x) {
        while (feature[node] >= 0) {
            node = next(node, x);
        }
        return node;
    }

    private int next(int node, double[] x) {
        double v = x[feature[node]];
        if (Double.isNaN(v)) {
            return defaultLeft[node] ? left[node] : right[node];
        }
        // Compared in single precision, as XGBoost compares: the thresholds it learned are floats.
        return (float) v < threshold[node] ? left[node] : right[node];
    }

    static double logistic(double margin) {
        return 1 / (1 + Math.exp(-margin));
    }
}
