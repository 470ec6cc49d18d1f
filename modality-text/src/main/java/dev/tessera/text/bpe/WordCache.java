package dev.tessera.text.bpe;

import java.util.Arrays;

/**
 * A per-thread cache from a piece of text (a range of chars) to its token ids, so repeated words
 * skip the merge loop. Looking a piece up allocates nothing: the key is hashed and compared in
 * place. When the table is half full it is cleared (a simple bound on memory).
 */
final class WordCache {
    static final int MAX_PIECE = 48;
    private final char[][] keys;
    private final int[][] values;
    private final int[] hashes;
    private final int mask;
    private final int limit;
    private int size;

    WordCache(int capacityBits) {
        int cap = 1 << capacityBits;
        keys = new char[cap][];
        values = new int[cap][];
        hashes = new int[cap];
        mask = cap - 1;
        limit = cap / 2;
    }

    static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ (h >>> 15) ^ (h >>> 7);
    }

    int[] get(CharSequence s, int from, int to, int h) {
        int slot = h & mask;
        int len = to - from;
        while (true) {
            char[] k = keys[slot];
            if (k == null) {
                return null;
            }
            if (hashes[slot] == h && k.length == len && same(k, s, from)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean same(char[] k, CharSequence s, int from) {
        for (int i = 0; i < k.length; i++) {
            if (k[i] != s.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    void put(CharSequence s, int from, int to, int h, int[] ids) {
        if (size >= limit) {
            Arrays.fill(keys, null);
            Arrays.fill(values, null);
            size = 0;
        }
        int slot = h & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        char[] k = new char[to - from];
        for (int i = 0; i < k.length; i++) {
            k[i] = s.charAt(from + i);
        }
        keys[slot] = k;
        values[slot] = ids;
        hashes[slot] = h;
        size++;
    }
}
