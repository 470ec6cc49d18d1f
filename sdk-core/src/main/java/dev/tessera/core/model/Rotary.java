package dev.tessera.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

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

    /** Applies the rotation to {@code x (B, H, T, hd)} with tables broadcastable to it. */
    static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, x.getShape().dimension() - 1);
        NDArray rotated = NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), x.getShape().dimension() - 1);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
