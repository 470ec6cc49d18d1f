package dev.tessera.core.infer;

/**
 * The inner loops of the JVM engine: weight panels (fp32, int8, packed int4) times a batch of
 * vectors, and the scores, softmax and weighted sums of attention.
 * {@link #get()} returns the Vector API implementation unless the system property
 * {@code tessera.infer.vector} is {@code false} or the module {@code jdk.incubator.vector} is
 * not loaded (then the scalar loops, written for the JIT).
 */
abstract class Kernels {
    private static final Kernels INSTANCE = choose();

    /**
     * Said once, on standard error, when the Vector API module is absent and nobody chose the scalar loops:
     * decoding is then about half as fast, and nothing else would show it.
     */
    static final String SCALAR_FALLBACK_MESSAGE = "tessera: the JVM decode engine runs without the Vector API, about "
            + "2x slower; add --add-modules jdk.incubator.vector to the java command line (the ./tessera launcher "
            + "does), or set -Dtessera.infer.vector=false to choose the scalar loops and silence this line";

    private static Kernels choose() {
        boolean want = !"false".equalsIgnoreCase(System.getProperty("tessera.infer.vector", "true"));
        if (!want) {
            return new ScalarKernels(32);
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Kernels) Class.forName("dev.tessera.core.infer.VectorKernels").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                System.err.println("tessera: the Vector API kernels could not be loaded (" + e
                        + "); the JVM decode engine uses its scalar loops");
                return new ScalarKernels(32);
            }
        }
        System.err.println(SCALAR_FALLBACK_MESSAGE);
        return new ScalarKernels(32);
    }

    /** @return the kernels in use */
    static Kernels get() {
        return INSTANCE;
    }

    /** @return "vector" or "scalar" */
    abstract String name();

    /** Sum of {@code a[ao + i] * b[bo + i]} for {@code i < n}. */
    abstract float dot(float[] a, int ao, float[] b, int bo, int n);

    /**
     * One head's attention output: {@code out[oo + k] = sum_p w[p] * v[vo + p * stride + k]} for
     * {@code k < hd}, the positions {@code from <= p < to} added in order, one multiply-add each, from zero
     * (so a row's output does not depend on what else is in the batch).
     */
    abstract void weightedSum(float[] w, int from, int to, float[] v, int vo, int stride, float[] out,
            int oo, int hd);

    /**
     * Attention scores of one query against transposed keys: {@code out[p] = scale * sum_d
     * q[qo + d] * kt[ko + d * stride + p]} for {@code from <= p < to}, each sum one fused
     * multiply-add per {@code d} in order (so every position gets the same rounding however the
     * range is split). {@code out} is scratch past {@code to}: up to a vector's length of it may be
     * overwritten.
     *
     * @return the largest score
     */
    abstract float scores(float[] q, int qo, float[] kt, int ko, int stride, int hd, int from, int to, float scale,
            float[] out);

    /**
     * Scores of the {@code m} queries {@code qs[q0 + j]} (at {@code qo}) against the same keys, for
     * every {@code from <= p < to}, into {@code out[j]}: each exactly as {@link #scores} computes it
     * (so a query's scores do not depend on the block it is in), but a block loads each key once for
     * all its queries ({@link #attentionBlock} of them at most). Scratch past {@code to} may be
     * overwritten as in {@link #scores}.
     */
    void scoresBlock(float[][] qs, int q0, int m, int qo, float[] kt, int ko, int stride, int hd, int from, int to,
            float scale, float[][] out) {
        for (int j = 0; j < m; j++) {
            scores(qs[q0 + j], qo, kt, ko, stride, hd, from, to, scale, out[j]);
        }
    }

    /** @return the largest of {@code a[from .. to)} ({@code from < to}) */
    float max(float[] a, int from, int to) {
        float m = a[from];
        for (int i = from + 1; i < to; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    /**
     * {@link #weightedSum} for {@code m} queries at consecutive positions: query {@code j} adds the
     * positions {@code from <= p < to0 + j} of {@code w[j]} into {@code out[q0 + j]} at {@code oo};
     * each sum in the same order as {@link #weightedSum}, so the same bits, but a block loads each
     * value row once for all its queries.
     */
    void weightedSumBlock(float[][] w, int m, int from, int to0, float[] v, int vo, int stride, float[][] out, int q0,
            int oo, int hd) {
        for (int j = 0; j < m; j++) {
            weightedSum(w[j], from, to0 + j, v, vo, stride, out[q0 + j], oo, hd);
        }
    }

    /**
     * Continues {@link #weightedSum}'s sums already in {@code out[oo ..]} over the positions
     * {@code from <= p < to}, one fused multiply-add each, in order.
     */
    static void weightedSumOn(float[] w, int from, int to, float[] v, int vo, int stride, float[] out, int oo,
            int hd) {
        for (int p = from; p < to; p++) {
            float a = w[p];
            int o = vo + p * stride;
            for (int k = 0; k < hd; k++) {
                out[oo + k] = Math.fma(a, v[o + k], out[oo + k]);
            }
        }
    }

    /** @return queries per attention block: the most {@link #scoresBlock} and {@link #weightedSumBlock} share loads for */
    int attentionBlock() {
        return 4;
    }

    /** {@code a[i] *= f} for {@code from <= i < to} (each one rounded product). */
    void scale(float[] a, int from, int to, float f) {
        for (int i = from; i < to; i++) {
            a[i] *= f;
        }
    }

    /** One score as {@link #scores} computes it. */
    static float score(float[] q, int qo, float[] kt, int ko, int stride, int hd, int p, float scale) {
        float acc = 0;
        for (int d = 0; d < hd; d++) {
            acc = Math.fma(kt[ko + d * stride + p], q[qo + d], acc);
        }
        return acc * scale;
    }

    /**
     * The softmax numerators: {@code a[i] = exp(a[i] - max)} for {@code from <= i < to}, each by {@link #exp}.
     *
     * @return their sum
     */
    abstract float expShifted(float[] a, int from, int to, float max);

    /** The scalar loop of {@link #expShifted}, adding to {@code sum} in index order. */
    static float expShiftedScalar(float[] a, int from, int to, float max, float sum) {
        for (int i = from; i < to; i++) {
            float e = exp(a[i] - max);
            a[i] = e;
            sum += e;
        }
        return sum;
    }

    /** Inputs are clamped to {@code [EXP_LO, EXP_HI]}, where {@code 2^n} of the reduction is a normal float. */
    static final float EXP_LO = -87.33f;
    static final float EXP_HI = 88.0f;
    static final float LOG2E = 1.44269504088896341f;
    /** {@code 1.5 * 2^23}: adding it rounds a float below {@code 2^22} in magnitude to an integer. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = 0x4B400000;
    /** ln 2 in two parts, the first exact in few bits, so {@code x - n ln 2} loses nothing. */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** The polynomial of {@code (exp(r) - 1 - r) / r^2} on {@code |r| <= ln 2 / 2} (Cephes' expf). */
    static final float P0 = 5.0000001201e-1f;
    static final float P1 = 1.6666665459e-1f;
    static final float P2 = 4.1665795894e-2f;
    static final float P3 = 8.3334519073e-3f;
    static final float P4 = 1.3981999507e-3f;
    static final float P5 = 1.9875691500e-4f;

    /**
     * {@code e^x} in float, within about one ulp, from additions, multiplications and fused
     * multiply-adds only (each exactly rounded by IEEE 754). So unlike {@code Math.exp} or the Vector
     * API's {@code EXP} — whose compiled intrinsics and interpreted fallbacks may round differently —
     * it gives the same bits in every lane, on every path the JIT takes, at every moment of a run: a
     * seeded generation does not change when the decode loop gets compiled. {@link VectorKernels}
     * computes the same operations lane-wise. Inputs below {@link #EXP_LO} give {@code e^EXP_LO}
     * (about 1.2e-38), above {@link #EXP_HI} give {@code e^EXP_HI}; NaN stays NaN.
     */
    static float exp(float x) {
        float v = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float t = Math.fma(v, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_HI, v);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P5, r, P4);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P1);
        p = Math.fma(p, r, P0);
        float y = Math.fma(p, r * r, r) + 1f;
        return y * Float.intBitsToFloat((Float.floatToRawIntBits(t) - ROUNDER_BITS + 127) << 23);
    }

    /**
     * {@code out[k] = gelu(u[k] + bias[k])} for {@code k < n} ({@link Activations#gelu}; the vector
     * kernels give the same bits).
     */
    void gelu(float[] u, float[] bias, float[] out, int n) {
        geluScalar(u, bias, out, 0, n);
    }

    /**
     * The SwiGLU gate: {@code out[k] = silu(u[k]) * u[ff + k]} for {@code k < ff} ({@link Activations#silu}; the
     * vector kernels give the same bits).
     */
    void siluGate(float[] u, int ff, float[] out) {
        siluGateScalar(u, ff, out, 0);
    }

    /** The scalar loop of {@link #siluGate} from {@code from}. */
    static void siluGateScalar(float[] u, int ff, float[] out, int from) {
        for (int k = from; k < ff; k++) {
            out[k] = Activations.silu(u[k]) * u[ff + k];
        }
    }

    /** The scalar loop of {@link #gelu} from {@code from}. */
    static void geluScalar(float[] u, float[] bias, float[] out, int from, int n) {
        for (int k = from; k < n; k++) {
            out[k] = Activations.gelu(u[k] + bias[k]);
        }
    }

    /** @return output rows per weight panel (see {@link Linear}) */
    abstract int panelRows();

    /**
     * One fp32 panel times a batch: {@code ys[i][r0 + j] = sum_c w[off + c * P + j] * xs[i][c]} for
     * {@code j < valid}, {@code i < n}, {@code P = panelRows()}.
     */
    abstract void panelF32(float[] w, int off, int cols, float[][] xs, int n, float[][] ys, int r0, int valid);

    /** One int8 panel: as {@link #panelF32} with each sum times {@code scale[r0 + j]}. */
    abstract void panelI8(byte[] q, int off, int cols, float[] scale, float[][] xs, int n, float[][] ys, int r0,
            int valid);

    /**
     * One int4 panel (nibble layout in {@link Linear.Int4}): each nibble read as {@code 16 q}, each
     * group of {@code group} inputs summed, then times its scale {@code scale[soff + g * P + j]}
     * (which holds the true scale / 16).
     */
    abstract void panelI4(byte[] q, int off, int cols, int group, float[] scale, int soff, float[][] xs, int n,
            float[][] ys, int r0, int valid);
}
