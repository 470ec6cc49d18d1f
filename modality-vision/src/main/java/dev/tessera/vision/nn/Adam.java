package dev.tessera.vision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam(W) over named arrays with the engine's fused Adam kernel (one native call per array; the
 * step size carries the bias correction {@code lr * sqrt(1 - beta2^t) / (1 - beta1^t)}). Moment
 * arrays are created up front in a long-lived manager (so no scope frees them), gradients are read,
 * closed and zeroed here, and the update runs outside any gradient collector.
 */
public final class Adam {
    private final Map<String, NDArray> params;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long step;

    /**
     * Creates the optimizer.
     *
     * @param params the parameters to update
     * @param beta1 first-moment decay (e.g. 0.9)
     * @param beta2 second-moment decay (e.g. 0.999)
     * @param weightDecay decoupled weight decay (0 for plain Adam)
     */
    public Adam(Parameters params, double beta1, double beta2, double weightDecay) {
        this(params.all(), params.manager(), beta1, beta2, weightDecay);
    }

    /**
     * Creates the optimizer over arbitrary named arrays (their gradients must be attached).
     *
     * @param params the arrays to update
     * @param stateManager owner of the moment arrays (must outlive the optimizer)
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param weightDecay decoupled weight decay applied to arrays of rank >= 2 only
     */
    public Adam(Map<String, NDArray> params, ai.djl.ndarray.NDManager stateManager, double beta1, double beta2,
            double weightDecay) {
        this.params = new LinkedHashMap<>(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = 1e-8;
        this.weightDecay = weightDecay;
        this.params.forEach((k, a) -> {
            m.put(k, stateManager.zeros(a.getShape(), ai.djl.ndarray.types.DataType.FLOAT32));
            v.put(k, stateManager.zeros(a.getShape(), ai.djl.ndarray.types.DataType.FLOAT32));
        });
    }

    /**
     * Applies one update with the gradients currently attached to the parameters, then zeroes them.
     *
     * @param lr the learning rate
     */
    public void step(double lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float corrected = (float) (lr * Math.sqrt(bc2) / bc1);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            try (NDArray g = p.getGradient()) {
                float wd = p.getShape().dimension() >= 2 ? (float) weightDecay : 0f;
                // one fused native update per array: m, v and p in place (DJL's Adam uses the same kernel)
                p.getNDArrayInternal().adamUpdate(new NDList(p, g, m.get(e.getKey()), v.get(e.getKey())), new NDList(p),
                        (float) lr, corrected, wd, 1f, -1f, (float) beta1, (float) beta2, (float) eps, true, wd > 0);
                g.muli(0);
            }
        }
    }
}
