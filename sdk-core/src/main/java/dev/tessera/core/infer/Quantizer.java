package dev.tessera.core.infer;

import dev.tessera.core.model.ParameterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Post-training weight quantisation of the matrices (block Linears and the head) of
 * {@link JvmWeights}: int8 symmetric per output row, int4 symmetric group-wise by round to
 * nearest, or int4 with GPTQ (Frantar et al. 2022: columns quantised in order, the error of each
 * column spread over the columns not yet quantised through the Cholesky factor of the damped
 * inverse Hessian {@code H = 2 X^T X} of calibration inputs). Embeddings, norms and biases stay fp32.
 */
public final class Quantizer {
    private Quantizer() { }

    /**
     * Quantises one matrix to int8 with a symmetric scale per output row ({@code max|w| / 127}).
     *
     * @param w an fp32 matrix
     * @return the int8 matrix
     */
    public static Linear int8(Linear w) {
        float[] f = w.toFloats();
        int rows = w.rows;
        int cols = w.cols;
        byte[] q = new byte[rows * cols];
        float[] scale = new float[rows];
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(finite(f[r * cols + c], r, c)));
            }
            float s = max == 0 ? 1f : max / 127f;
            scale[r] = s;
            for (int c = 0; c < cols; c++) {
                q[r * cols + c] = (byte) Math.max(-127, Math.min(127, Math.round(f[r * cols + c] / s)));
            }
        }
        return new Linear.Int8(rows, cols, q, scale);
    }

    private static float finite(float v, int r, int c) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("weight (" + r + ", " + c + ") is " + v + "; cannot quantise");
        }
        return v;
    }

    /**
     * Quantises one matrix to int4 by round to nearest, one symmetric scale ({@code max|w| / 7})
     * per group of {@code group} consecutive inputs of each row.
     *
     * @param w an fp32 matrix
     * @param group the group size (even, divides the columns)
     * @return the int4 matrix
     */
    public static Linear int4(Linear w, int group) {
        return gptqOrRtn(w, group, null);
    }

    /**
     * Quantises one matrix to int4 with GPTQ.
     *
     * @param w an fp32 matrix
     * @param group the group size
     * @param hessian {@code sum x x^T} over calibration inputs, {@code cols x cols} row-major
     * @param damping fraction of the mean diagonal added to the diagonal (e.g. 0.01)
     * @return the int4 matrix
     */
    public static Linear int4Gptq(Linear w, int group, double[] hessian, double damping) {
        int n = w.cols;
        if (hessian.length != n * n) {
            throw new IllegalArgumentException("hessian has " + hessian.length + " entries, need " + n * n);
        }
        double[] h = hessian.clone();
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += h[i * n + i];
        }
        mean /= n;
        double damp = damping * (mean > 0 ? mean : 1);
        for (int i = 0; i < n; i++) {
            if (h[i * n + i] == 0) {
                h[i * n + i] = 1;
            }
            h[i * n + i] += damp;
        }
        double[] inv = Cholesky.inverseSpd(h, n);
        double[] lower = Cholesky.factor(inv, n);
        return gptqOrRtn(w, group, lower);
    }

    /** Quantises columns in order; with the Cholesky factor L of H^-1 (U = L^T), spreads each column's error. */
    private static Linear gptqOrRtn(Linear w, int group, double[] lower) {
        int rows = w.rows;
        int cols = w.cols;
        if (group <= 0 || group > 1 << 16 || group % 2 != 0 || cols % 2 != 0) {
            throw new IllegalArgumentException("int4 needs an even group of at most 65536 (" + group
                    + ") and an even number of columns (" + cols + ")");
        }
        int groups = Linear.Int4.groups(cols, group);
        float[] f = w.toFloats();
        double[] work = new double[cols];
        byte[] packed = new byte[rows * cols / 2];
        float[] scale = new float[rows * groups];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                work[c] = finite(f[r * cols + c], r, c);
            }
            float s = 1f;
            for (int c = 0; c < cols; c++) {
                if (c % group == 0) {
                    double max = 0;
                    for (int k = c; k < Math.min(cols, c + group); k++) {
                        max = Math.max(max, Math.abs(work[k]));
                    }
                    s = max == 0 ? 1f : (float) (max / 7);
                    scale[r * groups + c / group] = s;
                }
                int q = (int) Math.max(-8, Math.min(7, Math.round(work[c] / s)));
                int idx = r * cols + c;
                int nib = q + 8;
                packed[idx >> 1] |= (byte) ((c & 1) == 0 ? nib : nib << 4);
                if (lower != null) {
                    double d = lower[c * cols + c];
                    double err = (work[c] - q * (double) s) / d;
                    for (int k = c + 1; k < cols; k++) {
                        work[k] -= err * lower[k * cols + c];
                    }
                }
            }
        }
        return new Linear.Int4(rows, cols, group, packed, scale);
    }

    /**
     * Quantises every matrix of a model to int8.
     *
     * @param w fp32 weights
     * @return int8 weights
     */
    public static JvmWeights int8(JvmWeights w) {
        return w.mapLinears((name, l) -> int8(l));
    }

    /**
     * Quantises every matrix of a model to int4 by round to nearest.
     *
     * @param w fp32 weights
     * @param group group size (32 or 64; must divide every matrix's input size)
     * @return int4 weights
     */
    public static JvmWeights int4(JvmWeights w, int group) {
        return w.mapLinears((name, l) -> int4(l, group));
    }

    /**
     * Quantises every matrix of a model to int4 with GPTQ, layer after layer: the calibration
     * inputs of layer {@code i} come from running the model whose layers before {@code i} are
     * already quantised (the head last).
     *
     * @param w fp32 weights
     * @param group group size
     * @param calibration token sequences (each within the context)
     * @param damping diagonal damping fraction (0.01 in the paper)
     * @return int4 weights
     */
    public static JvmWeights int4Gptq(JvmWeights w, int group, List<int[]> calibration, double damping) {
        if (calibration.isEmpty()) {
            throw new IllegalArgumentException("GPTQ needs at least one calibration sequence");
        }
        JvmWeights current = w;
        int layers = w.config().layers();
        for (int stage = 0; stage <= layers; stage++) {
            String prefix = stage < layers ? ParameterSpec.blockPrefix(stage) : JvmWeights.HEAD;
            List<String> names = new ArrayList<>();
            for (String n : current.linears().keySet()) {
                if (n.startsWith(prefix)) {
                    names.add(n);
                }
            }
            Map<String, double[]> hessians = hessians(new JvmDecodeEngine(current), names, calibration);
            Map<String, Linear> done = new HashMap<>();
            for (String n : names) {
                done.put(n, int4Gptq(current.linear(n), group, hessians.get(n), damping));
            }
            current = current.mapLinears((name, l) -> done.getOrDefault(name, l));
        }
        return current;
    }

    /**
     * Accumulates {@code H = sum x x^T} of the inputs of the named matrices over calibration sequences.
     *
     * @param engine the engine to trace
     * @param names matrix names
     * @param calibration sequences
     * @return the Hessians by name
     */
    static Map<String, double[]> hessians(JvmDecodeEngine engine, List<String> names, List<int[]> calibration) {
        Map<String, double[]> hs = new HashMap<>();
        for (String n : names) {
            int c = engine.weights().linear(n).cols;
            hs.put(n, new double[c * c]);
        }
        for (int[] seq : calibration) {
            engine.trace(seq, (name, in, count) -> {
                double[] h = hs.get(name);
                if (h == null) {
                    return;
                }
                int c = in[0].length;
                for (int s = 0; s < count; s++) {
                    float[] x = in[s];
                    for (int i = 0; i < c; i++) {
                        double xi = x[i];
                        if (xi == 0) {
                            continue;
                        }
                        int row = i * c;
                        for (int j = 0; j <= i; j++) {
                            h[row + j] += xi * x[j];
                        }
                    }
                }
            });
        }
        for (double[] h : hs.values()) {
            int c = (int) Math.round(Math.sqrt(h.length));
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < i; j++) {
                    h[j * c + i] = h[i * c + j];
                }
            }
        }
        return hs;
    }
}
