package dev.tessera.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.generate.DecodeEngine;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.bundle.QuantizedWeightsFile;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizerTest {
    private static JvmWeights trained;

    @BeforeAll
    static void train() throws Exception {
        try (DecoderModel m = TrainedModels.trained(ModelConfig.modern(64, 128, 2, 4, 64).withKvHeads(2), 40, 3)) {
            trained = JvmWeights.from(m);
        }
    }

    private static Linear randomMatrix(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * (1 + (i % cols == 3 ? 20 : 0)));
        }
        return new Linear.F32(rows, cols, w);
    }

    @Test
    void int8_dequantisesWithinHalfAStepPerRow() {
        Linear w = randomMatrix(24, 96, 1);
        float[] f = w.toFloats();
        Linear.Int8 q = (Linear.Int8) Quantizer.int8(w);
        float[] back = q.toFloats();
        for (int r = 0; r < 24; r++) {
            float max = 0;
            for (int c = 0; c < 96; c++) {
                max = Math.max(max, Math.abs(f[r * 96 + c]));
            }
            assertEquals(max / 127, q.scale[r], 1e-6 * max);
            for (int c = 0; c < 96; c++) {
                assertTrue(Math.abs(f[r * 96 + c] - back[r * 96 + c]) <= q.scale[r] / 2 * 1.0001,
                        "element (" + r + ", " + c + ")");
            }
        }
    }

    @Test
    void int4_dequantisesWithinHalfAStepPerGroup() {
        for (int group : new int[] {32, 64}) {
            Linear w = randomMatrix(10, 128, group);
            float[] f = w.toFloats();
            Linear.Int4 q = (Linear.Int4) Quantizer.int4(w, group);
            assertEquals(10 * 128 / 2, q.quantizedValues().length);
            float[] back = q.toFloats();
            int groups = 128 / group;
            double errSum = 0;
            for (int r = 0; r < 10; r++) {
                for (int c = 0; c < 128; c++) {
                    float s = q.scale[r * groups + c / group];
                    double e = Math.abs(f[r * 128 + c] - back[r * 128 + c]);
                    assertTrue(e <= s / 2 * 1.0001, "group " + group + " element (" + r + ", " + c + ") error " + e);
                    errSum += e;
                }
            }
            assertTrue(errSum > 0, "int4 cannot be lossless on gaussian data");
        }
    }

    @Test
    void quantisedMatVec_equalsTheDequantisedMatrixTimesX() {
        Linear w = randomMatrix(40, 64, 5);
        float[][] x = {new float[64], new float[64]};
        SplittableRandom r = new SplittableRandom(2);
        for (float[] v : x) {
            for (int i = 0; i < 64; i++) {
                v[i] = (float) r.nextGaussian();
            }
        }
        for (Linear q : new Linear[] {Quantizer.int8(w), Quantizer.int4(w, 32)}) {
            float[] d = q.toFloats();
            float[][] y = new float[2][40];
            ParallelMatVec.multiply(q, x, 2, y);
            for (int b = 0; b < 2; b++) {
                for (int o = 0; o < 40; o++) {
                    double ref = 0;
                    for (int i = 0; i < 64; i++) {
                        ref += d[o * 64 + i] * x[b][i];
                    }
                    assertEquals(ref, y[b][o], 1e-3, q.format() + " row " + o);
                }
            }
        }
    }

    private static List<int[]> calibration(int count, int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(TrainedModels.patterned(r, 64, length));
        }
        return out;
    }

    /** Squared error of a layer's outputs over the calibration inputs: sum ||W x - Q x||^2 = tr((W-Q) H (W-Q)^T). */
    private static double outputError(Linear w, Linear q, double[] h) {
        float[] a = w.toFloats();
        float[] b = q.toFloats();
        int n = w.cols;
        double total = 0;
        double[] d = new double[n];
        for (int r = 0; r < w.rows; r++) {
            for (int i = 0; i < n; i++) {
                d[i] = a[r * n + i] - b[r * n + i];
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += h[i * n + j] * d[j];
                }
                total += d[i] * s;
            }
        }
        return total;
    }

    @Test
    void gptqInt4_hasLowerLayerOutputErrorThanRoundToNearest() {
        JvmDecodeEngine engine = new JvmDecodeEngine(trained);
        List<String> names = List.of("blocks.0.attn.qkv.weight", "blocks.1.mlp.down.weight", JvmWeights.HEAD);
        Map<String, double[]> h = Quantizer.hessians(engine, names, calibration(8, 64, 1));
        Map<String, double[]> heldOut = Quantizer.hessians(engine, names, calibration(8, 64, 2));
        for (String n : names) {
            Linear w = trained.linears().get(n);
            Linear rtnQ = Quantizer.int4(w, 32);
            Linear gptqQ = Quantizer.int4Gptq(w, 32, h.get(n), 0.01);
            double rtn = outputError(w, rtnQ, h.get(n));
            double gptq = outputError(w, gptqQ, h.get(n));
            System.out.printf("%s: calibration output squared error RTN %.5g, GPTQ %.5g; held-out RTN %.5g, GPTQ %.5g%n",
                    n, rtn, gptq, outputError(w, rtnQ, heldOut.get(n)), outputError(w, gptqQ, heldOut.get(n)));
            assertTrue(gptq < rtn, n + ": GPTQ " + gptq + " vs RTN " + rtn);
        }
    }

    @Test
    void quantisedWeights_roundTripThroughAFileWithIdenticalLogits(@TempDir Path dir) throws Exception {
        int[] prompt = TrainedModels.patterned(new SplittableRandom(9), 64, 12);
        for (JvmWeights w : new JvmWeights[] {trained, Quantizer.int8(trained), Quantizer.int4(trained, 32),
            Quantizer.int4Gptq(trained, 64, calibration(4, 32, 3), 0.01)}) {
            Path p = dir.resolve("w.safetensors");
            QuantizedWeightsFile.write(w, p);
            JvmWeights back = QuantizedWeightsFile.read(p);
            for (String n : w.linears().keySet()) {
                assertEquals(w.linears().get(n).format(), back.linears().get(n).format());
            }
            assertEquals(w.bytes(), back.bytes());
            float[] a;
            float[] b;
            try (DecodeEngine.Session s = new JvmDecodeEngine(w).open(1)) {
                a = s.prefill(new int[][] {prompt}, new int[] {0})[0];
            }
            try (DecodeEngine.Session s = new JvmDecodeEngine(back).open(1)) {
                b = s.prefill(new int[][] {prompt}, new int[] {0})[0];
            }
            assertArrayEquals(a, b, 0f);
            byte[] all = Files.readAllBytes(p);
            Files.write(p, Arrays.copyOf(all, all.length - 100));
            assertThrows(CorruptFileException.class, () -> QuantizedWeightsFile.read(p));
        }
    }

    @Test
    void quantisedEngines_stayCloseToFp32AndShrinkTheWeights() {
        int[] prompt = TrainedModels.patterned(new SplittableRandom(4), 64, 20);
        float[] ref;
        try (DecodeEngine.Session s = new JvmDecodeEngine(trained).open(1)) {
            ref = s.prefill(new int[][] {prompt}, new int[] {0})[0];
        }
        double range = 0;
        for (float v : ref) {
            range = Math.max(range, Math.abs(v));
        }
        JvmWeights i8 = Quantizer.int8(trained);
        JvmWeights i4 = Quantizer.int4(trained, 32);
        float[] a;
        try (DecodeEngine.Session s = new JvmDecodeEngine(i8).open(1)) {
            a = s.prefill(new int[][] {prompt}, new int[] {0})[0];
        }
        double worst = 0;
        for (int v = 0; v < ref.length; v++) {
            worst = Math.max(worst, Math.abs(a[v] - ref[v]));
        }
        assertTrue(worst < 0.02 * range, "int8 logits differ by " + worst + " (range " + range + ")");
        assertEquals(JvmDecodeEngineTest.argmax(ref), JvmDecodeEngineTest.argmax(a));
        long matrices32 = trained.linears().values().stream().mapToLong(Linear::bytes).sum();
        long matrices8 = i8.linears().values().stream().mapToLong(Linear::bytes).sum();
        long matrices4 = i4.linears().values().stream().mapToLong(Linear::bytes).sum();
        assertTrue(matrices8 < matrices32 * 0.27 && matrices4 < matrices32 * 0.16,
                matrices32 + " -> int8 " + matrices8 + ", int4 " + matrices4);
    }
}
