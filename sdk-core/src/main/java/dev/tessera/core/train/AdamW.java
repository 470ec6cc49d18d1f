package dev.tessera.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Tensor;
import dev.tessera.core.util.NativeArrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with decoupled weight decay on tensors of 2 or more dimensions only (matrices and
 * embeddings), as PyTorch's {@code AdamW} with two parameter groups, except that it is lazy about
 * entries whose gradient is exactly zero in a step: they are neither decayed nor moved, and their
 * moments keep their values (as TensorFlow's {@code LazyAdam}). With dense gradients this is PyTorch's
 * update. It matters for joint training, where each step is one task's batch: the embedding and head
 * rows of the other tasks' modalities and their adapters get no gradient, and a dense AdamW would
 * still shrink them by {@code lr * weightDecay} and move them along stale momentum on every such
 * step (over a 8,000-step mixture run that decays an untouched matrix to about a quarter), while a
 * single-task model of the same budget decays them only on its own steps.
 *
 * <p>Written here rather than taken from DJL because DJL's optimizers take one weight-decay value
 * per instance, keep their state where a checkpoint cannot reach it, and create it lazily inside
 * whatever scope runs the first update (see DJL-NOTES). Here the moments are created up front in
 * the optimizer's own manager, updated in place, and saved with {@link #state()}.
 */
public final class AdamW implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long t;

    /**
     * Creates the optimizer and its zero moments.
     *
     * @param params the parameters to update, by name
     * @param config betas, epsilon and weight decay
     * @param parent the manager under which the moments are kept
     */
    public AdamW(Map<String, NDArray> params, TrainingConfig config, NDManager parent) {
        this.manager = parent.newSubManager();
        this.params = new LinkedHashMap<>(params);
        this.beta1 = config.beta1();
        this.beta2 = config.beta2();
        this.eps = config.epsilon();
        this.weightDecay = config.weightDecay();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            m.put(e.getKey(), manager.zeros(e.getValue().getShape()));
            v.put(e.getKey(), manager.zeros(e.getValue().getShape()));
        }
    }

    /** @return how many updates were applied */
    public long stepCount() {
        return t;
    }

    /**
     * Applies one update from the parameters' gradients and zeroes the gradients.
     *
     * @param lr the learning rate of this step
     * @param gradScale factor applied to every gradient first (for clipping and accumulation)
     */
    public void step(double lr, double gradScale) {
        t++;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        double stepSize = lr / bc1;
        double sqrtBc2 = Math.sqrt(bc2);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray p = e.getValue();
                NDArray g = p.getGradient();
                NDArray gs = gradScale == 1.0 ? g : g.mul(gradScale);
                // 1 where this step has a gradient; entries without one (another task's head rows or adapter,
                // tokens absent from the batch) are left exactly as they are: no decay, no moment decay, no step
                NDArray touched = g.neq(0f).toType(DataType.FLOAT32, false);
                if (weightDecay > 0 && p.getShape().dimension() >= 2) {
                    p.subi(p.mul(touched).muli(lr * weightDecay));
                }
                NDArray mi = m.get(e.getKey());
                NDArray vi = v.get(e.getKey());
                mi.subi(mi.mul(touched).muli(1 - beta1)).addi(gs.mul(1 - beta1));
                vi.subi(vi.mul(touched).muli(1 - beta2)).addi(gs.square().muli(1 - beta2));
                NDArray denom = vi.sqrt().divi(sqrtBc2).addi(eps);
                p.subi(mi.div(denom).muli(touched).muli(stepSize));
                g.muli(0);
            }
        }
    }

    /**
     * Returns the optimizer state for a checkpoint: {@code m.NAME}, {@code v.NAME} and the step count.
     *
     * @return tensors by name
     */
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        m.forEach((k, a) -> s.put("m." + k, Tensor.of(a)));
        v.forEach((k, a) -> s.put("v." + k, Tensor.of(a)));
        s.put("t", Tensor.i32(new long[] {1}, new int[] {(int) t}));
        return s;
    }

    /**
     * Checks a state written by {@link #state()} against this optimizer without changing anything: every
     * moment present, float32, finite and of its parameter's shape, and a step count.
     *
     * @param tensors the saved tensors; the state's are those named {@code prefix + } a {@link #state()} key
     * @param prefix the prefix of the state's tensors (e.g. {@code optim.}, or empty)
     * @param source the file they were read from, for messages
     * @throws CorruptFileException naming the first tensor that is missing or wrong
     */
    public void check(Map<String, Tensor> tensors, String prefix, String source) throws CorruptFileException {
        StateCheck.requireLike(source, params, tensors, prefix + "m.");
        StateCheck.requireLike(source, params, tensors, prefix + "v.");
        Tensor tt = tensors.get(prefix + "t");
        if (tt == null || !"I32".equals(tt.dtype()) || tt.elementCount() != 1 || tt.ints()[0] < 0) {
            throw new CorruptFileException(source, "optimizer state lacks a valid step count '" + prefix
                    + "t' (one int32 >= 0)");
        }
    }

    /**
     * Restores a state written by {@link #state()}, after {@link #check} has passed.
     *
     * @param tensors the saved tensors, as for {@link #check}
     * @param prefix the prefix of the state's tensors
     * @param source the file they were read from, for messages
     * @throws CorruptFileException if the state does not pass {@link #check} (nothing is changed then)
     */
    public void load(Map<String, Tensor> tensors, String prefix, String source) throws CorruptFileException {
        check(tensors, prefix, source);
        for (String k : params.keySet()) {
            NativeArrays.copyInto(m.get(k), tensors.get(prefix + "m." + k).floats());
            NativeArrays.copyInto(v.get(k), tensors.get(prefix + "v." + k).floats());
        }
        t = tensors.get(prefix + "t").ints()[0];
    }

    @Override
    public void close() {
        manager.close();
    }
}
