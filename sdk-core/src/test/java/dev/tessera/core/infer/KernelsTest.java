package dev.tessera.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The panel kernels against the plain row-by-row product of the dequantised weights, for every
 * format, a row count that leaves a partial panel, and batches of 1 to 5 vectors; and the scalar
 * fallback against the kernels in use, on the same panels.
 */
class KernelsTest {
    private static final int ROWS = Linear.PANEL + 37;
    private static final int COLS = 96;

    private static Linear[] matrices() {
        SplittableRandom r = new SplittableRandom(3);
        float[] w = new float[ROWS * COLS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        Linear f = Linear.f32(ROWS, COLS, w);
        return new Linear[] {f, Quantizer.int8(f), Quantizer.int4(f, 32), Quantizer.int4(f, 40)};
    }

    private static float[][] inputs(int n) {
        SplittableRandom r = new SplittableRandom(n);
        float[][] x = new float[n][COLS];
        for (float[] v : x) {
            for (int i = 0; i < COLS; i++) {
                v[i] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    private static float[][] reference(Linear l, float[][] xs) {
        float[] w = l.toFloats();
        float[][] y = new float[xs.length][ROWS];
        for (int i = 0; i < xs.length; i++) {
            for (int row = 0; row < ROWS; row++) {
                double s = 0;
                for (int c = 0; c < COLS; c++) {
                    s += (double) w[row * COLS + c] * xs[i][c];
                }
                y[i][row] = (float) s;
            }
        }
        return y;
    }

    private static void multiply(Kernels k, Linear l, float[][] xs, float[][] ys) {
        int n = xs.length;
        for (int p = 0; p < l.panels(); p++) {
            int r0 = p * Linear.PANEL;
            if (l instanceof Linear.F32 f) {
                k.panelF32(f.w, r0 * COLS, COLS, xs, n, ys, r0, l.valid(p));
            } else if (l instanceof Linear.Int8 q) {
                k.panelI8(q.q, r0 * COLS, COLS, q.paddedScale, xs, n, ys, r0, l.valid(p));
            } else {
                Linear.Int4 q = (Linear.Int4) l;
                int groups = Linear.Int4.groups(COLS, q.group);
                k.panelI4(q.packed, p * (Linear.PANEL / 2) * COLS, COLS, q.group, q.panelScale, p * groups * Linear.PANEL,
                        xs, n, ys, r0, l.valid(p));
            }
        }
    }

    @Test
    void everyFormat_matchesTheRowByRowProductOfItsDequantisedWeights() {
        for (Linear l : matrices()) {
            for (int n = 1; n <= 5; n++) {
                float[][] xs = inputs(n);
                float[][] want = reference(l, xs);
                float[][] got = new float[n][ROWS];
                ParallelMatVec.multiply(l, xs, n, got);
                for (int i = 0; i < n; i++) {
                    for (int row = 0; row < ROWS; row++) {
                        assertEquals(want[i][row], got[i][row], 1e-4 * (1 + Math.abs(want[i][row])),
                                l.format() + " n " + n + " vector " + i + " row " + row);
                    }
                }
            }
        }
    }

    @Test
    void productsLargeEnoughToSplitOverThreads_equalTheUnsplitProduct() {
        int rows = 4 * Linear.PANEL + 5;
        int cols = 256;
        SplittableRandom r = new SplittableRandom(8);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        Linear f = Linear.f32(rows, cols, w);
        for (Linear l : new Linear[] {f, Quantizer.int8(f), Quantizer.int4(f, 32)}) {
            float[][] xs = new float[8][cols];
            for (float[] x : xs) {
                for (int i = 0; i < cols; i++) {
                    x[i] = (float) r.nextGaussian();
                }
            }
            float[][] split = new float[8][rows];
            float[][] whole = new float[8][rows];
            for (int k = 0; k < 20; k++) {
                ParallelMatVec.multiply(l, xs, 8, split);
                l.multiplyPanels(0, l.panels(), xs, 8, whole);
                for (int i = 0; i < 8; i++) {
                    assertArrayEquals(whole[i], split[i], 0f, l.format() + " vector " + i + " repeat " + k);
                }
            }
        }
    }

    @Test
    void batchRows_equalBatchOneRowsBitForBit() {
        for (Linear l : matrices()) {
            float[][] xs = inputs(5);
            float[][] together = new float[5][ROWS];
            ParallelMatVec.multiply(l, xs, 5, together);
            for (int i = 0; i < 5; i++) {
                float[][] alone = new float[1][ROWS];
                ParallelMatVec.multiply(l, new float[][] {xs[i]}, 1, alone);
                assertArrayEquals(alone[0], together[i], 0f, l.format() + " vector " + i);
            }
        }
    }

    @Test
    void scalarFallback_matchesTheKernelsInUse() {
        Kernels scalar = new ScalarKernels(Linear.PANEL);
        for (Linear l : matrices()) {
            float[][] xs = inputs(3);
            float[][] a = new float[3][ROWS];
            float[][] b = new float[3][ROWS];
            multiply(Kernels.get(), l, xs, a);
            multiply(scalar, l, xs, b);
            for (int i = 0; i < 3; i++) {
                for (int row = 0; row < ROWS; row++) {
                    assertEquals(a[i][row], b[i][row], 1e-4 * (1 + Math.abs(a[i][row])), l.format() + " row " + row);
                }
            }
        }
        float[] e = {0.5f, -1f, 2f, 0f, 3f, -4f, 1f, 0.25f, 7f, -0.5f, 1.5f, 2.5f, -3f, 0.1f, 0.2f, 0.3f, 5f, -6f};
        float[] e2 = e.clone();
        float sa = Kernels.get().expShifted(e, 1, e.length, 7f);
        float sb = scalar.expShifted(e2, 1, e2.length, 7f);
        assertEquals(sb, sa, 1e-5 * sb);
        assertArrayEquals(e2, e, "every lane of the vector exp has the scalar exp's bits");
        assertTrue(e[0] == 0.5f, "expShifted leaves values before 'from' alone");
    }

    @Test
    void expIsWithinTwoUlpsOfMathExpOverTheSoftmaxRange() {
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 0.0137f) {
            double want = Math.exp(x);
            double ulps = Math.abs(Kernels.exp(x) - want) / Math.ulp((float) want);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulps");
        assertEquals(1f, Kernels.exp(0f));
        assertEquals((float) Math.E, Kernels.exp(1f), Math.ulp((float) Math.E));
        assertTrue(Float.isNaN(Kernels.exp(Float.NaN)), "NaN stays NaN");
        assertTrue(Kernels.exp(Float.NEGATIVE_INFINITY) < 1.3e-38f && Kernels.exp(Float.NEGATIVE_INFINITY) > 0,
                "-inf is clamped to a tiny positive number");
    }

    @Test
    void expShiftedGivesTheSameBitsWhereverTheVectorLoopEnds() {
        SplittableRandom r = new SplittableRandom(11);
        float[] base = new float[203];
        for (int i = 0; i < base.length; i++) {
            base[i] = (float) (r.nextGaussian() * 6);
        }
        ScalarKernels scalar = new ScalarKernels(32);
        for (int from = 0; from < 20; from += 3) {
            float[] v = base.clone();
            float[] s = base.clone();
            Kernels.get().expShifted(v, from, base.length, 4f);
            scalar.expShifted(s, from, base.length, 4f);
            assertArrayEquals(s, v, "from " + from);
        }
    }

    @Test
    void geluGivesTheScalarBits_forEveryLengthAndSign() {
        SplittableRandom r = new SplittableRandom(12);
        for (int n : new int[] {1, 7, 8, 9, 16, 31, 64, 513}) {
            float[] u = new float[n];
            float[] bias = new float[n];
            for (int i = 0; i < n; i++) {
                u[i] = (float) (r.nextGaussian() * 3);
                bias[i] = (float) (r.nextGaussian() * 0.5);
            }
            u[0] = -bias[0]; // exactly zero input
            float[] a = new float[n];
            float[] s = new float[n];
            Kernels.get().gelu(u, bias, a, n);
            new ScalarKernels(32).gelu(u, bias, s, n);
            assertArrayEquals(s, a, "n " + n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(Activations.gelu(u[i] + bias[i])), Float.floatToIntBits(a[i]),
                        "n " + n + " lane " + i);
            }
        }
    }

    @Test
    void siluGateGivesTheScalarBits_andTheSigmoidProduct_forEveryLengthAndSign() {
        SplittableRandom r = new SplittableRandom(14);
        for (int ff : new int[] {1, 7, 8, 9, 16, 31, 64, 513}) {
            float[] u = new float[2 * ff];
            for (int i = 0; i < u.length; i++) {
                u[i] = (float) (r.nextGaussian() * 4);
            }
            u[0] = 0f;
            if (ff > 2) {
                u[1] = -200f; // e^200 clamps: silu is -0 or a tiny negative, never NaN
                u[2] = 200f;
            }
            float[] a = new float[ff];
            float[] s = new float[ff];
            Kernels.get().siluGate(u, ff, a);
            new ScalarKernels(32).siluGate(u, ff, s);
            assertArrayEquals(s, a, "ff " + ff);
            for (int i = 0; i < ff; i++) {
                double x = u[i];
                double want = x / (1 + Math.exp(-x)) * u[ff + i];
                assertTrue(Float.isFinite(a[i]), "ff " + ff + " lane " + i + " = " + a[i]);
                assertEquals(want, a[i], 1e-6 * Math.max(1, Math.abs(want)), "ff " + ff + " lane " + i);
            }
        }
    }

    @Test
    void attentionKernelsGiveTheScalarBits_forEveryHeadSizeAndRange() {
        SplittableRandom r = new SplittableRandom(13);
        ScalarKernels scalar = new ScalarKernels(32);
        int ctx = 97;
        for (int hd : new int[] {8, 24, 64, 80}) {
            float[] q = new float[hd];
            float[] kt = new float[hd * ctx];
            float[] v = new float[ctx * hd];
            for (int i = 0; i < kt.length; i++) {
                kt[i] = (float) r.nextGaussian();
                v[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < hd; i++) {
                q[i] = (float) r.nextGaussian();
            }
            for (int[] range : new int[][] {{0, 1}, {0, 17}, {3, 40}, {0, ctx}}) {
                float[] a = new float[ctx];
                float[] b = new float[ctx];
                float ma = Kernels.get().scores(q, 0, kt, 0, ctx, hd, range[0], range[1], 0.125f, a);
                float mb = scalar.scores(q, 0, kt, 0, ctx, hd, range[0], range[1], 0.125f, b);
                assertArrayEquals(Arrays.copyOfRange(b, range[0], range[1]), Arrays.copyOfRange(a, range[0], range[1]),
                        "scores, head size " + hd);
                assertEquals(mb, ma);
                float[] oa = new float[hd + 2];
                float[] ob = new float[hd + 2];
                Kernels.get().weightedSum(a, range[0], range[1], v, 0, hd, oa, 1, hd);
                scalar.weightedSum(a, range[0], range[1], v, 0, hd, ob, 1, hd);
                assertArrayEquals(ob, oa, "weighted sum, head size " + hd + ", positions " + range[0] + ".." + range[1]);
                for (int k = 0; k < hd; k++) {
                    double want = 0;
                    for (int p = range[0]; p < range[1]; p++) {
                        want += a[p] * (double) v[p * hd + k];
                    }
                    assertEquals(want, oa[1 + k], 1e-4 * (1 + Math.abs(want)));
                }
                assertTrue(oa[0] == 0 && oa[hd + 1] == 0, "nothing written outside the head");
            }
        }
    }
    @Test
    void blockAttentionKernelsGiveEveryQueryTheBitsItGetsAlone() {
        SplittableRandom r = new SplittableRandom(14);
        Kernels k = Kernels.get();
        int ctx = 97;
        for (int hd : new int[] {8, 24, 32, 64, 80}) {
            float[] kt = new float[hd * ctx];
            float[] v = new float[ctx * hd];
            for (int i = 0; i < kt.length; i++) {
                kt[i] = (float) r.nextGaussian();
                v[i] = (float) r.nextGaussian();
            }
            float[][] qs = new float[9][hd];
            for (float[] q : qs) {
                for (int i = 0; i < hd; i++) {
                    q[i] = (float) r.nextGaussian();
                }
            }
            for (int m = 1; m <= 8; m++) {
                for (int[] range : new int[][] {{0, 0}, {0, 10}, {3, 40}, {5, 5}, {0, ctx - 8}}) {
                    int first = range[0];
                    int pos0 = range[1];
                    int to = pos0 + m;
                    float[][] block = new float[8][ctx];
                    k.scoresBlock(qs, 1, m, 0, kt, 0, ctx, hd, first, to, 0.125f, block);
                    for (int j = 0; j < m; j++) {
                        float[] alone = new float[ctx];
                        k.scores(qs[1 + j], 0, kt, 0, ctx, hd, first, to, 0.125f, alone);
                        String where = "head size " + hd + ", " + m + " queries, query " + j + " at " + (pos0 + j);
                        assertArrayEquals(Arrays.copyOfRange(alone, first, to), Arrays.copyOfRange(block[j], first, to),
                                "scores, " + where);
                        int own = pos0 + j + 1;
                        float max = Float.NEGATIVE_INFINITY;
                        for (int p = first; p < own; p++) {
                            max = Math.max(max, alone[p]);
                        }
                        assertEquals(max, k.max(block[j], first, own), "max, " + where);
                        float inv = 1f / k.expShifted(block[j], first, own, max);
                        float[] want = block[j].clone();
                        for (int p = first; p < own; p++) {
                            want[p] *= inv;
                        }
                        k.scale(block[j], first, own, inv);
                        assertArrayEquals(want, block[j], "scale, " + where);
                    }
                    float[][] outs = new float[9][hd + 2];
                    k.weightedSumBlock(block, m, first, pos0 + 1, v, 0, hd, outs, 1, 1, hd);
                    for (int j = 0; j < m; j++) {
                        float[] alone = new float[hd + 2];
                        k.weightedSum(block[j], first, pos0 + 1 + j, v, 0, hd, alone, 1, hd);
                        assertArrayEquals(alone, outs[1 + j], "weighted sum, head size " + hd + ", " + m
                                + " queries, query " + j);
                    }
                    assertTrue(Arrays.equals(outs[0], new float[hd + 2]), "rows before q0 untouched");
                }
            }
        }
    }
}
