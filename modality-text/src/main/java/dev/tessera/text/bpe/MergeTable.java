package dev.tessera.text.bpe;

import java.util.Arrays;

/**
 * The merge rules of a BPE vocabulary in a primitive open-addressing hash table: the pair of
 * token ids {@code (left, right)}, packed into one {@code long}, maps to the merge's rank (its
 * line in the merges list, lower merges first); {@link #mergedId(int)} gives the id of the token
 * a rank produces. No boxing and no objects per lookup: the encoder's inner loop calls
 * {@link #rank(int, int)} once per adjacent pair.
 *
 * <p>Written by hand because the project has no primitive-collections library and the table is
 * this small (two arrays and a multiply-shift hash).
 */
final class MergeTable {
    /** The rank of a pair that has no merge rule. */
    static final int NONE = Integer.MAX_VALUE;
    private static final long EMPTY = -1L;

    private final long[] keys;
    private final int[] ranks;
    private final int[] mergedByRank;
    private final int shift;

    MergeTable(int[] left, int[] right, int[] merged) {
        int n = merged.length;
        int bits = Math.max(4, 64 - Long.numberOfLeadingZeros(Math.max(1, (long) n * 2 - 1)));
        int cap = 1 << bits;
        this.shift = 64 - bits;
        this.keys = new long[cap];
        this.ranks = new int[cap];
        Arrays.fill(keys, EMPTY);
        this.mergedByRank = merged.clone();
        for (int r = 0; r < n; r++) {
            long k = key(left[r], right[r]);
            int slot = slot(k);
            while (keys[slot] != EMPTY && keys[slot] != k) {
                slot = (slot + 1) & (cap - 1);
            }
            if (keys[slot] == EMPTY) { // a repeated pair keeps its first (lowest) rank
                keys[slot] = k;
                ranks[slot] = r;
            }
        }
    }

    static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private int slot(long k) {
        return (int) ((k * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /**
     * Returns the rank of the merge of two ids.
     *
     * @param left the left id
     * @param right the right id
     * @return the rank, or {@link #NONE}
     */
    int rank(int left, int right) {
        long k = key(left, right);
        int mask = keys.length - 1;
        int slot = slot(k);
        while (true) {
            long at = keys[slot];
            if (at == k) {
                return ranks[slot];
            }
            if (at == EMPTY) {
                return NONE;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Returns the id a merge produces.
     *
     * @param rank the merge rank
     * @return the id of the merged token
     */
    int mergedId(int rank) {
        return mergedByRank[rank];
    }

    /** @return the number of merge rules */
    int size() {
        return mergedByRank.length;
    }
}
