package dev.tessera.vision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** Small functional layers on raw arrays. */
public final class Ops {
    private Ops() {
    }

    /**
     * A 2-d convolution with square kernel, zero padding.
     *
     * @param x input (batch, in, h, w)
     * @param w weight (out, in, k, k)
     * @param b bias (out)
     * @param stride the stride
     * @param pad the padding on every side
     * @return the output (batch, out, h', w')
     */
    public static NDArray conv(NDArray x, NDArray w, NDArray b, int stride, int pad) {
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), 1).singletonOrThrow();
    }

    /**
     * Depth-to-space (pixel shuffle) by reshape and transpose:
     * (b, c*r*r, h, w) to (b, c, h*r, w*r), channel index {@code c*r*r + dy*r + dx}.
     *
     * @param x the input
     * @param r the factor
     * @return the rearranged array
     */
    public static NDArray depthToSpace(NDArray x, int r) {
        long[] s = x.getShape().getShape();
        long c = s[1] / (r * r);
        return x.reshape(s[0], c, r, r, s[2], s[3]).transpose(0, 1, 4, 2, 5, 3).reshape(s[0], c, s[2] * r, s[3] * r);
    }

    /**
     * Space-to-depth, the inverse of {@link #depthToSpace}: (b, c, h*r, w*r) to (b, c*r*r, h, w).
     *
     * @param x the input
     * @param r the factor
     * @return the rearranged array
     */
    public static NDArray spaceToDepth(NDArray x, int r) {
        long[] s = x.getShape().getShape();
        long h = s[2] / r;
        long w = s[3] / r;
        return x.reshape(s[0], s[1], h, r, w, r).transpose(0, 1, 3, 5, 2, 4).reshape(s[0], s[1] * r * r, h, w);
    }
}
