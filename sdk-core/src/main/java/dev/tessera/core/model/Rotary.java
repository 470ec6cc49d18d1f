package dev.tessera.core.model;

import ai.djl.ndarray.NDArray;

/**
 * Rotary position embedding in the "rotate half" convention: for head size {@code hd}, pair
 * {@code i} (of {@code hd/2}) rotates dimensions {@code i} and {@code i + hd/2} by angle
 * {@code pos * theta^(-2i/hd)}.
 */
final class Rotary {
    private Rotary() { }

    /** Returns {cos, sin} tables {@code (context, hd)} flattened, each half repeated. */
    static float[][] tables(int context, int hd, float theta) {
        float[] cos = new float[context * hd];
        float[] sin = new float[context * hd];
        int half = hd / 2;
        for (int p = 0; p < context; p++) {
            for (int i = 0; i < half; i++) {
                double freq = Math.pow(theta, -2.0 * i / hd);
                double a = p * freq;
                float c = (float) Math.cos(a);
                float s = (float) Math.sin(a);
                cos[p * hd + i] = c;
                cos[p * hd + i + half] = c;
                sin[p * hd + i] = s;
                sin[p * hd + i + half] = s;
            }
        }
        return new float[][] {cos, sin};
    }

    /**
     * Returns the {@code (hd, hd)} matrix R with {@code x R = rotate_half(x) = [-x2, x1]}, so the
     * rotation is one matrix product instead of a split, a negation and a concatenation.
     */
    static float[] rotateHalfMatrix(int hd) {
        int half = hd / 2;
        float[] r = new float[hd * hd];
        for (int i = 0; i < half; i++) {
            r[(i + half) * hd + i] = -1f; // out[i] = -x[i + half]
            r[i * hd + i + half] = 1f; // out[i + half] = x[i]
        }
        return r;
    }

    /** Applies the rotation to {@code x (B, H, T, hd)} with tables broadcastable to it. */
    static NDArray apply(NDArray x, NDArray cos, NDArray sin, NDArray rotateHalf) {
        return x.mul(cos).add(x.matMul(rotateHalf).mul(sin));
    }
}
