package dev.tessera.pointcloud.io;

import java.util.Arrays;

/** A growable float array. */
final class FloatList {
    private float[] a = new float[192];
    private int n;

    void add(float v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, 2 * n);
        }
        a[n++] = v;
    }

    int size() {
        return n;
    }

    float[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
