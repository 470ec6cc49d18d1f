package dev.tessera.core.infer;

/** Plain loops, unrolled with four accumulators so the JIT can overlap the multiply-adds. */
final class ScalarKernels extends Kernels {
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
    float dotI8(byte[] q, int qo, float[] x, int xo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += q[qo + i] * x[xo + i];
            s1 += q[qo + i + 1] * x[xo + i + 1];
            s2 += q[qo + i + 2] * x[xo + i + 2];
            s3 += q[qo + i + 3] * x[xo + i + 3];
        }
        for (; i < n; i++) {
            s0 += q[qo + i] * x[xo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }
}
