package dev.tessera.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {
    private static final double LR = 0.1;
    private static final double WD = 0.5;
    private static final double B1 = 0.9;
    private static final double B2 = 0.99;
    private static final double EPS = 1e-8;

    private static TrainingConfig config() {
        return new TrainingConfig(10, LR, LR, 0, WD, B1, B2, EPS, 0, 1, 0, 0, 1);
    }

    /** Sets the gradient of {@code p} to {@code g} (the gradient of {@code sum(p * g)}). */
    private static void gradient(NDManager m, NDArray p, float[] g) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.mul(m.create(g, p.getShape())).sum());
        }
    }

    /** One PyTorch AdamW update of a scalar entry; returns {p, m, v}. */
    private static double[] reference(double p, double m, double v, double g, int t) {
        p *= 1 - LR * WD;
        m = B1 * m + (1 - B1) * g;
        v = B2 * v + (1 - B2) * g * g;
        double mh = m / (1 - Math.pow(B1, t));
        double vh = v / (1 - Math.pow(B2, t));
        return new double[] {p - LR * mh / (Math.sqrt(vh) + EPS), m, v};
    }

    @Test
    void denseGradients_followPyTorchsAdamW_andUntouchedEntriesStayExactlyPut() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] init = {1.0f, -2.0f, 0.5f, 3.0f};
            NDArray p = m.create(init, new Shape(2, 2));
            p.setRequiresGradient(true);
            try (AdamW opt = new AdamW(Map.of("w", p), config(), m)) {
                // step 1: every entry has a gradient; step 2: entries 2 and 3 have none
                float[][] grads = {{0.3f, -0.2f, 0.1f, 0.4f}, {0.5f, 0.25f, 0f, 0f}};
                double[][] state = new double[4][];
                for (int i = 0; i < 4; i++) {
                    state[i] = new double[] {init[i], 0, 0};
                }
                for (int t = 1; t <= 2; t++) {
                    gradient(m, p, grads[t - 1]);
                    opt.step(LR, 1.0);
                    for (int i = 0; i < 4; i++) {
                        if (grads[t - 1][i] != 0f) {
                            state[i] = reference(state[i][0], state[i][1], state[i][2], grads[t - 1][i], t);
                        }
                    }
                }
                float[] got = p.toFloatArray();
                for (int i = 0; i < 4; i++) {
                    assertEquals(state[i][0], got[i], 1e-5, "entry " + i);
                }
                // the entries without a gradient in step 2 kept their step-1 values: dense AdamW would have
                // decayed them by lr * wd = 5% and moved them along their momentum
                assertEquals(reference(init[2], 0, 0, 0.1, 1)[0], got[2], 1e-6);
                assertEquals(reference(init[3], 0, 0, 0.4, 1)[0], got[3], 1e-6);
            }
        }
    }
}
