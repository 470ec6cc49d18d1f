package dev.tessera.timeseries.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.util.NativeArrays;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What a patch modality adds to a backbone: an input adapter (a residual MLP from a patch's 2P
 * features, see {@link dev.tessera.timeseries.tokenize.PatchTokenizer}, to the model width) and a
 * quantile head (a residual MLP from a hidden state to the next O values at each of Q levels). Their
 * parameters, {@code <prefix>.adapter.*} and {@code <prefix>.head.*}, are registered in the backbone,
 * so they train, save and load with it. Used by the standalone {@link PatchForecastModel} and by the
 * joint model's series forecasting task.
 */
public final class PatchLayers {
    private final String prefix;
    private final int patchLength;
    private final int outputLength;
    private final double[] levels;

    /**
     * Describes the layers.
     *
     * @param prefix the parameter name prefix (e.g. {@code series})
     * @param patchLength values per patch P
     * @param outputLength values predicted O
     * @param levels quantile levels, increasing within (0, 1)
     */
    public PatchLayers(String prefix, int patchLength, int outputLength, double[] levels) {
        if (patchLength < 1 || outputLength < 1 || levels.length == 0) {
            throw new IllegalArgumentException("patchLength (" + patchLength + "), outputLength (" + outputLength
                    + ") and the number of levels (" + levels.length + ") must be positive");
        }
        this.prefix = prefix;
        this.patchLength = patchLength;
        this.outputLength = outputLength;
        this.levels = levels.clone();
    }

    /** @return the quantile levels */
    public double[] levels() {
        return levels.clone();
    }

    /** @return values predicted per forecast O */
    public int outputLength() {
        return outputLength;
    }

    /**
     * Registers the adapter and head in a backbone (parameters it already has keep their values).
     *
     * @param b the backbone
     * @param seed the initialisation seed
     */
    public void addTo(DecoderModel b, long seed) {
        register(b, seed, true);
    }

    /**
     * Registers only the quantile head, {@code <prefix>.head.*}: a second output that reads hidden states of
     * a backbone whose patches another {@code PatchLayers}' adapter embeds. Its initial values are those
     * {@link #addTo} gives the head with the same seed.
     *
     * @param b the backbone
     * @param seed the initialisation seed
     */
    public void addHeadTo(DecoderModel b, long seed) {
        register(b, seed, false);
    }

    private void register(DecoderModel b, long seed, boolean withAdapter) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5eed5L);
        int f = 2 * patchLength;
        int d = b.config().dModel();
        int out = outputLength * levels.length;
        try (NDManager tmp = NDManager.newBaseManager(b.manager().getDevice())) {
            // the adapter's values are drawn either way, so the head's do not depend on withAdapter
            add(b, tmp, "adapter.w1", new Shape(d, f), 1.0 / Math.sqrt(f), rng, withAdapter);
            add(b, tmp, "adapter.b1", new Shape(d), 0, rng, withAdapter);
            add(b, tmp, "adapter.w2", new Shape(d, d), 1.0 / Math.sqrt(d), rng, withAdapter);
            add(b, tmp, "adapter.b2", new Shape(d), 0, rng, withAdapter);
            add(b, tmp, "adapter.skip", new Shape(d, f), 1.0 / Math.sqrt(f), rng, withAdapter);
            add(b, tmp, "head.w1", new Shape(d, d), 1.0 / Math.sqrt(d), rng, true);
            add(b, tmp, "head.b1", new Shape(d), 0, rng, true);
            add(b, tmp, "head.w2", new Shape(out, d), 0.02, rng, true);
            add(b, tmp, "head.b2", new Shape(out), 0, rng, true);
            add(b, tmp, "head.skip", new Shape(out, d), 0.02, rng, true);
        }
    }

    private void add(DecoderModel b, NDManager tmp, String name, Shape shape, double std, SplittableRandom rng,
            boolean register) {
        // draw even when the parameter exists or is not registered, so the others get the same values either way
        float[] data = new float[(int) shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rng.nextGaussian() * std);
        }
        if (register) {
            b.parameterOrAdd(prefix + "." + name, () -> NativeArrays.floats(tmp, data, shape));
        }
    }

    /**
     * Projects patch features to the model width.
     *
     * @param b the backbone holding the parameters
     * @param features {@code (..., 2P)}
     * @return {@code (..., dModel)}
     */
    public NDArray adapt(DecoderModel b, NDArray features) {
        NDArray h = silu(linear(features, p(b, "adapter.w1"), p(b, "adapter.b1")));
        return linear(h, p(b, "adapter.w2"), p(b, "adapter.b2")).add(linear(features, p(b, "adapter.skip"), null));
    }

    /**
     * Reads quantile forecasts off hidden states.
     *
     * @param b the backbone holding the parameters
     * @param hidden {@code (B, dModel)}
     * @return {@code (B, O, Q)} normalised quantiles
     */
    public NDArray predict(DecoderModel b, NDArray hidden) {
        NDArray a = silu(linear(hidden, p(b, "head.w1"), p(b, "head.b1")));
        NDArray out = linear(a, p(b, "head.w2"), p(b, "head.b2")).add(linear(hidden, p(b, "head.skip"), null));
        return out.reshape(hidden.getShape().get(0), outputLength, levels.length);
    }

    /**
     * The mean pinball loss over quantile levels and observed target steps.
     *
     * @param predicted {@code (B, O, Q)} normalised quantiles
     * @param target {@code (B, O)} normalised targets
     * @param mask {@code (B, O)} 1 where the target is observed
     * @return a scalar
     */
    public NDArray pinballLoss(NDArray predicted, NDArray target, NDArray mask) {
        NDManager m = predicted.getManager();
        float[] l = new float[levels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) levels[i];
        }
        NDArray tau = NativeArrays.floats(m, l, new Shape(1, 1, l.length));
        NDArray diff = target.expandDims(2).sub(predicted);
        NDArray loss = NDArrays.maximum(diff.mul(tau), diff.mul(tau.sub(1f)));
        NDArray mk = mask.expandDims(2);
        return loss.mul(mk).sum().div(mk.sum().mul((float) l.length).add(1e-9f));
    }

    /**
     * SiLU as {@code x * sigmoid(x)} with the engine's stable sigmoid ({@code Activation.swish}
     * gave NaN gradients for large negative inputs in a test here).
     */
    private static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    private NDArray p(DecoderModel b, String name) {
        return b.parameter(prefix + "." + name);
    }

    private static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }

    @Override
    public String toString() {
        return "PatchLayers[" + prefix + ", P=" + patchLength + ", O=" + outputLength + ", levels="
                + Arrays.toString(levels) + "]";
    }
}
