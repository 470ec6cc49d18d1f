package dev.tessera.timeseries.forecast;

import dev.tessera.core.infer.JvmWeights;
import dev.tessera.core.infer.Linear;
import dev.tessera.core.infer.Quantizer;
import dev.tessera.core.model.ParameterSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Fake-quantises the backbone of a {@link PatchForecastModel} in place with the core
 * {@link Quantizer}: every block matrix is quantised and its dequantised values written back, so
 * the forecaster runs the function a quantised engine would. The input adapter, the quantile head,
 * embeddings, norms and biases stay fp32 (as in the core quantiser, which leaves vectors alone;
 * the adapter and head are this module's extra parameters), and so does the backbone's unused
 * two-token LM head.
 */
public final class WeightQuantization {
    private WeightQuantization() { }

    /** The weight formats. */
    public enum Scheme {
        /** No change. */
        FP32,
        /** int8, one symmetric scale per output row. */
        INT8,
        /** int4 by round to nearest, one symmetric scale per group of inputs. */
        INT4,
        /** int4 with GPTQ (same format as {@link #INT4}), calibrated on series contexts. */
        INT4_GPTQ;

        /**
         * Parses a command-line name ({@code fp32}, {@code int8}, {@code int4}, {@code int4-gptq}).
         *
         * @param name the name (case-insensitive)
         * @return the scheme
         */
        public static Scheme parse(String name) {
            for (Scheme s : values()) {
                if (s.name().replace('_', '-').equalsIgnoreCase(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown quantisation '" + name + "', use fp32, int8, int4 or int4-gptq");
        }
    }

    /** Diagonal damping of the GPTQ Hessian, as a fraction of its mean diagonal (the paper's 1%). */
    public static final double GPTQ_DAMPING = 0.01;

    /**
     * What was quantised.
     *
     * @param matrices the number of matrices replaced
     * @param relativeError {@code ||W_q - W|| / ||W||} over those matrices (Frobenius)
     */
    public record Result(int matrices, double relativeError) { }

    /**
     * Quantises the model's block matrices in place.
     *
     * @param model the model (modified)
     * @param scheme the format
     * @param group the int4 group size (even, divides the input size); ignored otherwise
     * @return what changed
     * @throws IllegalArgumentException for {@link Scheme#INT4_GPTQ}, which needs calibration contexts
     */
    public static Result apply(PatchForecastModel model, Scheme scheme, int group) {
        if (scheme == Scheme.INT4_GPTQ) {
            throw new IllegalArgumentException("int4-gptq needs calibration contexts: use apply(model, scheme, group, "
                    + "calibration)");
        }
        return apply(model, scheme, group, List.of());
    }

    /**
     * Quantises the model's block matrices in place; GPTQ goes block after block, the Hessians of
     * block {@code i} coming from the model whose earlier blocks are already quantised.
     *
     * @param model the model (modified)
     * @param scheme the format
     * @param group the int4 group size (even, divides the input size); ignored for int8
     * @param calibration series histories for GPTQ (only data the forecasts may see, e.g. training
     *     parts; each is encoded like a forecast context); ignored by the other schemes
     * @return what changed
     */
    public static Result apply(PatchForecastModel model, Scheme scheme, int group, List<double[]> calibration) {
        if (scheme == Scheme.FP32) {
            return new Result(0, 0);
        }
        if (scheme == Scheme.INT4_GPTQ && calibration.isEmpty()) {
            throw new IllegalArgumentException("int4-gptq needs at least one calibration context, got none");
        }
        JvmWeights w = JvmWeights.from(model.backbone());
        int count = 0;
        double err = 0;
        double norm = 0;
        Map<String, double[]> hessians = Map.of();
        int block = -1;
        List<Map.Entry<String, Linear>> matrices = new ArrayList<>();
        for (Map.Entry<String, Linear> e : w.linears().entrySet()) {
            if (!e.getKey().equals(JvmWeights.HEAD)) {
                matrices.add(e);
            }
        }
        // block after block (stable within a block), so GPTQ sees the earlier blocks already quantised
        matrices.sort(Comparator.comparingInt(e -> blockOf(e.getKey())));
        for (Map.Entry<String, Linear> e : matrices) {
            Linear q;
            if (scheme == Scheme.INT8) {
                q = Quantizer.int8(e.getValue());
            } else if (scheme == Scheme.INT4) {
                q = Quantizer.int4(e.getValue(), group);
            } else {
                int b = blockOf(e.getKey());
                if (b != block) {
                    hessians = InputHessians.collect(model, calibration, ParameterSpec.blockPrefix(b));
                    block = b;
                }
                double[] h = hessians.get(e.getKey());
                if (h == null) {
                    throw new IllegalStateException("the forward pass never reported an input of " + e.getKey());
                }
                q = Quantizer.int4Gptq(e.getValue(), group, h, GPTQ_DAMPING);
            }
            float[] orig = e.getValue().toFloats();
            float[] deq = q.toFloats();
            for (int i = 0; i < orig.length; i++) {
                double d = deq[i] - (double) orig[i];
                err += d * d;
                norm += (double) orig[i] * orig[i];
            }
            model.backbone().parameter(e.getKey()).set(deq);
            count++;
        }
        model.backbone().weightsChanged();
        return new Result(count, norm > 0 ? Math.sqrt(err / norm) : 0);
    }

    private static int blockOf(String name) {
        int b = ParameterSpec.layerOf(name);
        if (b < 0) {
            throw new IllegalStateException("not a block matrix: " + name);
        }
        return b;
    }
}
