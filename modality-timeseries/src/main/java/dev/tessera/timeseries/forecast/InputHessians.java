package dev.tessera.timeseries.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.tessera.core.model.DecoderModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The GPTQ statistics of the forecaster's backbone: for each block matrix, {@code H = sum x x^T}
 * over the rows {@code x} of its input during forward passes over calibration contexts (through
 * {@link DecoderModel#observeLinearInputs}), and the choice of those contexts from training data.
 */
public final class InputHessians {
    /** Contexts per forward pass while collecting. */
    private static final int BATCH = 8;

    private InputHessians() { }

    /**
     * Runs the forecaster over the contexts and accumulates the input Hessians of the backbone
     * matrices whose names start with {@code prefix}.
     *
     * @param model the model (its current weights are traced)
     * @param contexts histories, encoded as forecast contexts
     * @param prefix the matrices to observe, e.g. {@code "blocks.0."} ({@code ""} for all)
     * @return {@code cols x cols} row-major Hessians by parameter name, in the order first seen
     */
    public static Map<String, double[]> collect(PatchForecastModel model, List<double[]> contexts, String prefix) {
        if (contexts.isEmpty()) {
            throw new IllegalArgumentException("no calibration contexts");
        }
        Map<String, double[]> hs = new LinkedHashMap<>();
        DecoderModel backbone = model.backbone();
        backbone.observeLinearInputs((name, x) -> {
            if (name.startsWith(prefix)) {
                accumulate(hs, name, x);
            }
        });
        try {
            for (int from = 0; from < contexts.size(); from += BATCH) {
                List<double[]> batch = contexts.subList(from, Math.min(contexts.size(), from + BATCH));
                PatchForecastModel.Encoded enc = model.encode(batch);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    model.predict(enc, backbone.manager());
                }
            }
        } finally {
            backbone.observeLinearInputs(null);
        }
        return hs;
    }

    /** Adds {@code x^T x} of one input {@code (..., in)} to the named Hessian (in float64, copied out at once). */
    private static void accumulate(Map<String, double[]> hs, String name, NDArray x) {
        long in = x.getShape().get(x.getShape().dimension() - 1);
        double[] add;
        try (NDArray flat = x.reshape(-1, in);
                NDArray d = flat.toType(DataType.FLOAT64, true);
                NDArray t = d.transpose();
                NDArray xtx = t.matMul(d)) {
            add = xtx.toDoubleArray();
        }
        double[] h = hs.computeIfAbsent(name, k -> new double[add.length]);
        if (h.length != add.length) {
            throw new IllegalStateException(name + ": input width changed between forward passes (" + h.length
                    + " vs " + add.length + " Hessian entries)");
        }
        for (int i = 0; i < h.length; i++) {
            h[i] += add[i];
        }
        for (double v : add) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException(name + ": non-finite input during calibration");
            }
        }
    }

    /**
     * Picks calibration windows from histories (pass only the training parts of the series, never
     * the held-out horizons): window {@code k} comes from series {@code k mod n} and ends at a
     * seeded random point of it, at least {@code minLength} values in.
     *
     * @param histories the training parts
     * @param count windows wanted
     * @param contextLength values per window (fewer when the history is shorter)
     * @param minLength shortest window
     * @param seed the seed
     * @return the windows
     */
    public static List<double[]> windows(List<double[]> histories, int count, int contextLength, int minLength,
            long seed) {
        if (histories.isEmpty() || count < 1 || contextLength < 1 || minLength < 1) {
            throw new IllegalArgumentException("windows: histories " + histories.size() + ", count " + count
                    + ", contextLength " + contextLength + ", minLength " + minLength);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double[] h = histories.get(k % histories.size());
            int lo = Math.min(h.length, minLength);
            int end = lo + (h.length > lo ? rng.nextInt(h.length - lo + 1) : 0);
            int start = Math.max(0, end - contextLength);
            if (end - start < 1) {
                throw new IllegalArgumentException("history " + (k % histories.size()) + " is empty");
            }
            out.add(java.util.Arrays.copyOfRange(h, start, end));
        }
        return out;
    }
}
