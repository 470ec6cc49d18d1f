package dev.tessera.text.bpe;

import dev.tessera.core.token.UnknownTokenException;
import dev.tessera.text.MalformedTextException;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-level BPE tokenizer with GPT-2's pre-tokenisation (the model of GPT-2 and of Hugging
 * Face's {@code ByteLevel} + {@code BPE} tokenizers).
 *
 * <p>Text is split into pieces by {@link Gpt2PreTokenizer}; each piece becomes its UTF-8 bytes,
 * each byte the id of its {@link ByteLevelAlphabet} token, and adjacent ids are merged, lowest
 * merge rank first (leftmost on ties), until no adjacent pair has a merge rule. Every byte has a
 * token, so any valid text encodes and {@code decode(encode(x)).equals(x)}. Lone surrogates
 * follow the {@link SurrogatePolicy} chosen at construction; special tokens (such as
 * {@code <|endoftext|>}) follow the {@link SpecialTokenPolicy} the caller passes to
 * {@link #encode(String, SpecialTokenPolicy)}.
 *
 * <p>Speed: merge ranks live in a primitive hash table keyed by the two ids; each thread keeps a
 * cache from piece to ids; {@link #encodeBatch(List, int)} encodes many texts on several threads.
 * Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ByteLevelBpe gpt2 = Gpt2Vocabulary.load(Path.of("data/text/gpt2"));
 * int[] ids = gpt2.encode("Hello world", SpecialTokenPolicy.REJECT);   // [15496, 995]
 * String back = gpt2.decode(ids);
 * }</pre>
 */
public final class ByteLevelBpe implements TextTokenizer {
    private final String[] tokens;
    private final byte[][] tokenBytes;
    private final Map<String, Integer> idsByToken;
    private final int[] byteIds = new int[256];
    private final int[] mergeLeft;
    private final int[] mergeRight;
    private final MergeTable merges;
    private final String[] specialContents;
    private final int[] specialIds;
    private final SurrogatePolicy surrogates;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread work buffers and the word cache. */
    private static final class Scratch {
        final WordCache cache = new WordCache(17);
        int[] ids = new int[256];
        int[] ranks = new int[256];

        void ensure(int n) {
            if (ids.length < n) {
                ids = new int[Math.max(n, ids.length * 2)];
                ranks = new int[ids.length];
            }
        }
    }

    /**
     * Builds a tokenizer from its vocabulary and merges.
     *
     * @param vocabulary token strings by id; ordinary tokens are byte-level strings
     *     ({@link ByteLevelAlphabet}), special tokens are their literal content
     * @param merges merge rules in rank order, each a pair of token strings
     * @param specialTokens the contents of the special tokens (each must be in {@code vocabulary})
     * @param surrogates what to do with lone surrogates
     * @return the tokenizer
     * @throws IllegalArgumentException if a token repeats, a byte has no token, a special token is
     *     not in the vocabulary, or an ordinary token is not a byte-level string
     * @throws BadMergeException if a merge names an unknown token or its result is not in the
     *     vocabulary (the exception carries the merge's rank)
     */
    public static ByteLevelBpe of(List<String> vocabulary, List<String[]> merges, List<String> specialTokens,
            SurrogatePolicy surrogates) {
        return new ByteLevelBpe(vocabulary, merges, specialTokens, surrogates);
    }

    private ByteLevelBpe(List<String> vocabulary, List<String[]> mergeList, List<String> specials,
            SurrogatePolicy surrogates) {
        this.surrogates = java.util.Objects.requireNonNull(surrogates, "surrogates");
        int v = vocabulary.size();
        if (v < 256) {
            throw new IllegalArgumentException("vocabulary has " + v + " tokens; a byte-level BPE needs at least the 256 byte tokens");
        }
        tokens = vocabulary.toArray(new String[0]);
        tokenBytes = new byte[v][];
        idsByToken = new HashMap<>(v * 2);
        for (int id = 0; id < v; id++) {
            Integer old = idsByToken.put(tokens[id], id);
            if (old != null) {
                throw new IllegalArgumentException("token '" + tokens[id] + "' appears twice, with ids " + old + " and " + id);
            }
        }
        specialContents = specials.toArray(new String[0]);
        specialIds = new int[specialContents.length];
        boolean[] special = new boolean[v];
        for (int i = 0; i < specialContents.length; i++) {
            Integer id = idsByToken.get(specialContents[i]);
            if (id == null) {
                throw new IllegalArgumentException("special token '" + specialContents[i] + "' is not in the vocabulary");
            }
            specialIds[i] = id;
            special[id] = true;
            tokenBytes[id] = specialContents[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Arrays.fill(byteIds, -1);
        for (int id = 0; id < v; id++) {
            if (special[id]) {
                continue;
            }
            byte[] b = ByteLevelAlphabet.toBytesOrNull(tokens[id]);
            if (b == null || b.length == 0) {
                throw new IllegalArgumentException("token " + id + " '" + tokens[id]
                        + "' is not a byte-level token string (and not declared special)");
            }
            tokenBytes[id] = b;
            if (b.length == 1) {
                byteIds[b[0] & 0xFF] = id;
            }
        }
        for (int b = 0; b < 256; b++) {
            if (byteIds[b] < 0) {
                throw new IllegalArgumentException(String.format(
                        "vocabulary lacks the token for byte 0x%02X ('%c'); a byte-level BPE needs all 256", b,
                        ByteLevelAlphabet.charOf(b)));
            }
        }
        int m = mergeList.size();
        mergeLeft = new int[m];
        mergeRight = new int[m];
        int[] merged = new int[m];
        for (int r = 0; r < m; r++) {
            String[] pair = mergeList.get(r);
            Integer l = idsByToken.get(pair[0]);
            Integer rt = idsByToken.get(pair[1]);
            if (l == null || rt == null || special[l] || special[rt]) {
                throw new BadMergeException(r, "'" + pair[0] + " " + pair[1] + "' names "
                        + (l == null || special[l] ? "'" + pair[0] + "'" : "'" + pair[1] + "'")
                        + ", which is not an ordinary token of the vocabulary");
            }
            Integer res = idsByToken.get(pair[0] + pair[1]);
            if (res == null) {
                throw new BadMergeException(r, "'" + pair[0] + " " + pair[1] + "' produces '" + pair[0] + pair[1]
                        + "', which is not in the vocabulary");
            }
            mergeLeft[r] = l;
            mergeRight[r] = rt;
            merged[r] = res;
        }
        merges = new MergeTable(mergeLeft, mergeRight, merged);
    }

    /**
     * Returns a copy of this tokenizer with another surrogate policy.
     *
     * @param policy the policy
     * @return the new tokenizer (shares nothing mutable with this one)
     */
    public ByteLevelBpe withSurrogatePolicy(SurrogatePolicy policy) {
        return policy == surrogates ? this : new ByteLevelBpe(vocabulary(), mergeStrings(), specialTokens(), policy);
    }

    /** @return the surrogate policy */
    public SurrogatePolicy surrogatePolicy() {
        return surrogates;
    }

    @Override
    public int vocabularySize() {
        return tokens.length;
    }

    /** @return the token strings by id (a copy) */
    public List<String> vocabulary() {
        return List.of(tokens);
    }

    /**
     * Returns a token string.
     *
     * @param id the id
     * @return its token string (byte-level form, or the content of a special token)
     */
    public String token(int id) {
        return tokens[id];
    }

    /**
     * Returns the id of a token string.
     *
     * @param token a token string
     * @return its id, or -1
     */
    public int id(String token) {
        Integer id = idsByToken.get(token);
        return id == null ? -1 : id;
    }

    /** @return the merge rules in rank order, each a pair of token strings */
    public List<String[]> mergeStrings() {
        List<String[]> out = new ArrayList<>(mergeLeft.length);
        for (int r = 0; r < mergeLeft.length; r++) {
            out.add(new String[] {tokens[mergeLeft[r]], tokens[mergeRight[r]]});
        }
        return out;
    }

    /** @return the number of merge rules */
    public int mergeCount() {
        return mergeLeft.length;
    }

    /** @return the special tokens' contents, in declaration order */
    public List<String> specialTokens() {
        return List.of(specialContents);
    }

    /** @return special token content to id */
    public Map<String, Integer> specialTokenIds() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < specialContents.length; i++) {
            m.put(specialContents[i], specialIds[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Encodes a text, rejecting special tokens ({@link SpecialTokenPolicy#REJECT}).
     *
     * @param text the text
     * @return the ids
     */
    @Override
    public int[] encode(String text) {
        return encode(text, SpecialTokenPolicy.REJECT);
    }

    /**
     * Encodes a text.
     *
     * @param text the text
     * @param policy what to do with the content of special tokens found in the text
     * @return the ids
     * @throws SpecialTokenException if the policy is {@code REJECT} and the text holds a special token
     * @throws MalformedTextException if the surrogate policy is {@code REJECT} and the text holds a
     *     lone surrogate
     */
    public int[] encode(String text, SpecialTokenPolicy policy) {
        IntList out = new IntList(text.length() / 4 + 16);
        Scratch sc = scratch.get();
        if (policy == SpecialTokenPolicy.ENCODE_AS_TEXT || specialContents.length == 0) {
            encodeOrdinary(text, 0, text.length(), out, sc);
            return out.toArray();
        }
        int pos = 0;
        while (true) {
            int at = -1;
            int which = -1;
            for (int i = 0; i < specialContents.length; i++) {
                int k = text.indexOf(specialContents[i], pos);
                if (k >= 0 && (at < 0 || k < at || (k == at && specialContents[i].length() > specialContents[which].length()))) {
                    at = k;
                    which = i;
                }
            }
            if (at < 0) {
                break;
            }
            if (policy == SpecialTokenPolicy.REJECT) {
                throw new SpecialTokenException(specialContents[which], at);
            }
            encodeOrdinary(text, pos, at, out, sc);
            out.add(specialIds[which]);
            pos = at + specialContents[which].length();
        }
        encodeOrdinary(text, pos, text.length(), out, sc);
        return out.toArray();
    }

    private void encodeOrdinary(String s, int from, int to, IntList out, Scratch sc) {
        WordCache cache = sc.cache;
        int i = from;
        while (i < to) {
            int j = Gpt2PreTokenizer.pieceEnd(s, i, to);
            int len = j - i;
            if (len == 1 && s.charAt(i) < 0x80) {
                out.add(byteIds[s.charAt(i)]);
            } else if (len <= WordCache.MAX_PIECE) {
                int h = WordCache.hash(s, i, j);
                int[] ids = cache.get(s, i, j, h);
                if (ids == null) {
                    int n = bpe(s, i, j, sc);
                    ids = Arrays.copyOf(sc.ids, n);
                    cache.put(s, i, j, h, ids);
                }
                out.addAll(ids, ids.length);
            } else {
                int n = bpe(s, i, j, sc);
                out.addAll(sc.ids, n);
            }
            i = j;
        }
    }

    /** Encodes s[from, to) into sc.ids and returns the count. */
    private int bpe(String s, int from, int to, Scratch sc) {
        sc.ensure(3 * (to - from) + 1);
        int[] ids = sc.ids;
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ids[n++] = byteIds[c];
            } else if (c < 0x800) {
                ids[n++] = byteIds[0xC0 | (c >> 6)];
                ids[n++] = byteIds[0x80 | (c & 0x3F)];
            } else if (c < 0xD800 || c > 0xDFFF) {
                ids[n++] = byteIds[0xE0 | (c >> 12)];
                ids[n++] = byteIds[0x80 | ((c >> 6) & 0x3F)];
                ids[n++] = byteIds[0x80 | (c & 0x3F)];
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ids[n++] = byteIds[0xF0 | (cp >> 18)];
                ids[n++] = byteIds[0x80 | ((cp >> 12) & 0x3F)];
                ids[n++] = byteIds[0x80 | ((cp >> 6) & 0x3F)];
                ids[n++] = byteIds[0x80 | (cp & 0x3F)];
            } else if (surrogates == SurrogatePolicy.REPLACE) {
                ids[n++] = byteIds[0xEF];
                ids[n++] = byteIds[0xBF];
                ids[n++] = byteIds[0xBD];
            } else {
                throw new MalformedTextException(String.format("lone surrogate U+%04X (not valid Unicode; "
                        + "choose SurrogatePolicy.REPLACE to encode it as U+FFFD)", (int) c), i);
            }
        }
        return merge(ids, n, sc.ranks);
    }

    /** Pieces longer than this (in bytes) are merged with a heap: O(n log n) instead of O(n^2). */
    static final int LONG_PIECE = 128;

    /** Applies the merge rules to ids[0, n) in place and returns the new count. */
    int merge(int[] ids, int n, int[] ranks) {
        if (n < 2) {
            return n;
        }
        if (n > LONG_PIECE) {
            return mergeLong(ids, n);
        }
        return mergeShort(ids, n, ranks);
    }

    /** The simple loop: scan for the lowest rank (leftmost on ties), merge, update two neighbours. */
    int mergeShort(int[] ids, int n, int[] ranks) {
        MergeTable t = merges;
        for (int k = 0; k < n - 1; k++) {
            ranks[k] = t.rank(ids[k], ids[k + 1]);
        }
        while (n > 1) {
            int best = MergeTable.NONE;
            int at = -1;
            for (int k = 0; k < n - 1; k++) {
                if (ranks[k] < best) {
                    best = ranks[k];
                    at = k;
                }
            }
            if (at < 0) {
                break;
            }
            ids[at] = t.mergedId(best);
            int tail = n - at - 2;
            if (tail > 0) {
                System.arraycopy(ids, at + 2, ids, at + 1, tail);
            }
            if (tail > 1) {
                System.arraycopy(ranks, at + 2, ranks, at + 1, tail - 1);
            }
            n--;
            if (at < n - 1) {
                ranks[at] = t.rank(ids[at], ids[at + 1]);
            }
            if (at > 0) {
                ranks[at - 1] = t.rank(ids[at - 1], ids[at]);
            }
        }
        return n;
    }

    /**
     * The same merges for long pieces (a 100 kB run of letters must not take minutes): a doubly
     * linked list over the positions and a min-heap of {@code (rank, position)} candidates, so the
     * lowest rank wins and, among equal ranks, the leftmost; stale candidates are skipped on pop.
     */
    int mergeLong(int[] ids, int n) {
        int[] next = new int[n];
        int[] prev = new int[n];
        boolean[] dead = new boolean[n];
        LongHeap heap = new LongHeap(n);
        MergeTable t = merges;
        for (int k = 0; k < n; k++) {
            next[k] = k + 1;
            prev[k] = k - 1;
            if (k + 1 < n) {
                int r = t.rank(ids[k], ids[k + 1]);
                if (r != MergeTable.NONE) {
                    heap.push(((long) r << 32) | k);
                }
            }
        }
        while (!heap.isEmpty()) {
            long top = heap.pop();
            int r = (int) (top >>> 32);
            int k = (int) top;
            int j = next[k];
            if (dead[k] || j >= n || t.rank(ids[k], ids[j]) != r) {
                continue; // stale: a neighbour was merged since this candidate was pushed
            }
            ids[k] = t.mergedId(r);
            dead[j] = true;
            next[k] = next[j];
            if (next[j] < n) {
                prev[next[j]] = k;
            }
            if (prev[k] >= 0) {
                int rp = t.rank(ids[prev[k]], ids[k]);
                if (rp != MergeTable.NONE) {
                    heap.push(((long) rp << 32) | prev[k]);
                }
            }
            if (next[k] < n) {
                int rn = t.rank(ids[k], ids[next[k]]);
                if (rn != MergeTable.NONE) {
                    heap.push(((long) rn << 32) | k);
                }
            }
        }
        int m = 0;
        for (int k = 0; k < n; k = next[k]) {
            ids[m++] = ids[k];
        }
        return m;
    }

    /**
     * Encodes many texts on several threads ({@link SpecialTokenPolicy#REJECT}).
     *
     * @param texts the texts
     * @param threads the number of threads, at least 1
     * @return the ids of each text, in input order
     */
    public int[][] encodeBatch(List<String> texts, int threads) {
        return encodeBatch(texts, SpecialTokenPolicy.REJECT, threads);
    }

    /**
     * Encodes many texts on several threads.
     *
     * @param texts the texts
     * @param policy the special-token policy
     * @param threads the number of threads, at least 1
     * @return the ids of each text, in input order
     */
    public int[][] encodeBatch(List<String> texts, SpecialTokenPolicy policy, int threads) {
        try (BatchEncoder b = new BatchEncoder(this, threads)) {
            return b.encode(texts, policy);
        }
    }

    /**
     * Returns a batch encoder that keeps {@code threads} worker threads (and their word caches)
     * alive between calls; close it when done.
     *
     * @param threads the number of threads, at least 1
     * @return the batch encoder
     */
    public BatchEncoder batchEncoder(int threads) {
        return new BatchEncoder(this, threads);
    }

    @Override
    public byte[] decodeBytes(int[] ids) {
        int total = 0;
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= tokens.length) {
                throw new UnknownTokenException(id, i, "byte-level BPE vocabulary of " + tokens.length + " ids");
            }
            total += tokenBytes[id].length;
        }
        byte[] out = new byte[total];
        int p = 0;
        for (int id : ids) {
            byte[] b = tokenBytes[id];
            System.arraycopy(b, 0, out, p, b.length);
            p += b.length;
        }
        return out;
    }

    /**
     * Returns the bytes of one token.
     *
     * @param id the id
     * @return a copy of its bytes
     * @throws UnknownTokenException if the id is outside the vocabulary
     */
    public byte[] tokenBytes(int id) {
        if (id < 0 || id >= tokens.length) {
            throw new UnknownTokenException(id, 0, "byte-level BPE vocabulary of " + tokens.length + " ids");
        }
        return tokenBytes[id].clone();
    }

    /**
     * Decodes ids and requires the bytes to be valid UTF-8.
     *
     * @param ids the ids
     * @return the text
     * @throws MalformedTextException if the bytes are not valid UTF-8 (the index is the byte offset)
     */
    public String decodeStrict(int[] ids) {
        byte[] b = decodeBytes(ids);
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            int bad = dev.tessera.text.Utf8.firstInvalid(b, 0, b.length);
            throw new MalformedTextException("ids decode to bytes that are not valid UTF-8 (byte offset, not char index)", bad);
        }
    }
}
