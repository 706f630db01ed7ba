package io.ctscope.samples;

import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with probability proportional to {@code 1 / (rank + 1)^exponent} in O(1)
 * per draw (Vose's alias method), so a heavy tail costs no more than a uniform pick.
 * Rank 0 is the most likely; callers map ranks to entities through their own permutation.
 */
final class ZipfSampler {

    private final double[] acceptance;
    private final int[] alias;

    ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1");
        }
        double[] weight = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = Math.pow(i + 1.0, -exponent);
            total += weight[i];
        }
        acceptance = new double[n];
        alias = new int[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int i = 0; i < n; i++) {
            acceptance[i] = weight[i] * n / total;
            if (acceptance[i] < 1.0) {
                small[smallCount++] = i;
            } else {
                large[largeCount++] = i;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[largeCount - 1];
            alias[s] = l;
            acceptance[l] -= 1.0 - acceptance[s];
            if (acceptance[l] < 1.0) {
                largeCount--;
                small[smallCount++] = l;
            }
        }
        while (largeCount > 0) {
            acceptance[large[--largeCount]] = 1.0;
        }
        while (smallCount > 0) {
            acceptance[small[--smallCount]] = 1.0;
        }
    }

    int sample(SplittableRandom random) {
        int column = random.nextInt(acceptance.length);
        return random.nextDouble() < acceptance[column] ? column : alias[column];
    }

    int size() {
        return acceptance.length;
    }
}
