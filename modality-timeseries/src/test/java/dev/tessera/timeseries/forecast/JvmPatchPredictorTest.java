package dev.tessera.timeseries.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.util.NativeArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The forecaster's JVM-engine prediction against the DJL forward pass it replaces for forecasting. */
class JvmPatchPredictorTest {

    /** Contexts of many lengths (shorter than the context: padding patches; longer: cut), with missing values. */
    private static List<double[]> contexts(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 5 + r.nextInt(120);
            double[] c = new double[len];
            double level = r.nextDouble(-50, 50);
            for (int t = 0; t < len; t++) {
                c[t] = level + 10 * Math.sin(t * 2 * Math.PI / 12) + r.nextGaussian() * 3;
                if (t > 2 && r.nextInt(20) == 0) {
                    c[t] = Double.NaN;
                }
            }
            out.add(c);
        }
        return out;
    }

    /** Makes the head's weights large enough that the quantiles differ from their near-zero initial values. */
    private static void scaleUp(PatchForecastModel m, String name, float factor) {
        NDArray p = m.backbone().parameter(name);
        float[] v = p.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        NativeArrays.copyInto(p, v);
        m.backbone().weightsChanged();
    }

    private static double worstDifference(PatchForecastModel m, PatchForecastModel.Encoded enc) {
        float[] jvm = m.predictQuantiles(enc);
        float[] djl;
        try (NDManager scope = NDManager.newBaseManager()) {
            djl = m.predict(enc, scope).toFloatArray();
        }
        assertEquals(djl.length, jvm.length);
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < djl.length; i++) {
            worst = Math.max(worst, Math.abs(djl[i] - jvm[i]));
            scale = Math.max(scale, Math.abs(djl[i]));
        }
        assertTrue(scale > 0.1, "the quantiles are near zero (" + scale + "): the comparison would say little");
        return worst / scale;
    }

    @Test
    void predictQuantiles_equalsTheDjlForwardPass() {
        try (PatchForecastModel m = PatchForecastModel.create(PatchModelConfig.small(), 4)) {
            scaleUp(m, "series.head.w2", 50f);
            scaleUp(m, "series.head.skip", 50f);
            PatchForecastModel.Encoded enc = m.encode(contexts(37, 8));
            double rel = worstDifference(m, enc);
            System.out.println("worst |djl - jvm| / max |djl| = " + rel);
            assertTrue(rel <= 1e-5, "relative difference " + rel);
        }
    }

    @Test
    void changedWeights_areCopiedAgain() {
        try (PatchForecastModel m = PatchForecastModel.create(PatchModelConfig.small(), 4)) {
            scaleUp(m, "series.head.w2", 50f);
            PatchForecastModel.Encoded enc = m.encode(contexts(9, 2));
            float[] before = m.predictQuantiles(enc);
            scaleUp(m, "series.head.b2", 0f); // unchanged values (zero bias) but reported: copies again
            scaleUp(m, "series.adapter.w1", 3f);
            float[] after = m.predictQuantiles(enc);
            assertTrue(!java.util.Arrays.equals(before, after), "the JVM copy kept the old weights");
            assertTrue(worstDifference(m, enc) <= 1e-5);
        }
    }
}
