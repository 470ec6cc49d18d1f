package dev.tessera.timeseries.forecast;

import dev.tessera.core.infer.JvmWeights;
import dev.tessera.core.infer.Linear;
import dev.tessera.core.infer.Quantizer;
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
        INT4
    }

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
     */
    public static Result apply(PatchForecastModel model, Scheme scheme, int group) {
        if (scheme == Scheme.FP32) {
            return new Result(0, 0);
        }
        JvmWeights w = JvmWeights.from(model.backbone());
        int count = 0;
        double err = 0;
        double norm = 0;
        for (Map.Entry<String, Linear> e : w.linears().entrySet()) {
            if (e.getKey().equals(JvmWeights.HEAD)) {
                continue;
            }
            Linear q = scheme == Scheme.INT8 ? Quantizer.int8(e.getValue()) : Quantizer.int4(e.getValue(), group);
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
        return new Result(count, norm > 0 ? Math.sqrt(err / norm) : 0);
    }
}
