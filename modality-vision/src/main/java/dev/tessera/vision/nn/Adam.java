package dev.tessera.vision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam(W) over a {@link Parameters} store, written with in-place NDArray ops. Moment arrays are
 * created up front in the store's manager (so no scope frees them), gradients are read, closed
 * and zeroed here, and the update runs outside any gradient collector.
 */
public final class Adam {
    private final Parameters params;
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
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = 1e-8;
        this.weightDecay = weightDecay;
        params.all().forEach((k, a) -> {
            m.put(k, params.zerosLike(a));
            v.put(k, params.zerosLike(a));
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
        for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
            NDArray p = e.getValue();
            try (NDScope scope = new NDScope(); NDArray g = p.getGradient()) {
                NDArray mm = m.get(e.getKey());
                NDArray vv = v.get(e.getKey());
                mm.muli(beta1).addi(g.mul(1 - beta1));
                vv.muli(beta2).addi(g.square().muli(1 - beta2));
                NDArray upd = mm.div(bc1).divi(vv.div(bc2).sqrt().addi(eps));
                if (weightDecay > 0) {
                    p.muli(1 - lr * weightDecay);
                }
                p.subi(upd.muli(lr));
                g.muli(0);
            }
        }
    }
}
