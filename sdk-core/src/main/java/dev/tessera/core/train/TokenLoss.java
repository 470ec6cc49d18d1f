package dev.tessera.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.util.NativeArrays;

/**
 * Next-token cross-entropy through the per-modality heads: at each position the logits are
 * restricted to the ids of the head that owns the target (the modality's range plus its END, or
 * the control head's BEGIN/EOS ids) before the softmax, so each head is a softmax over its own
 * vocabulary. A plain layout has one head and no restriction.
 */
public final class TokenLoss implements AutoCloseable {
    private final VocabularyLayout layout;
    private final NDManager manager;
    private final NDArray headMasks;

    /**
     * Creates the loss for a layout.
     *
     * @param layout the vocabulary layout
     * @param parent the manager under which the head masks are kept
     */
    public TokenLoss(VocabularyLayout layout, NDManager parent) {
        this.layout = layout;
        this.manager = parent.newSubManager();
        if (layout.headCount() > 1) {
            int v = layout.size();
            float[] m = new float[layout.headCount() * v];
            java.util.Arrays.fill(m, Float.NEGATIVE_INFINITY);
            for (int h = 0; h < layout.headCount(); h++) {
                for (int id : layout.headIds(h)) {
                    m[h * v + id] = 0f;
                }
            }
            this.headMasks = NativeArrays.floats(manager, m, new Shape(layout.headCount(), v));
        } else {
            this.headMasks = null;
        }
    }

    /**
     * Returns the weighted mean cross-entropy of a batch.
     *
     * @param model the model
     * @param batch inputs, targets and weights
     * @param scope the manager for the batch's arrays
     * @return a scalar loss (nats per weighted token)
     * @throws IllegalArgumentException if the batch has no weighted position or an unknown id
     */
    public NDArray loss(DecoderModel model, TokenBatch batch, NDManager scope) {
        Flat f = flatten(batch);
        if (!(f.weightSum() > 0)) {
            throw new IllegalArgumentException("batch has no position with a positive loss weight");
        }
        NDArray ids = NativeArrays.ints(scope, f.inputs(), new Shape(batch.batchSize(), batch.length()));
        NDArray logits = model.logits(model.forward(ids, null));
        return fromLogits(logits, f.targets(), f.heads(), f.weights(), f.weightSum(), scope);
    }

    /** A batch flattened row-major, each target with its head (BOS targets, weight 0, moved to head 0). */
    private record Flat(int[] inputs, int[] targets, int[] heads, float[] weights, double weightSum) { }

    private Flat flatten(TokenBatch batch) {
        int b = batch.batchSize();
        int t = batch.length();
        int[] in = new int[b * t];
        int[] tg = new int[b * t];
        int[] heads = new int[b * t];
        float[] w = new float[b * t];
        double wsum = 0;
        int firstIdOfHead0 = layout.headIds(0)[0];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                int k = i * t + j;
                in[k] = batch.inputs()[i][j];
                tg[k] = batch.targets()[i][j];
                layout.checkId(in[k], j);
                layout.checkId(tg[k], j);
                w[k] = batch.weights()[i][j];
                wsum += w[k];
                int h = layout.headOf(tg[k]);
                if (h < 0) {
                    // BOS is never predicted: only allowed with weight 0, scored against any head's first id
                    if (w[k] != 0f) {
                        throw new IllegalArgumentException("target BOS at row " + i + " position " + j
                                + " has weight " + w[k] + "; BOS is never predicted");
                    }
                    h = 0;
                    tg[k] = firstIdOfHead0;
                }
                heads[k] = h;
            }
        }
        return new Flat(in, tg, heads, w, wsum);
    }

    /**
     * Scores each row of a batch: the weighted sum of the log-probabilities of its targets (each
     * under its own head's softmax, as in training). With weights 1 on an answer and 0 elsewhere this
     * is {@code log p(answer | prompt)}, the quantity to rank candidate answers by.
     *
     * @param model the model (no gradient is recorded)
     * @param batch inputs, targets and weights
     * @param scope the manager for the batch's arrays
     * @return one log-likelihood per row (nats, at most 0)
     * @throws IllegalArgumentException if an id is unknown or a weighted target is BOS
     */
    public double[] rowLogLikelihoods(DecoderModel model, TokenBatch batch, NDManager scope) {
        Flat f = flatten(batch);
        try (NDManager s = scope.newSubManager()) {
            NDArray ids = NativeArrays.ints(s, f.inputs(), new Shape(batch.batchSize(), batch.length()));
            NDArray logits = model.logits(model.forward(ids, null));
            float[] rows = weightedLogProbs(logits, f.targets(), f.heads(), f.weights(), s).sum(new int[] {1})
                    .toFloatArray();
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = rows[i];
            }
            return out;
        }
    }

    /**
     * Returns the weighted mean cross-entropy of given logits.
     *
     * @param logits {@code (batch, time, vocab)}
     * @param targets flattened target ids
     * @param heads flattened head index of each position
     * @param weights flattened weights
     * @param weightSum sum of the weights
     * @param scope the manager for temporaries
     * @return a scalar loss
     */
    NDArray fromLogits(NDArray logits, int[] targets, int[] heads, float[] weights, double weightSum, NDManager scope) {
        return weightedLogProbs(logits, targets, heads, weights, scope).sum().neg().div((float) weightSum);
    }

    /** Each position's log-probability of its target under its head's softmax, times its weight: (batch, time). */
    private NDArray weightedLogProbs(NDArray logits, int[] targets, int[] heads, float[] weights, NDManager scope) {
        Shape s = logits.getShape();
        if (headMasks != null) {
            NDArray hIdx = NativeArrays.ints(scope, heads, new Shape(s.get(0), s.get(1)));
            NDArray mask = hIdx.getNDArrayInternal().embedding(hIdx, headMasks, SparseFormat.DENSE).singletonOrThrow();
            logits = logits.add(mask);
        }
        NDArray logp = logits.logSoftmax(-1);
        NDArray tgt = NativeArrays.ints(scope, targets, new Shape(s.get(0), s.get(1), 1)).toType(DataType.INT64, false);
        NDArray picked = logp.gather(tgt, 2).reshape(s.get(0), s.get(1));
        return picked.mul(NativeArrays.floats(scope, weights, new Shape(s.get(0), s.get(1))));
    }

    @Override
    public void close() {
        manager.close();
    }
}
