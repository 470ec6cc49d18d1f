package dev.tessera.core.infer;

/** Plain loops, unrolled with four accumulators so the JIT can overlap the multiply-adds. */
final class ScalarKernels extends Kernels {
    private final int panel;

    /** @param panel output rows per weight panel (even) */
    ScalarKernels(int panel) {
        this.panel = panel;
    }

    @Override
    String name() {
        return "scalar";
    }

    @Override
    float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    void weightedSum(float[] w, int from, int to, float[] v, int vo, int stride, float[] out, int oo,
            int hd) {
        java.util.Arrays.fill(out, oo, oo + hd, 0f);
        weightedSumOn(w, from, to, v, vo, stride, out, oo, hd);
    }

    @Override
    float scores(float[] q, int qo, float[] kt, int ko, int stride, int hd, int from, int to, float scale,
            float[] out) {
        float max = Float.NEGATIVE_INFINITY;
        for (int p = from; p < to; p++) {
            out[p] = score(q, qo, kt, ko, stride, hd, p, scale);
            max = Math.max(max, out[p]);
        }
        return max;
    }

    @Override
    float expShifted(float[] a, int from, int to, float max) {
        return expShiftedScalar(a, from, to, max, 0);
    }

    @Override
    int panelRows() {
        return panel;
    }

    @Override
    void panelF32(float[] w, int off, int cols, float[][] xs, int n, float[][] ys, int r0, int valid) {
        float[] acc = new float[panel];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(acc, 0f);
            float[] x = xs[i];
            for (int c = 0, o = off; c < cols; c++, o += panel) {
                float xc = x[c];
                for (int j = 0; j < panel; j++) {
                    acc[j] += w[o + j] * xc;
                }
            }
            System.arraycopy(acc, 0, ys[i], r0, valid);
        }
    }

    @Override
    void panelI8(byte[] q, int off, int cols, float[] scale, float[][] xs, int n, float[][] ys, int r0, int valid) {
        float[] acc = new float[panel];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(acc, 0f);
            float[] x = xs[i];
            for (int c = 0, o = off; c < cols; c++, o += panel) {
                float xc = x[c];
                for (int j = 0; j < panel; j++) {
                    acc[j] += q[o + j] * xc;
                }
            }
            for (int j = 0; j < valid; j++) {
                ys[i][r0 + j] = acc[j] * scale[r0 + j];
            }
        }
    }

    @Override
    void panelI4(byte[] q, int off, int cols, int group, float[] scale, int soff, float[][] xs, int n, float[][] ys,
            int r0, int valid) {
        float[] acc = new float[panel];
        float[] part = new float[panel];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(acc, 0f);
            float[] x = xs[i];
            for (int c0 = 0, g = 0; c0 < cols; c0 += group, g++) {
                java.util.Arrays.fill(part, 0f);
                for (int c = c0; c < Math.min(cols, c0 + group); c++) {
                    float xc = x[c];
                    int half = panel / 2;
                    int o = off + c * half;
                    for (int j = 0; j < half; j++) {
                        int b = q[o + j];
                        part[j] += (byte) (b << 4) * xc;
                        part[j + half] += (byte) (b & 0xF0) * xc;
                    }
                }
                for (int j = 0; j < panel; j++) {
                    acc[j] += part[j] * scale[soff + g * panel + j];
                }
            }
            System.arraycopy(acc, 0, ys[i], r0, valid);
        }
    }
}
