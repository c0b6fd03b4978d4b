package io.fraudstream.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The branch-free descent against a plain tree walk, on random unbalanced trees and on the values
 * where a comparison trick could go wrong: equal to a threshold, -0 and +0, infinities, missing
 * values in either default direction.
 */
class TreeModelTest {

    private static final int FEATURES = 40;
    private static final float[] THRESHOLDS = {-1.5f, -0.0f, 0.0f, 0.5f, 1f, 1e30f};
    private static final double[] VALUES = {
        -2,
        -1.5,
        -0.0,
        0.0,
        0.25,
        0.5,
        1,
        3,
        1e31,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY
    };

    /** The nodes of one test ensemble, in the constructor's (unordered) form. */
    private final List<Integer> feature = new ArrayList<>();

    private final List<Float> threshold = new ArrayList<>();
    private final List<Integer> left = new ArrayList<>();
    private final List<Integer> right = new ArrayList<>();
    private final List<Boolean> defaultLeft = new ArrayList<>();
    private final List<Double> value = new ArrayList<>();

    @Test
    void scoresAndExplainsExactlyAsAPlainWalk() {
        SplittableRandom random = new SplittableRandom(3);
        int trees = 37; // not a multiple of eight: the remainder trees descend one by one
        int[] roots = new int[trees];
        for (int t = 0; t < trees; t++) {
            roots[t] = grow(random, 0, 1 + random.nextInt(7));
        }
        TreeModel model =
                new TreeModel(
                        0.25,
                        FEATURES,
                        roots,
                        feature.stream().mapToInt(Integer::intValue).toArray(),
                        floats(threshold),
                        left.stream().mapToInt(Integer::intValue).toArray(),
                        right.stream().mapToInt(Integer::intValue).toArray(),
                        booleans(defaultLeft),
                        value.stream().mapToDouble(Double::doubleValue).toArray());
        TreeModel.Scratch scratch = model.scratch();
        double[] contributions = new double[FEATURES];
        for (int row = 0; row < 2_000; row++) {
            double[] x = new double[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                x[f] = VALUES[random.nextInt(VALUES.length)];
            }
            double[] expected = new double[FEATURES];
            double margin = 0.25;
            for (int root : roots) {
                int node = root;
                while (feature.get(node) >= 0) {
                    int next = plainNext(node, x);
                    expected[feature.get(node)] += value.get(next) - value.get(node);
                    node = next;
                }
                margin += value.get(node);
            }

            assertThat(model.margin(x, scratch)).as("row %d", row).isEqualTo(margin);
            assertThat(model.explain(x, contributions, scratch)).isEqualTo(margin);
            for (int f = 0; f < FEATURES; f++) {
                // (+0 and -0 may differ: a leaf's padding step adds +0 to feature 0)
                assertThat(contributions[f] + 0.0)
                        .as("row %d feature %d", row, f)
                        .isEqualTo(expected[f] + 0.0);
            }
        }
    }

    private int plainNext(int node, double[] x) {
        double v = x[feature.get(node)];
        if (Double.isNaN(v)) {
            return defaultLeft.get(node) ? left.get(node) : right.get(node);
        }
        return (float) v < threshold.get(node) ? left.get(node) : right.get(node);
    }

    /** Grows a random subtree, children stored after their parent at random distances. */
    private int grow(SplittableRandom random, int depth, int maxDepth) {
        int at = feature.size();
        feature.add(-1);
        threshold.add(0f);
        left.add(-1);
        right.add(-1);
        defaultLeft.add(false);
        value.add(Math.round(random.nextDouble(-1, 1) * 1024) / 1024.0);
        if (depth < maxDepth && random.nextInt(5) > 0) {
            feature.set(at, random.nextInt(FEATURES));
            threshold.set(at, THRESHOLDS[random.nextInt(THRESHOLDS.length)]);
            defaultLeft.set(at, random.nextBoolean());
            int l = grow(random, depth + 1, maxDepth);
            int r = grow(random, depth + 1, maxDepth);
            left.set(at, l);
            right.set(at, r);
        }
        return at;
    }

    private static float[] floats(List<Float> list) {
        float[] a = new float[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    private static boolean[] booleans(List<Boolean> list) {
        boolean[] a = new boolean[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
