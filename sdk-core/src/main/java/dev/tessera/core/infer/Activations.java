package dev.tessera.core.infer;

/**
 * Scalar activation functions of the backbone, accurate to float precision. {@link #silu} is public so that a
 * modality's own layers on the JVM engine (the patch forecaster's adapter and head) use the engine's definition.
 */
public final class Activations {
    /** The coefficients of {@code P(t)} in {@link #erfc}, highest power first. */
    private static final double[] ERFC_COEFFICIENTS = {0.17087277, -0.82215223, 1.48851587, -1.13520398,
        0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368, -1.26551223};

    private Activations() { }

    /**
     * The complementary error function, from the Chebyshev-fitted formula
     * {@code erfc(z) = t exp(-z^2 + P(t))}, {@code t = 1 / (1 + z/2)} (Numerical Recipes, 6.2),
     * whose relative error is below 1.2e-7 for every {@code z}.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double p = ERFC_COEFFICIENTS[0];
        for (int i = 1; i < ERFC_COEFFICIENTS.length; i++) {
            p = ERFC_COEFFICIENTS[i] + t * p;
        }
        double r = t * Math.exp(-z * z + p);
        return x >= 0 ? r : 2.0 - r;
    }

    /** @return erf(x) = 1 - erfc(x) */
    static double erf(double x) {
        return 1.0 - erfc(x);
    }

    /** {@code 1 / sqrt 2} in float. */
    static final float INV_SQRT2_F = 0.70710678f;
    /** {@link #ERFC_COEFFICIENTS} as floats, for {@link #gelu} and the vector kernels. */
    static final float[] ERFC_P = toFloats(ERFC_COEFFICIENTS);

    /**
     * Exact (erf) GELU, {@code x * Phi(x) = x/2 * erfc(-x / sqrt 2)}, in float arithmetic with the
     * formula of {@link #erfc}: within {@code 3e-7 max(1, |x|)} of the exact value. The vector
     * kernels compute it operation for operation ({@link Kernels#gelu}), so both give the same bits.
     */
    static float gelu(float x) {
        float z = Math.abs(x) * INV_SQRT2_F;
        float t = 1f / Math.fma(z, 0.5f, 1f);
        float p = Math.fma(t, ERFC_P[0], ERFC_P[1]);
        for (int i = 2; i < ERFC_P.length; i++) {
            p = Math.fma(p, t, ERFC_P[i]);
        }
        float r = t * Kernels.exp(Math.fma(-z, z, p));
        return 0.5f * x * (x > 0 ? 2f - r : r);
    }

    /**
     * SiLU (swish with beta 1), {@code x * sigmoid(x)}, computed as {@code x / (1 + e^-x)} in float with
     * {@link Kernels#exp}, so the vector kernels ({@link Kernels#siluGate}) give the same bits.
     *
     * @param x the input
     * @return {@code x * sigmoid(x)}; finite for every finite input
     */
    public static float silu(float x) {
        return x / (1f + Kernels.exp(-x));
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
