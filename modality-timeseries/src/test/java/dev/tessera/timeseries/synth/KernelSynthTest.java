package dev.tessera.timeseries.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelSynthTest {
    @Test
    void generate_isDeterministicFiniteAndVaried() {
        KernelSynth ks = new KernelSynth(64, 5, 2);
        List<double[]> a = ks.generate(20, 5);
        List<double[]> b = ks.generate(20, 5);
        assertEquals(20, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
            assertEquals(64, a.get(i).length);
            for (double v : a.get(i)) {
                assertTrue(Double.isFinite(v));
            }
        }
        assertTrue(a.get(0)[10] != a.get(5)[10], "different kernels give different series");
    }

    @Test
    void periodicKernel_givesPeriodicPaths() {
        KernelSynth ks = new KernelSynth(96, 1, 1);
        double[] p = ks.sample(Kernel.periodic(12.0 / 96), 1, new SplittableRandom(1))[0];
        for (int i = 12; i < 96; i++) {
            assertEquals(p[i - 12], p[i], 1e-2 * (1 + Math.abs(p[i])), "index " + i);
        }
    }

    @Test
    void tsMixup_isConvexCombinationOfScaledWindows() {
        TsMixup mix = new TsMixup(1, 1.5);
        double[] s = new double[50];
        java.util.Arrays.fill(s, 7);
        double[] m = mix.mix(List.of(s), 20, new SplittableRandom(2));
        for (double v : m) {
            assertEquals(1.0, v, 1e-12); // one component, scaled by its mean absolute value
        }
    }
}
