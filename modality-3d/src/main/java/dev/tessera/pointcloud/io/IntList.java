package dev.tessera.pointcloud.io;

import java.util.Arrays;

/** A growable int array. */
final class IntList {
    private int[] a = new int[64];
    private int n;

    void add(int v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, 2 * n);
        }
        a[n++] = v;
    }

    void add(int x, int y, int z) {
        add(x);
        add(y);
        add(z);
    }

    int size() {
        return n;
    }

    int[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
