package dev.tessera.core.task;

import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.TokenBatch;
import java.util.Arrays;
import java.util.List;

/**
 * One training sequence of a {@link Task}: global token ids (in the shared layout) and, per next-token
 * target, a loss weight. {@code weights[t]} weighs the prediction of {@code ids[t + 1]} from
 * {@code ids[0..t]}; 0 leaves a position out of the loss (e.g. the prompt).
 *
 * @param ids global ids, at least two
 * @param weights one weight per target, {@code ids.length - 1} of them, each finite and {@code >= 0}
 */
public record TaskExample(int[] ids, float[] weights) {

    /** Checks the lengths and the weights. */
    public TaskExample {
        if (ids.length < 2) {
            throw new IllegalArgumentException("an example needs at least 2 ids, got " + ids.length);
        }
        if (weights.length != ids.length - 1) {
            throw new IllegalArgumentException("weights must have ids.length - 1 = " + (ids.length - 1)
                    + " entries, got " + weights.length);
        }
        for (int t = 0; t < weights.length; t++) {
            if (!(weights[t] >= 0) || Float.isInfinite(weights[t])) {
                throw new IllegalArgumentException("weight " + t + " is " + weights[t] + "; weights must be finite and >= 0");
            }
        }
    }

    /**
     * An example whose loss counts from target index {@code lossFrom} on (weight 1), earlier targets 0.
     *
     * @param ids global ids
     * @param lossFrom first target index in the loss (the target {@code ids[lossFrom + 1]})
     * @return the example
     */
    public static TaskExample lossFrom(int[] ids, int lossFrom) {
        float[] w = new float[ids.length - 1];
        Arrays.fill(w, Math.max(0, Math.min(lossFrom, w.length)), w.length, 1f);
        return new TaskExample(ids, w);
    }

    /**
     * The example of an answer to a prompt, framed once: the sequence's segments are the prompt and, last, the
     * answer, {@code BOS, BEGIN:p, ..., END:p, BEGIN:a, answer, END:a, EOS}; the loss is on the targets after
     * {@code BEGIN:a} (the answer's ids, its {@code END} and {@code EOS}), the prompt's weight 0.
     *
     * <pre>{@code
     * // given: VocabularyLayout layout, int[] captionBytes, int[] masks
     * TaskExample e = TaskExample.answer(layout, TokenSequence.of(
     *         new Segment("text", captionBytes), new Segment("shape", masks)));  // loss on the shape
     * }</pre>
     *
     * @param layout a framed layout
     * @param sequence the prompt's segments followed by the answer's
     * @return the example
     * @throws IllegalArgumentException if the layout is not framed or the sequence has no segment
     * @throws dev.tessera.core.token.UnknownTokenException if a local id is outside its modality's vocabulary
     */
    public static TaskExample answer(VocabularyLayout layout, TokenSequence sequence) {
        List<Segment> segments = sequence.segments();
        if (!layout.framed() || segments.isEmpty()) {
            throw new IllegalArgumentException("an answer example needs a framed layout and at least one segment, got "
                    + (layout.framed() ? "no segment" : "a plain layout"));
        }
        int[] ids = sequence.toGlobalIds(layout, true);
        // the answer's ids, END:a and EOS close the sequence; the first weighted target is the answer's first id
        int tail = segments.get(segments.size() - 1).length() + 2;
        return lossFrom(ids, ids.length - tail - 1);
    }

    /** @return the number of ids */
    public int length() {
        return ids.length;
    }

    /**
     * A next-token batch of examples: each padded at its end to the longest with a zero-weight id, its loss
     * weights multiplied by {@code scale}.
     *
     * @param examples the examples
     * @param scale factor on every loss weight (a task's loss weight in a mixture)
     * @param padding the id of padding inputs and targets (e.g. EOS)
     * @return the batch
     */
    public static TokenBatch batch(List<TaskExample> examples, double scale, int padding) {
        int len = 0;
        for (TaskExample e : examples) {
            len = Math.max(len, e.length() - 1);
        }
        int b = examples.size();
        int[][] in = new int[b][len];
        int[][] tg = new int[b][len];
        float[][] w = new float[b][len];
        for (int i = 0; i < b; i++) {
            TaskExample e = examples.get(i);
            int n = e.length() - 1;
            Arrays.fill(in[i], padding);
            Arrays.fill(tg[i], padding);
            System.arraycopy(e.ids(), 0, in[i], 0, n);
            System.arraycopy(e.ids(), 1, tg[i], 0, n);
            for (int t = 0; t < n; t++) {
                w[i][t] = (float) (e.weights()[t] * scale);
            }
        }
        return new TokenBatch(in, tg, w);
    }
}
