package dev.tessera.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The split product: equal to the one-thread product bit for bit, and finished when it returns — no pool
 * thread may still be writing into the outputs, which the caller goes on to change (a bias, the next layer).
 * An earlier version "cancelled" parts a pool thread was already running (a {@code FutureTask} stays cancellable
 * while it runs), recomputed them and returned without waiting, so the late thread overwrote biased outputs
 * with unbiased ones and seeded generations changed from run to run.
 */
class ParallelMatVecTest {
    private static final int ROWS = 8 * Linear.PANEL;
    private static final int COLS = 256;

    @Test
    void noThreadWritesTheOutputsAfterTheCallReturns() {
        SplittableRandom r = new SplittableRandom(5);
        float[] w = new float[ROWS * COLS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        Linear m = Linear.f32(ROWS, COLS, w);
        float[][] x = new float[1][COLS];
        for (int i = 0; i < COLS; i++) {
            x[0][i] = (float) r.nextGaussian();
        }
        float[][] alone = new float[1][ROWS];
        m.multiplyPanels(0, m.panels(), x, 1, alone);
        float[][] y = new float[1][ROWS];
        int late = 0;
        for (int round = 0; round < 3000; round++) {
            ParallelMatVec.multiply(m, x, 1, y);
            assertArrayEquals(alone[0], y[0], "round " + round + ": the split product equals the one-thread one");
            Arrays.fill(y[0], -1f); // what the caller does next with its buffer
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            for (float v : y[0]) {
                late += v == -1f ? 0 : 1;
            }
        }
        assertEquals(0, late, "outputs written after multiply returned");
    }
}
