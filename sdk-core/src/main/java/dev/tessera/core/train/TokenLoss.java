package dev.tessera.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.util.NativeArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Next-token cross-entropy through the per-modality heads: each position's target is scored by a
 * softmax over the ids of the head that owns it (the modality's range plus its END, or the control
 * head's BEGIN/EOS ids). A plain layout has one head over the whole vocabulary.
 *
 * <p>Only the positions with a non-zero weight are projected, and each only onto its own head's rows
 * ({@link DecoderModel#logits(NDArray, NDArray)}): a caption position costs 257 columns rather than
 * the whole mixture's vocabulary, and prompt or padding positions cost nothing. The result equals a
 * full-vocabulary softmax with the other heads' logits masked to minus infinity.
 */
public final class TokenLoss implements AutoCloseable {
    private final VocabularyLayout layout;
    private final NDManager manager;
    /** Per head, its global ids (int32, on the model's device). */
    private final NDArray[] headRows;
    /** Per global id, its column in its head's rows (-1 for BOS). */
    private final int[] columnInHead;

    /**
     * Creates the loss for a layout.
     *
     * @param layout the vocabulary layout
     * @param parent the manager under which the heads' id lists are kept
     */
    public TokenLoss(VocabularyLayout layout, NDManager parent) {
        this.layout = layout;
        this.manager = parent.newSubManager();
        this.headRows = new NDArray[layout.headCount()];
        this.columnInHead = new int[layout.size()];
        Arrays.fill(columnInHead, -1);
        for (int h = 0; h < layout.headCount(); h++) {
            int[] ids = layout.headIds(h);
            for (int j = 0; j < ids.length; j++) {
                columnInHead[ids[j]] = j;
            }
            headRows[h] = NativeArrays.ints(manager, ids, new Shape(ids.length));
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
        return weightedMean(model, model.forward(ids, null), f, scope);
    }

    /**
     * Returns the weighted mean cross-entropy of a batch from hidden states the caller computed, for
     * sequences whose inputs are not only token ids (e.g. series patches read through an adapter, see
     * {@code dev.tessera.core.task.CustomLossTask}): {@code hidden[b, t]} predicts {@code targets[b][t]}.
     * The batch's inputs are only checked to be known ids.
     *
     * @param model the model (its heads project the hidden states)
     * @param hidden {@code (batch, time, dModel)}, matching the batch's shape
     * @param batch inputs, targets and weights
     * @param scope the manager for the batch's arrays
     * @return a scalar loss (nats per weighted token)
     * @throws IllegalArgumentException if the shapes differ, or as {@link #loss(DecoderModel, TokenBatch, NDManager)}
     */
    public NDArray loss(DecoderModel model, NDArray hidden, TokenBatch batch, NDManager scope) {
        Shape s = hidden.getShape();
        if (s.dimension() != 3 || s.get(0) != batch.batchSize() || s.get(1) != batch.length()) {
            throw new IllegalArgumentException("hidden states " + s + " do not match the batch (" + batch.batchSize()
                    + ", " + batch.length() + ")");
        }
        Flat f = flatten(batch);
        if (!(f.weightSum() > 0)) {
            throw new IllegalArgumentException("batch has no position with a positive loss weight");
        }
        return weightedMean(model, hidden, f, scope);
    }

    private NDArray weightedMean(DecoderModel model, NDArray hidden, Flat f, NDManager scope) {
        NDArray total = null;
        for (HeadPart part : weightedLogProbs(model, hidden, f, scope)) {
            NDArray sum = part.weighted().sum();
            total = total == null ? sum : total.add(sum);
        }
        return total.neg().div(NativeArrays.scalar(total.getManager(), (float) f.weightSum()));
    }

    /** A batch flattened row-major: per position its input, and for weighted positions its target's head. */
    private record Flat(int batch, int time, int[] inputs, int[] targets, int[] heads, float[] weights,
            double weightSum) { }

    private Flat flatten(TokenBatch batch) {
        int b = batch.batchSize();
        int t = batch.length();
        int[] in = new int[b * t];
        int[] tg = new int[b * t];
        int[] heads = new int[b * t];
        float[] w = new float[b * t];
        double wsum = 0;
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
                if (h < 0 && w[k] != 0f) {
                    throw new IllegalArgumentException("target BOS at row " + i + " position " + j
                            + " has weight " + w[k] + "; BOS is never predicted");
                }
                heads[k] = h;
            }
        }
        return new Flat(b, t, in, tg, heads, w, wsum);
    }

    /**
     * The weighted positions of one head.
     *
     * @param positions flat indices (row * time + position)
     * @param weighted each position's weight times the log-probability of its target, {@code (n)}
     */
    private record HeadPart(int[] positions, NDArray weighted) { }

    /** For each head with weighted positions: their log-probabilities under that head's softmax, times their weights. */
    private List<HeadPart> weightedLogProbs(DecoderModel model, NDArray hidden, Flat f, NDManager scope) {
        int n = f.batch() * f.time();
        NDArray flat = hidden.reshape(n, hidden.getShape().get(2));
        int[] count = new int[headRows.length];
        for (int k = 0; k < n; k++) {
            if (f.weights()[k] != 0f) {
                count[f.heads()[k]]++;
            }
        }
        List<HeadPart> parts = new ArrayList<>();
        for (int h = 0; h < headRows.length; h++) {
            if (count[h] == 0) {
                continue;
            }
            int[] pos = new int[count[h]];
            int[] col = new int[count[h]];
            float[] w = new float[count[h]];
            int m = 0;
            for (int k = 0; k < n; k++) {
                if (f.weights()[k] != 0f && f.heads()[k] == h) {
                    pos[m] = k;
                    col[m] = columnInHead[f.targets()[k]];
                    w[m] = f.weights()[k];
                    m++;
                }
            }
            NDArray at = NativeArrays.ints(scope, pos, new Shape(m));
            NDArray x = at.getNDArrayInternal().embedding(at, flat, SparseFormat.DENSE).singletonOrThrow();
            NDArray logp = model.logits(x, headRows[h]).logSoftmax(-1);
            NDArray tgt = NativeArrays.ints(scope, col, new Shape(m, 1)).toType(DataType.INT64, false);
            NDArray picked = logp.gather(tgt, 1).reshape(m);
            parts.add(new HeadPart(pos, picked.mul(NativeArrays.floats(scope, w, new Shape(m)))));
        }
        return parts;
    }

    /**
     * Scores each row of a batch: the weighted sum of the log-probabilities of its targets (each
     * under its own head's softmax, as in training). With weights 1 on an answer and 0 elsewhere this
     * is {@code log p(answer | prompt)}, the quantity to rank candidate answers by.
     *
     * @param model the model (no gradient is recorded)
     * @param batch inputs, targets and weights
     * @param scope the manager for the batch's arrays
     * @return one log-likelihood per row (nats, at most 0; 0 for a row without weighted positions)
     * @throws IllegalArgumentException if an id is unknown or a weighted target is BOS
     */
    public double[] rowLogLikelihoods(DecoderModel model, TokenBatch batch, NDManager scope) {
        Flat f = flatten(batch);
        double[] out = new double[f.batch()];
        try (NDManager s = scope.newSubManager()) {
            NDArray ids = NativeArrays.ints(s, f.inputs(), new Shape(f.batch(), f.time()));
            NDArray hidden = model.forward(ids, null);
            for (HeadPart part : weightedLogProbs(model, hidden, f, s)) {
                float[] v = part.weighted().toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    out[part.positions()[i] / f.time()] += v[i];
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
