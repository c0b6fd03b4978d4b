package io.fraudstream.txgen.sim;

import java.util.SplittableRandom;

/** Walker's alias method: draws an index with probability proportional to its weight in O(1). */
final class AliasTable {

    private final double[] probability;
    private final int[] alias;

    AliasTable(double[] weights) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("weights: none given");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights: must be finite and >= 0, was " + w);
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("weights: all zero");
        }
        probability = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1) {
                small[smallCount++] = i;
            } else {
                large[largeCount++] = i;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[--largeCount];
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) {
                small[smallCount++] = l;
            } else {
                large[largeCount++] = l;
            }
        }
        // What is left is 1 up to rounding.
        while (largeCount > 0) {
            probability[large[--largeCount]] = 1;
        }
        while (smallCount > 0) {
            probability[small[--smallCount]] = 1;
        }
    }

    int sample(SplittableRandom random) {
        int i = random.nextInt(probability.length);
        return random.nextDouble() < probability[i] ? i : alias[i];
    }

    int size() {
        return probability.length;
    }
}
