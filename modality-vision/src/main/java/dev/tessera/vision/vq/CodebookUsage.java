package dev.tessera.vision.vq;

/**
 * How much of a codebook a set of token grids uses.
 *
 * @param codebookSize the number of codes
 * @param used codes that occur at least once
 * @param tokens the number of tokens counted
 * @param perplexity {@code exp(entropy)} of the code frequencies (equals {@code used} when uniform)
 * @param counts occurrences per code
 */
public record CodebookUsage(int codebookSize, int used, long tokens, double perplexity, long[] counts) {

    /** Checks the counts. */
    public CodebookUsage {
        if (counts.length != codebookSize) {
            throw new IllegalArgumentException(counts.length + " counts for a codebook of " + codebookSize);
        }
        counts = counts.clone();
    }

    /**
     * Counts the codes in token grids.
     *
     * @param codebookSize the number of codes
     * @param grids token grids (each id in {@code [0, codebookSize)})
     * @return the usage
     * @throws IllegalArgumentException if an id is outside the codebook (position named)
     */
    public static CodebookUsage of(int codebookSize, int[][] grids) {
        long[] c = new long[codebookSize];
        long total = 0;
        for (int g = 0; g < grids.length; g++) {
            for (int i = 0; i < grids[g].length; i++) {
                int id = grids[g][i];
                if (id < 0 || id >= codebookSize) {
                    throw new IllegalArgumentException("code " + id + " at image " + g + ", token " + i
                            + " is outside the codebook of " + codebookSize);
                }
                c[id]++;
                total++;
            }
        }
        int used = 0;
        double h = 0;
        for (long n : c) {
            if (n > 0) {
                used++;
                double p = (double) n / total;
                h -= p * Math.log(p);
            }
        }
        return new CodebookUsage(codebookSize, used, total, Math.exp(h), c);
    }

    /** @return the fraction of codes in use, in [0, 1] */
    public double fraction() {
        return (double) used / codebookSize;
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public String toString() {
        return String.format("codebook usage %d/%d (%.1f%%), perplexity %.1f over %d tokens", used, codebookSize,
                100 * fraction(), perplexity, tokens);
    }
}
