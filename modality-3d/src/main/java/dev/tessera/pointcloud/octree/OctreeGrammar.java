package dev.tessera.pointcloud.octree;

/**
 * The state of a partly written octree stream, for constrained decoding: which masks may come next
 * so the stream always completes to a valid tree. Masks are 1..255 (a node the stream mentions is
 * occupied, so it has at least one child); the stream ends exactly when the last leaf-parent's
 * mask is written. With a token budget, a mask is allowed only if the tree can still be completed
 * within the budget (every pending node needs at least one mask per remaining level).
 */
public final class OctreeGrammar {
    private final int depth;
    private int level;
    private long remainingInLevel = 1;
    private long nextLevelCount;
    private int written;

    /**
     * Starts an empty stream.
     *
     * @param depth the leaf depth
     */
    public OctreeGrammar(int depth) {
        if (depth < 1 || depth > Morton.MAX_DEPTH) {
            throw new IllegalArgumentException("depth (" + depth + ") must be in [1, " + Morton.MAX_DEPTH + "]");
        }
        this.depth = depth;
    }

    /** @return whether the tree is complete (no more masks may follow) */
    public boolean complete() {
        return level == depth;
    }

    /** @return the number of masks written */
    public int written() {
        return written;
    }

    /** @return the current level (equals the depth when complete) */
    public int level() {
        return level;
    }

    /**
     * Returns the fewest masks still needed to complete the tree.
     *
     * @return the minimum number of further tokens
     */
    public long minimumRemaining() {
        if (complete()) {
            return 0;
        }
        int levelsLeft = depth - level;
        return remainingInLevel * levelsLeft + nextLevelCount * (levelsLeft - 1);
    }

    /**
     * Tells whether a mask may be written now.
     *
     * @param mask a candidate token
     * @param budget the most tokens the whole stream may have ({@code Integer.MAX_VALUE} for none)
     * @return {@code true} if the mask keeps the stream valid and completable within the budget
     */
    public boolean allows(int mask, int budget) {
        if (complete() || mask < 1 || mask > 255) {
            return false;
        }
        int levelsLeft = depth - level;
        long pending = (remainingInLevel - 1) * levelsLeft + (nextLevelCount + Integer.bitCount(mask)) * (levelsLeft - 1);
        return written + 1 + pending <= budget;
    }

    /**
     * Appends a mask.
     *
     * @param mask the token
     * @throws IllegalArgumentException if the mask is not allowed here (the message gives the position)
     */
    public void accept(int mask) {
        if (complete()) {
            throw new IllegalArgumentException("token " + mask + " at position " + written
                    + " follows a complete depth-" + depth + " octree");
        }
        if (mask < 1 || mask > 255) {
            throw new IllegalArgumentException("token " + mask + " at position " + written + " (level " + level
                    + ") is not a valid child mask; masks are 1..255");
        }
        written++;
        nextLevelCount += Integer.bitCount(mask);
        remainingInLevel--;
        if (remainingInLevel == 0) {
            level++;
            remainingInLevel = nextLevelCount;
            nextLevelCount = 0;
        }
    }
}
