package dev.tessera.core.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.util.NativeArrays;
import java.util.Arrays;

/**
 * Generation without a KV cache: every step runs the full causal forward pass over the last
 * {@code contextLength} tokens (as nanoGPT's {@code generate}). The naive reference the cached
 * engines are checked and benchmarked against. Rows must not be padded.
 *
 * <p>Thread safety: as {@link DjlDecodeEngine}: a session is used by one thread at a time.
 */
public final class RecomputeDecodeEngine extends ModelDecodeEngine {

    /**
     * Wraps a model.
     *
     * @param model the model
     */
    public RecomputeDecodeEngine(DecoderModel model) {
        super(model);
    }

    @Override
    public String name() {
        return "recompute";
    }

    @Override
    public Session open(int batch) {
        return new Session() {
            private int[][] seqs = new int[batch][0];

            @Override
            public float[][] prefill(int[][] ids, int[] pads) {
                for (int p : pads) {
                    if (p != 0) {
                        throw new IllegalArgumentException("the recompute engine takes prompts of one length (no padding)");
                    }
                }
                seqs = new int[batch][];
                for (int b = 0; b < batch; b++) {
                    seqs[b] = ids[b].clone();
                }
                return run();
            }

            @Override
            public float[][] decode(int[] ids) {
                for (int b = 0; b < batch; b++) {
                    int[] s = Arrays.copyOf(seqs[b], seqs[b].length + 1);
                    s[s.length - 1] = ids[b];
                    int ctx = contextLength();
                    seqs[b] = s.length > ctx ? Arrays.copyOfRange(s, s.length - ctx, s.length) : s;
                }
                return run();
            }

            private float[][] run() {
                int t = seqs[0].length;
                int[] flat = new int[batch * t];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(seqs[b], 0, flat, b * t, t);
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = NativeArrays.ints(model.manager(), flat, new Shape(batch, t));
                    NDArray h = model.forward(x, null).get(new NDIndex(":, -1:, :"));
                    return DjlDecodeEngine.rows(model.logits(h).toFloatArray(), batch);
                }
            }

            @Override
            public int position() {
                // the window is cropped, so the context never fills
                return Math.min(seqs[0].length, contextLength() - 1);
            }

            @Override
            public void close() {
                seqs = null;
            }
        };
    }
}
