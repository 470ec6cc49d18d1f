package dev.tessera.core.generate;

import dev.tessera.core.token.VocabularyLayout;
import java.util.Arrays;

/** Factories of the standard {@link LogitsProcessor}s. */
public final class LogitsProcessors {
    private LogitsProcessors() { }

    /**
     * In a framed layout, allows only the ids of the head that writes next: inside a segment of
     * modality m, m's tokens and END:m; between segments, the control head (BEGIN:* and EOS).
     *
     * @param layout the framed layout
     * @return the processor
     */
    public static LogitsProcessor headConstraint(VocabularyLayout layout) {
        boolean[][] allowed = new boolean[layout.headCount()][layout.size()];
        for (int h = 0; h < layout.headCount(); h++) {
            for (int id : layout.headIds(h)) {
                allowed[h][id] = true;
            }
        }
        return (ctx, logits) -> {
            String m = ctx.openModality();
            boolean[] ok = allowed[m == null ? layout.controlHead() : layout.headOfModality(m)];
            for (int i = 0; i < logits.length; i++) {
                if (!ok[i]) {
                    logits[i] = Float.NEGATIVE_INFINITY;
                }
            }
        };
    }

    /**
     * Makes every segment of a modality exactly {@code n} tokens long: END is forbidden before
     * the n-th token and the only choice after it.
     *
     * @param layout the framed layout
     * @param modality the modality
     * @param n the exact segment length
     * @return the processor
     */
    public static LogitsProcessor exactLength(VocabularyLayout layout, String modality, int n) {
        int end = layout.end(modality);
        return (ctx, logits) -> {
            if (!modality.equals(ctx.openModality())) {
                return;
            }
            if (ctx.openLength() < n) {
                logits[end] = Float.NEGATIVE_INFINITY;
            } else {
                float keep = logits[end];
                Arrays.fill(logits, Float.NEGATIVE_INFINITY);
                logits[end] = Float.isFinite(keep) ? keep : 0f;
            }
        };
    }

    /**
     * Allows only the given ids.
     *
     * @param vocab the vocabulary size
     * @param ids the allowed ids
     * @return the processor
     */
    public static LogitsProcessor allowOnly(int vocab, int... ids) {
        boolean[] ok = new boolean[vocab];
        for (int id : ids) {
            ok[id] = true;
        }
        return (ctx, logits) -> {
            for (int i = 0; i < logits.length; i++) {
                if (!ok[i]) {
                    logits[i] = Float.NEGATIVE_INFINITY;
                }
            }
        };
    }

    /**
     * CTRL-style repetition penalty over every id already in the sequence.
     *
     * @param penalty the penalty (&gt;= 1)
     * @return the processor
     */
    public static LogitsProcessor repetitionPenalty(double penalty) {
        return (ctx, logits) -> {
            boolean[] seen = new boolean[logits.length];
            for (int i = 0; i < ctx.length(); i++) {
                int id = ctx.id(i);
                if (id >= 0 && id < logits.length && !seen[id]) {
                    seen[id] = true;
                    float l = logits[id];
                    logits[id] = (float) (l > 0 ? l / penalty : l * penalty);
                }
            }
        };
    }

    /**
     * Divides logits by a temperature, after shifting them so the largest is 0 (which leaves the
     * distribution unchanged and keeps a temperature as small as {@code 1e-300} well defined: the
     * best token, as greedy decoding would pick).
     *
     * @param t the temperature (&gt; 0)
     * @return the processor
     */
    public static LogitsProcessor temperature(double t) {
        return (ctx, logits) -> {
            // shifted by the largest logit first (softmax does not change), so that a tiny temperature
            // gives 0 for the best token and -infinity for the rest, never infinity minus infinity
            float max = Float.NEGATIVE_INFINITY;
            for (float l : logits) {
                max = Math.max(max, l);
            }
            if (max == Float.NEGATIVE_INFINITY) {
                return;
            }
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) ((logits[i] - (double) max) / t);
            }
        };
    }

    /**
     * Keeps the k largest logits (ties at the k-th value are kept).
     *
     * @param k how many to keep
     * @return the processor
     */
    public static LogitsProcessor topK(int k) {
        return (ctx, logits) -> {
            if (k >= logits.length) {
                return;
            }
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            float kth = sorted[sorted.length - k];
            for (int i = 0; i < logits.length; i++) {
                if (logits[i] < kth) {
                    logits[i] = Float.NEGATIVE_INFINITY;
                }
            }
        };
    }

    /**
     * Nucleus filtering: keeps the most likely tokens whose probabilities sum to at least p.
     *
     * @param p the mass to keep, in (0, 1]
     * @return the processor
     */
    public static LogitsProcessor topP(double p) {
        return (ctx, logits) -> {
            double[] probs = softmax(logits);
            Integer[] order = new Integer[logits.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
            double cum = 0;
            int keep = 0;
            while (keep < order.length && (keep == 0 || cum < p)) {
                cum += probs[order[keep]];
                keep++;
            }
            for (int i = keep; i < order.length; i++) {
                logits[order[i]] = Float.NEGATIVE_INFINITY;
            }
        };
    }

    /**
     * Drops tokens whose probability is below {@code minP} times the most likely token's.
     *
     * @param minP the ratio, in (0, 1)
     * @return the processor
     */
    public static LogitsProcessor minP(double minP) {
        return (ctx, logits) -> {
            double[] probs = softmax(logits);
            double max = 0;
            for (double q : probs) {
                max = Math.max(max, q);
            }
            for (int i = 0; i < logits.length; i++) {
                if (probs[i] < minP * max) {
                    logits[i] = Float.NEGATIVE_INFINITY;
                }
            }
        };
    }

    /**
     * Softmax in double precision ({@code -inf} logits get probability 0).
     *
     * @param logits the logits
     * @return the probabilities
     */
    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        if (max == Double.NEGATIVE_INFINITY) {
            return p;
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = logits[i] == Float.NEGATIVE_INFINITY ? 0 : Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
