package dev.tessera.text.bpe;

import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.Utf8;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Learns byte-level BPE merges from a corpus.
 *
 * <p>The texts are split with {@link Gpt2PreTokenizer} and each distinct piece is counted. Every
 * piece starts as its UTF-8 bytes (token {@code b} has id {@code b}); then, until the vocabulary
 * is full, the most frequent adjacent pair (counted over all pieces, weighted by piece count) is
 * merged into a new token. <b>Ties</b> are broken deterministically: the pair with the smaller left
 * id wins, then the smaller right id; so training the same corpus always gives the same merges.
 * Special tokens come last. Lone surrogates in the corpus are counted as U+FFFD.
 *
 * <p>Pair counts are updated incrementally: a merge only revisits the pieces that contain the
 * merged pair, and a priority queue with lazy invalidation picks the next pair.
 */
public final class BpeTrainer {
    private final BpeTrainingConfig config;

    /**
     * Creates a trainer.
     *
     * @param config the settings
     */
    public BpeTrainer(BpeTrainingConfig config) {
        this.config = config;
    }

    /**
     * Trains on texts.
     *
     * @param texts the corpus
     * @return the trained tokenizer (surrogate policy {@link SurrogatePolicy#REJECT})
     */
    public ByteLevelBpe train(Iterable<String> texts) {
        Map<String, long[]> pieceCounts = new LinkedHashMap<>();
        for (String t : texts) {
            int i = 0;
            while (i < t.length()) {
                int j = Gpt2PreTokenizer.pieceEnd(t, i, t.length());
                pieceCounts.computeIfAbsent(t.substring(i, j), k -> new long[1])[0]++;
                i = j;
            }
        }
        int nWords = pieceCounts.size();
        int[][] words = new int[nWords][];
        long[] weights = new long[nWords];
        int w = 0;
        for (Map.Entry<String, long[]> e : pieceCounts.entrySet()) {
            byte[] b = Utf8.encode(e.getKey(), SurrogatePolicy.REPLACE);
            int[] syms = new int[b.length];
            for (int k = 0; k < b.length; k++) {
                syms[k] = b[k] & 0xFF;
            }
            words[w] = syms;
            weights[w++] = e.getValue()[0];
        }
        pieceCounts = null;

        Map<Long, long[]> pairCount = new HashMap<>();
        Map<Long, IntSet> where = new HashMap<>();
        for (int i = 0; i < nWords; i++) {
            int[] s = words[i];
            for (int k = 0; k + 1 < s.length; k++) {
                long key = MergeTable.key(s[k], s[k + 1]);
                pairCount.computeIfAbsent(key, x -> new long[1])[0] += weights[i];
                where.computeIfAbsent(key, x -> new IntSet()).add(i);
            }
        }
        PriorityQueue<long[]> queue = new PriorityQueue<>(BpeTrainer::compare);
        for (Map.Entry<Long, long[]> e : pairCount.entrySet()) {
            queue.add(entry(e.getKey(), e.getValue()[0]));
        }

        List<byte[]> tokenBytes = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokenBytes.add(new byte[] {(byte) b});
        }
        List<int[]> merges = new ArrayList<>();
        int target = config.vocabularySize() - config.specialTokens().size();
        Map<Long, Long> touched = new HashMap<>();
        while (tokenBytes.size() < target && !queue.isEmpty()) {
            long[] top = queue.poll();
            long key = top[1];
            long[] current = pairCount.get(key);
            if (current == null || current[0] != top[0]) {
                continue; // stale entry
            }
            if (current[0] < config.minFrequency()) {
                break;
            }
            int left = (int) (key >>> 32);
            int right = (int) key;
            int newId = tokenBytes.size();
            byte[] lb = tokenBytes.get(left);
            byte[] rb = tokenBytes.get(right);
            byte[] nb = Arrays.copyOf(lb, lb.length + rb.length);
            System.arraycopy(rb, 0, nb, lb.length, rb.length);
            tokenBytes.add(nb);
            merges.add(new int[] {left, right});
            touched.clear();
            IntSet ws = where.remove(key);
            for (int wi : ws.toSortedArray()) {
                int[] s = words[wi];
                int[] merged = mergeWord(s, left, right, newId);
                if (merged == s) {
                    continue;
                }
                long wt = weights[wi];
                for (int k = 0; k + 1 < s.length; k++) {
                    long pk = MergeTable.key(s[k], s[k + 1]);
                    pairCount.get(pk)[0] -= wt;
                    touched.put(pk, 0L);
                }
                for (int k = 0; k + 1 < merged.length; k++) {
                    long pk = MergeTable.key(merged[k], merged[k + 1]);
                    pairCount.computeIfAbsent(pk, x -> new long[1])[0] += wt;
                    where.computeIfAbsent(pk, x -> new IntSet()).add(wi);
                    touched.put(pk, 0L);
                }
                words[wi] = merged;
            }
            pairCount.remove(key);
            touched.remove(key);
            for (Long pk : touched.keySet()) {
                long c = pairCount.get(pk)[0];
                if (c > 0) {
                    queue.add(entry(pk, c));
                } else {
                    pairCount.remove(pk);
                    where.remove(pk);
                }
            }
        }
        List<String> vocab = new ArrayList<>(tokenBytes.size() + config.specialTokens().size());
        for (byte[] b : tokenBytes) {
            vocab.add(ByteLevelAlphabet.toTokenString(b));
        }
        List<String[]> mergeStrings = new ArrayList<>(merges.size());
        for (int[] m : merges) {
            mergeStrings.add(new String[] {vocab.get(m[0]), vocab.get(m[1])});
        }
        vocab.addAll(config.specialTokens());
        return ByteLevelBpe.of(vocab, mergeStrings, config.specialTokens(), SurrogatePolicy.REJECT);
    }

    private static long[] entry(long key, long count) {
        return new long[] {count, key};
    }

    /** Higher count first; then smaller left id, then smaller right id. */
    private static int compare(long[] a, long[] b) {
        if (a[0] != b[0]) {
            return Long.compare(b[0], a[0]);
        }
        int la = (int) (a[1] >>> 32);
        int lb = (int) (b[1] >>> 32);
        if (la != lb) {
            return Integer.compare(la, lb);
        }
        return Integer.compare((int) a[1], (int) b[1]);
    }

    /** Merges every non-overlapping (left, right), left to right; returns s itself if none. */
    private static int[] mergeWord(int[] s, int left, int right, int newId) {
        int[] out = null;
        int n = 0;
        for (int k = 0; k < s.length; k++) {
            if (k + 1 < s.length && s[k] == left && s[k + 1] == right) {
                if (out == null) {
                    out = new int[s.length - 1];
                    System.arraycopy(s, 0, out, 0, k);
                    n = k;
                }
                out[n++] = newId;
                k++;
            } else if (out != null) {
                out[n++] = s[k];
            }
        }
        return out == null ? s : Arrays.copyOf(out, n);
    }

    /** A small growable set of ints (word indices). */
    private static final class IntSet {
        private int[] a = new int[4];
        private int n;
        private int lastAdded = -1;

        void add(int v) {
            if (v == lastAdded) {
                return; // words are added in increasing runs; most duplicates are consecutive
            }
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
            lastAdded = v;
        }

        int[] toSortedArray() {
            int[] s = Arrays.copyOf(a, n);
            Arrays.sort(s);
            int m = 0;
            for (int i = 0; i < s.length; i++) {
                if (i == 0 || s[i] != s[i - 1]) {
                    s[m++] = s[i];
                }
            }
            return Arrays.copyOf(s, m);
        }
    }
}
