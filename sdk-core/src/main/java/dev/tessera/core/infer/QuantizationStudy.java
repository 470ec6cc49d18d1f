package dev.tessera.core.infer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a model's validation loss in fp32 and after int8, int4 round-to-nearest and int4 GPTQ
 * quantisation, each scored by the {@link JvmDecodeEngine}, and the size of each weights file.
 */
public final class QuantizationStudy {
    /**
     * One variant.
     *
     * @param variant "fp32", "int8", "int4-rtn", "int4-gptq"
     * @param lossNats mean next-token cross-entropy over the validation windows (nats per token)
     * @param bitsPerToken the same in bits
     * @param weightBytes in-memory bytes of the weights
     * @param fileBytes size of the saved file (weights file or bundle)
     */
    public record Row(String variant, double lossNats, double bitsPerToken, long weightBytes, long fileBytes) { }

    private QuantizationStudy() { }

    /** Saves one variant and returns the saved file's size in bytes. */
    @FunctionalInterface
    public interface Saver {
        /**
         * @param variant "fp32", "int8", "int4-rtn" or "int4-gptq"
         * @param weights the variant's weights
         * @return bytes written
         * @throws IOException on failure
         */
        long save(String variant, JvmWeights weights) throws IOException;
    }

    /**
     * Runs the study.
     *
     * @param fp32 the trained weights
     * @param validation windows scored with next-token loss (each within the context)
     * @param calibration sequences for GPTQ (training data, not validation)
     * @param group int4 group size
     * @param saver saves each variant (e.g. as a model bundle) and reports its size
     * @return the rows in order fp32, int8, int4-rtn, int4-gptq
     * @throws IOException if a variant cannot be saved
     */
    public static List<Row> run(JvmWeights fp32, List<int[]> validation, List<int[]> calibration, int group, Saver saver)
            throws IOException {
        Map<String, JvmWeights> variants = new LinkedHashMap<>();
        variants.put("fp32", fp32);
        variants.put("int8", Quantizer.int8(fp32));
        variants.put("int4-rtn", Quantizer.int4(fp32, group));
        variants.put("int4-gptq", Quantizer.int4Gptq(fp32, group, calibration, 0.01));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, JvmWeights> e : variants.entrySet()) {
            double nats = loss(new JvmDecodeEngine(e.getValue()), validation);
            long bytes = saver.save(e.getKey(), e.getValue());
            rows.add(new Row(e.getKey(), nats, nats / Math.log(2), e.getValue().bytes(), bytes));
        }
        return rows;
    }

    /**
     * Mean next-token cross-entropy.
     *
     * @param engine the engine
     * @param windows sequences of up to context + 1 ids; ids {@code 0..n-2} are the inputs, each
     *     predicting the next
     * @return nats per predicted token
     */
    public static double loss(JvmDecodeEngine engine, List<int[]> windows) {
        double sum = 0;
        long count = 0;
        for (int[] w : windows) {
            float[][] logits = engine.logitsAll(java.util.Arrays.copyOf(w, w.length - 1));
            for (int t = 0; t + 1 < w.length; t++) {
                float[] l = logits[t];
                double max = Double.NEGATIVE_INFINITY;
                for (float v : l) {
                    max = Math.max(max, v);
                }
                double z = 0;
                for (float v : l) {
                    z += Math.exp(v - max);
                }
                sum += Math.log(z) + max - l[w[t + 1]];
                count++;
            }
        }
        return sum / count;
    }
}
