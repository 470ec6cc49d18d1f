package dev.tessera.text.bpe;

/**
 * A merge rule that cannot be used: it names a token the vocabulary lacks, or its result is not
 * in the vocabulary. Loaders turn {@link #rank()} into a file and line.
 */
public final class BadMergeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int rank;

    /**
     * Creates the exception.
     *
     * @param rank the merge's index in the merges list
     * @param message what is wrong
     */
    public BadMergeException(int rank, String message) {
        super("merge #" + rank + ": " + message);
        this.rank = rank;
    }

    /** @return the merge's index in the merges list */
    public int rank() {
        return rank;
    }
}
