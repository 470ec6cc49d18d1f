package dev.tessera.timeseries.forecast;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A minimal training loop for the patch forecaster: AdamW (weight decay on matrices only),
 * linear warm-up over the first 5% of steps then cosine decay to a tenth of the peak, global
 * gradient-norm clipping at 1.0, one {@link NDScope} per step.
 *
 * <p>Written in this module because the installed sdk-core had no {@code TrainingLoop} yet when
 * this was built; it follows the DJL notes (moments created up front outside any step scope,
 * gradients zeroed by hand, global-norm clipping written out).
 */
final class SimpleTrainingLoop implements AutoCloseable {
    private final Map<String, NDArray> params;
    private final NDManager stateManager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final int steps;
    private final double lr;
    private final double weightDecay;
    private long t;
    private int skipped;
    /** The most updates skipped for a non-finite gradient norm before the run fails. */
    static final int MAX_SKIPPED = 50;

    /** Progress of one step. */
    interface Listener {
        void onStep(long step, int steps, double loss, double seconds);
    }

    SimpleTrainingLoop(Map<String, NDArray> params, NDManager parent, int steps, double lr, double weightDecay) {
        this.params = new LinkedHashMap<>(params);
        this.stateManager = parent.newSubManager();
        this.steps = steps;
        this.lr = lr;
        this.weightDecay = weightDecay;
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            if (!e.getValue().hasGradient()) {
                e.getValue().setRequiresGradient(true);
            }
            m.put(e.getKey(), stateManager.zeros(e.getValue().getShape()));
            v.put(e.getKey(), stateManager.zeros(e.getValue().getShape()));
        }
    }

    double learningRate(long step) {
        long warm = Math.max(1, steps / 20);
        if (step < warm) {
            return lr * (step + 1) / warm;
        }
        double progress = (double) (step - warm) / Math.max(1, steps - warm);
        double min = lr / 10;
        return min + 0.5 * (lr - min) * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    }

    /**
     * Runs every step.
     *
     * @param loss computes the scalar loss of a step (inside the step's scope)
     * @param listener progress, or {@code null}
     * @return the mean loss of the last 50 steps
     */
    double run(LongFunction<NDArray> loss, Listener listener) {
        long t0 = System.nanoTime();
        double[] recent = new double[Math.min(50, steps)];
        for (long step = 0; step < steps; step++) {
            double lv;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = loss.apply(step);
                    lv = l.getFloat();
                    if (!Double.isFinite(lv)) {
                        throw new IllegalStateException("training diverged at step " + step + ": loss is " + lv);
                    }
                    gc.backward(l);
                }
                NDList squares = new NDList();
                for (NDArray p : params.values()) {
                    squares.add(p.getGradient().square().sum());
                }
                double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
                if (!Double.isFinite(norm)) {
                    // an overflowing gradient (a rare extreme window): skip the update, as mixed-precision
                    // trainers do, and give up only if it keeps happening
                    skipped++;
                    if (skipped > MAX_SKIPPED) {
                        throw new IllegalStateException("training diverged at step " + step + ": gradient norm "
                                + norm + " (loss " + lv + ") for the " + skipped + "th time");
                    }
                    for (NDArray p : params.values()) {
                        p.getGradient().muli(0);
                    }
                    recent[(int) (step % recent.length)] = lv;
                    continue;
                }
                double scale = norm > 1.0 ? 1.0 / (norm + 1e-6) : 1.0;
                update(learningRate(step), scale);
            }
            recent[(int) (step % recent.length)] = lv;
            if (listener != null) {
                listener.onStep(step, steps, lv, (System.nanoTime() - t0) / 1e9);
            }
        }
        double s = 0;
        int k = (int) Math.min(recent.length, steps);
        for (int i = 0; i < k; i++) {
            s += recent[i];
        }
        return s / k;
    }

    private void update(double rate, double gradScale) {
        t++;
        double beta1 = 0.9;
        double beta2 = 0.99;
        double bc1 = 1 - Math.pow(beta1, t);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t));
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            NDArray g = p.getGradient();
            NDArray gs = gradScale == 1.0 ? g : g.mul(gradScale);
            if (weightDecay > 0 && p.getShape().dimension() >= 2) {
                p.muli(1 - rate * weightDecay);
            }
            NDArray mi = m.get(e.getKey());
            NDArray vi = v.get(e.getKey());
            mi.muli(beta1).addi(gs.mul(1 - beta1));
            vi.muli(beta2).addi(gs.square().muli(1 - beta2));
            NDArray denom = vi.sqrt().divi(sqrtBc2).addi(1e-8);
            p.subi(mi.div(denom).muli(rate / bc1));
            g.muli(0);
        }
    }

    /** @return how many updates were skipped because the gradient norm was not finite */
    int skipped() {
        return skipped;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
