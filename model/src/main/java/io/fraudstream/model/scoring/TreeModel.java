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

    private static final long serialVersionUID = 2L;

    private final double baseMargin;
    private final int features;
    private final int depth;
    private final int[] roots;
    // Laid out for branch-free descent: a split's two children are adjacent (left, then right),
    // so a step is a comparison added to an index, not a branch the CPU mispredicts half the
    // time. A node is one word, child << 7 | feature << 1 | missing-goes-right, and the key of
    // its threshold (an int ordered as the float). A leaf is its own child and reads feature 0
    // against a key never reached, so every tree takes `depth` steps and four trees descend side
    // by side: four independent chains of loads the CPU overlaps.
    private final int[] word;
    private final int[] thresholdKey;
    private final double[] value;
    // Per leaf, the splits on its path from the root: their features and how much each moved the
    // margin, contiguous (pathStart[leaf] .. pathStart[leaf] + depth), root first, padded.
    private final int[] pathStart;
    private final byte[] pathFeature;
    private final double[] pathDelta;

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
        if (features > 64 || feature.length >= 1 << 24) {
            throw new IllegalArgumentException(
                    "at most 64 features and 2^24 nodes, was "
                            + features
                            + " and "
                            + feature.length);
        }
        this.baseMargin = baseMargin;
        this.features = features;
        int nodes = feature.length;
        this.roots = new int[roots.length];
        this.word = new int[nodes];
        this.thresholdKey = new int[nodes];
        this.value = new double[nodes];
        int[] splitFeature = new int[nodes];
        int[] parent = new int[nodes];
        int[] level = new int[nodes];
        // Renumber each tree breadth-first, giving the children of a split consecutive slots.
        int[] queue = new int[nodes];
        int deepest = 0;
        int next = 0;
        for (int t = 0; t < roots.length; t++) {
            int head = next;
            int tail = next;
            parent[tail] = -1;
            level[tail] = 0;
            queue[tail++] = roots[t];
            this.roots[t] = next++;
            while (head < tail) {
                int old = queue[head];
                int at = head++;
                this.value[at] = value[old];
                if (feature[old] >= 0) {
                    if (Float.isNaN(threshold[old])) {
                        throw new IllegalArgumentException("node " + old + ": NaN threshold");
                    }
                    splitFeature[at] = feature[old];
                    this.word[at] = next << 7 | feature[old] << 1 | (defaultLeft[old] ? 0 : 1);
                    this.thresholdKey[at] = key(threshold[old]);
                    for (int side : new int[] {left[old], right[old]}) {
                        parent[tail] = at;
                        level[tail] = level[at] + 1;
                        queue[tail++] = side;
                    }
                    deepest = Math.max(deepest, level[at] + 1);
                    next += 2;
                } else {
                    splitFeature[at] = -1;
                    this.word[at] = at << 7;
                    this.thresholdKey[at] = Integer.MAX_VALUE; // no key is above it: stay
                }
            }
        }
        this.depth = deepest;
        this.pathStart = new int[nodes];
        int entries = 0;
        for (int n = 0; n < nodes; n++) {
            if (splitFeature[n] < 0) {
                pathStart[n] = entries;
                entries += deepest;
            }
        }
        this.pathFeature = new byte[entries];
        this.pathDelta = new double[entries];
        for (int n = 0; n < nodes; n++) {
            if (splitFeature[n] < 0) {
                // padded to `depth` with (feature 0, +0): a loop of fixed length, predicted
                int i = pathStart[n] + level[n] - 1;
                for (int c = n, p = parent[n]; p >= 0; c = p, p = parent[p], i--) {
                    pathFeature[i] = (byte) splitFeature[p];
                    pathDelta[i] = this.value[c] - this.value[p];
                }
            }
        }
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
        return margin(x, new Scratch(features, roots.length));
    }

    /** {@link #margin(double[])} without allocating, in a {@link #scratch()} of this model's. */
    public double margin(double[] x, Scratch scratch) {
        return descend(x, scratch);
    }

    /** The margin, with the leaf each tree reached in {@code scratch.leaves}. */
    private double descend(double[] x, Scratch scratch) {
        int[] leaves = scratch.leaves;
        int[] k = scratch.keys;
        int[] m = scratch.missing;
        keys(x, k, m);
        double margin = baseMargin;
        int t = 0;
        for (; t + 8 <= roots.length; t += 8) {
            int a = roots[t];
            int b = roots[t + 1];
            int c = roots[t + 2];
            int d = roots[t + 3];
            int e = roots[t + 4];
            int f = roots[t + 5];
            int g = roots[t + 6];
            int h = roots[t + 7];
            for (int step = 0; step < depth; step++) {
                a = step(a, k, m);
                b = step(b, k, m);
                c = step(c, k, m);
                d = step(d, k, m);
                e = step(e, k, m);
                f = step(f, k, m);
                g = step(g, k, m);
                h = step(h, k, m);
            }
            leaves[t] = a;
            leaves[t + 1] = b;
            leaves[t + 2] = c;
            leaves[t + 3] = d;
            leaves[t + 4] = e;
            leaves[t + 5] = f;
            leaves[t + 6] = g;
            leaves[t + 7] = h;
            margin += value[a];
            margin += value[b];
            margin += value[c];
            margin += value[d];
            margin += value[e];
            margin += value[f];
            margin += value[g];
            margin += value[h];
        }
        for (; t < roots.length; t++) {
            int a = roots[t];
            for (int step = 0; step < depth; step++) {
                a = step(a, k, m);
            }
            leaves[t] = a;
            margin += value[a];
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
        return explain(x, contributions, new Scratch(features, roots.length));
    }

    /** {@link #explain(double[], double[])} without allocating. */
    public double explain(double[] x, double[] contributions, Scratch scratch) {
        double margin = descend(x, scratch);
        // Tree by tree, root to leaf: the order of the descent, so the sums are exact repeats.
        java.util.Arrays.fill(contributions, 0);
        int[] leaves = scratch.leaves;
        for (int leaf : leaves) {
            int end = pathStart[leaf] + depth;
            for (int i = pathStart[leaf]; i < end; i++) {
                contributions[pathFeature[i]] += pathDelta[i];
            }
        }
        return margin;
    }

    /** Working arrays for scoring one vector at a time without allocating. */
    public Scratch scratch() {
        return new Scratch(features, roots.length);
    }

    /** Working arrays of {@link #margin(double[], Scratch)} and explain; one per thread. */
    public static final class Scratch {
        final int[] keys;
        final int[] missing;
        final int[] leaves;

        Scratch(int features, int trees) {
            keys = new int[features];
            missing = new int[features];
            leaves = new int[trees];
        }
    }

    /** The margin of a transaction every split is indifferent to: base margin plus the roots. */
    public double bias() {
        double bias = baseMargin;
        for (int root : roots) {
            bias += value[root];
        }
        return bias;
    }

    /** A split step without a branch: right when the value's key is at least the threshold's. */
    private int step(int node, int[] k, int[] m) {
        int w = word[node];
        int f = (w >>> 1) & 63;
        int right = (int) (((long) k[f] - thresholdKey[node]) >>> 63) ^ 1;
        return (w >>> 7) + (right & ~m[f] | m[f] & w & 1);
    }

    private static void keys(double[] x, int[] k, int[] m) {
        for (int i = 0; i < k.length; i++) {
            float v = (float) x[i];
            m[i] = v != v ? 1 : 0;
            k[i] = v != v ? Integer.MIN_VALUE : key(v);
        }
    }

    /** An int ordered as the float is (-0 as +0), for a comparison without a branch. */
    private static int key(float v) {
        int bits = Float.floatToRawIntBits(v + 0.0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    static double logistic(double margin) {
        return 1 / (1 + Math.exp(-margin));
    }
}
