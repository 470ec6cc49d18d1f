package dev.tessera.core.train;

/**
 * A batch of next-token examples as Java arrays: {@code inputs[b][t]} predicts {@code targets[b][t]}
 * with weight {@code weights[b][t]} (0 masks a position, e.g. the prompt).
 *
 * @param inputs global input ids, {@code (batch, time)}
 * @param targets global target ids, {@code (batch, time)}
 * @param weights loss weights, {@code (batch, time)}
 */
public record TokenBatch(int[][] inputs, int[][] targets, float[][] weights) {

    /** Checks that the three arrays have one shape. */
    public TokenBatch {
        if (inputs.length == 0 || inputs.length != targets.length || inputs.length != weights.length) {
            throw new IllegalArgumentException("inputs, targets and weights need the same non-zero batch size, got "
                    + inputs.length + ", " + targets.length + ", " + weights.length);
        }
        int t = inputs[0].length;
        for (int b = 0; b < inputs.length; b++) {
            if (inputs[b].length != t || targets[b].length != t || weights[b].length != t) {
                throw new IllegalArgumentException("row " + b + " has lengths " + inputs[b].length + "/"
                        + targets[b].length + "/" + weights[b].length + ", expected " + t);
            }
        }
    }

    /**
     * Builds a batch from whole sequences: inputs are {@code seq[0..n-2]}, targets {@code seq[1..n-1]}.
     *
     * @param sequences equal-length global id sequences
     * @param lossFrom per sequence, the first target index that counts (earlier targets get weight 0)
     * @return the batch
     */
    public static TokenBatch shifted(int[][] sequences, int[] lossFrom) {
        int b = sequences.length;
        int[][] in = new int[b][];
        int[][] tg = new int[b][];
        float[][] w = new float[b][];
        for (int i = 0; i < b; i++) {
            int n = sequences[i].length - 1;
            in[i] = java.util.Arrays.copyOfRange(sequences[i], 0, n);
            tg[i] = java.util.Arrays.copyOfRange(sequences[i], 1, n + 1);
            w[i] = new float[n];
            for (int t = Math.max(0, lossFrom == null ? 0 : lossFrom[i]); t < n; t++) {
                w[i][t] = 1f;
            }
        }
        return new TokenBatch(in, tg, w);
    }

    /** @return the batch size */
    public int batchSize() {
        return inputs.length;
    }

    /** @return the sequence length */
    public int length() {
        return inputs[0].length;
    }
}
