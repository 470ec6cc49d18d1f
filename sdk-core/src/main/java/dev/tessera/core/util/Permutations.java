package dev.tessera.core.util;

import java.util.SplittableRandom;

/** Seeded permutations, for data orders that a seed reproduces. */
public final class Permutations {
    private Permutations() { }

    /**
     * Shuffles an array in place (Fisher-Yates, from the last element down).
     *
     * @param a the array
     * @param rnd the random source (the permutation depends only on its state)
     */
    public static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
