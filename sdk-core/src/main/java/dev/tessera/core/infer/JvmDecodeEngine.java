package dev.tessera.core.infer;

import dev.tessera.core.generate.DecodeEngine;
import dev.tessera.core.model.Architecture;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.model.ParameterSpec;
import java.util.Arrays;

import static dev.tessera.core.model.ParameterSpec.block;

/**
 * Generation on Java float arrays: the same backbone as {@link DecoderModel} (both block styles,
 * grouped KV heads), with the KV cache in float arrays, the matrix products batched over every
 * sequence of a step (each weight row is read once per step) and split over threads when large.
 * Weights may be fp32 or quantised ({@link Quantizer}).
 *
 * <p>Batch-1 generation runs through {@link #open}; many sequences at once through
 * {@link #openBatch} ({@link BatchSession}: one matrix-matrix product per step for all of them).
 *
 * <p>Thread safety: the engine is immutable and may serve any number of sessions on any threads
 * at once; a {@link Session} is used by one thread at a time; a {@link BatchSession} synchronises
 * its own methods.
 */
public final class JvmDecodeEngine implements DecodeEngine {
    private final JvmWeights w;
    private final ModelConfig c;
    private final float[] ropeCos;
    private final float[] ropeSin;
    private final Linear[] qkv;
    private final Linear[] proj;
    private final Linear[] up;
    private final Linear[] down;
    private final Linear head;
    /** Per-layer vectors, looked up once: norm weights and biases (absent ones are null). */
    private final float[][] norm1;
    private final float[][] norm1Bias;
    private final float[][] norm2;
    private final float[][] norm2Bias;
    private final float[][] qkvBias;
    private final float[][] projBias;
    private final float[][] upBias;
    private final float[][] downBias;
    private final float[] normF;
    private final float[] normFBias;
    private final float[] wte;
    private final float[] wpe;
    /**
     * Sequences per pass of {@link #lastHidden}: a pass's scratch arrays (about 14 KB per position of a d-96 model)
     * then stay in the caches, and a long batch costs no more per sequence than a short one.
     */
    static final int HIDDEN_CHUNK = 32;
    /** The fewest sequences per group when a decode step is cut over the threads (property {@code tessera.infer.decodeGroupMin}). */
    static final int DECODE_GROUP_MIN = Math.max(1, Integer.getInteger("tessera.infer.decodeGroupMin", 4));
    /** Each thread's session for {@link #lastHidden} (its cache rows and scratch arrays are reused, never read). */
    private final ThreadLocal<JvmSession> hiddenScratch = ThreadLocal.withInitial(() -> new JvmSession(HIDDEN_CHUNK));

    /**
     * Builds an engine from a model's current weights (copied once).
     *
     * @param model the model
     */
    public JvmDecodeEngine(DecoderModel model) {
        this(JvmWeights.from(model));
    }

    /**
     * Builds an engine from weights (fp32 or quantised).
     *
     * @param weights the weights
     */
    public JvmDecodeEngine(JvmWeights weights) {
        this.w = weights;
        this.c = weights.config();
        int layers = c.layers();
        qkv = new Linear[layers];
        proj = new Linear[layers];
        up = new Linear[layers];
        down = new Linear[layers];
        boolean gpt2 = c.architecture() == Architecture.GPT2;
        Architecture arch = c.architecture();
        for (int i = 0; i < layers; i++) {
            qkv[i] = w.linear(block(i, ParameterSpec.ATTN_QKV_WEIGHT));
            proj[i] = w.linear(block(i, ParameterSpec.ATTN_PROJ_WEIGHT));
            up[i] = w.linear(block(i, ParameterSpec.mlpUp(arch)));
            down[i] = w.linear(block(i, ParameterSpec.mlpDown(arch)));
        }
        head = w.linear(JvmWeights.HEAD);
        norm1 = new float[layers][];
        norm1Bias = new float[layers][];
        norm2 = new float[layers][];
        norm2Bias = new float[layers][];
        qkvBias = new float[layers][];
        projBias = new float[layers][];
        upBias = new float[layers][];
        downBias = new float[layers][];
        for (int i = 0; i < layers; i++) {
            if (gpt2) {
                norm1[i] = w.vector(block(i, ParameterSpec.LN1_WEIGHT));
                norm1Bias[i] = w.vector(block(i, ParameterSpec.LN1_BIAS));
                norm2[i] = w.vector(block(i, ParameterSpec.LN2_WEIGHT));
                norm2Bias[i] = w.vector(block(i, ParameterSpec.LN2_BIAS));
                qkvBias[i] = w.vector(block(i, ParameterSpec.ATTN_QKV_BIAS));
                projBias[i] = w.vector(block(i, ParameterSpec.ATTN_PROJ_BIAS));
                upBias[i] = w.vector(block(i, ParameterSpec.MLP_FC1_BIAS));
                downBias[i] = w.vector(block(i, ParameterSpec.MLP_FC2_BIAS));
            } else {
                norm1[i] = w.vector(block(i, ParameterSpec.ATTN_NORM_WEIGHT));
                norm2[i] = w.vector(block(i, ParameterSpec.MLP_NORM_WEIGHT));
            }
        }
        normF = w.vector(gpt2 ? ParameterSpec.LN_F_WEIGHT : ParameterSpec.NORM_F_WEIGHT);
        normFBias = gpt2 ? w.vector(ParameterSpec.LN_F_BIAS) : null;
        wte = w.vector(ParameterSpec.WTE);
        wpe = gpt2 ? w.vector(ParameterSpec.WPE) : null;
        if (!gpt2) {
            int hd = c.headSize();
            int half = hd / 2;
            ropeCos = new float[c.contextLength() * hd];
            ropeSin = new float[c.contextLength() * hd];
            for (int p = 0; p < c.contextLength(); p++) {
                for (int i = 0; i < half; i++) {
                    double a = p * Math.pow(c.ropeTheta(), -2.0 * i / hd);
                    float cs = (float) Math.cos(a);
                    float sn = (float) Math.sin(a);
                    ropeCos[p * hd + i] = cs;
                    ropeCos[p * hd + i + half] = cs;
                    ropeSin[p * hd + i] = sn;
                    ropeSin[p * hd + i + half] = sn;
                }
            }
        } else {
            ropeCos = null;
            ropeSin = null;
        }
    }

    /** @return the weights this engine runs */
    public JvmWeights weights() {
        return w;
    }

    /** @return "vector" or "scalar": the kernels in use */
    public static String kernels() {
        return Kernels.get().name();
    }

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public int contextLength() {
        return c.contextLength();
    }

    @Override
    public int vocabSize() {
        return c.vocabSize();
    }

    @Override
    public JvmSession open(int batch) {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch (" + batch + ") must be positive");
        }
        return new JvmSession(batch);
    }

    /**
     * Opens a batch whose sequences join and leave between steps (continuous batching): each
     * sequence has its own cache row, position and sampler.
     *
     * @param capacity the most sequences at once
     * @return the batch; close it when done
     */
    public BatchSession openBatch(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("batch capacity (" + capacity + ") must be positive");
        }
        return new BatchSession(new JvmSession(capacity), capacity, c.contextLength());
    }

    /**
     * Runs a whole sequence without cache and returns the input of {@code layer}'s matrices:
     * used to collect calibration activations for GPTQ.
     *
     * @param ids the tokens (one sequence)
     * @param observer receives, for every position, the input vector of each matrix by name
     */
    void trace(int[] ids, ActivationObserver observer) {
        try (JvmSession s = new JvmSession(1)) {
            s.observer = observer;
            s.prefill(new int[][] {ids}, new int[] {0});
        }
    }

    /**
     * Runs one sequence without cache and returns the logits at every position (for scoring).
     *
     * @param ids the tokens, at most the context length
     * @return logits {@code [ids.length][vocab]}
     */
    public float[][] logitsAll(int[] ids) {
        try (JvmSession s = new JvmSession(1)) {
            return s.prefillAll(ids);
        }
    }

    /**
     * Runs sequences of input embeddings (a continuous modality's adapter output, as
     * {@link DecoderModel#forwardEmbeddings} takes them, positions from 0) through the blocks without a cache and
     * returns the hidden state after the final norm at each sequence's last position: the JVM engine's version of
     * {@code model.forwardEmbeddings(x, null, null).get(":, -1, :")}.
     *
     * @param inputs {@code batch * time} rows of {@code dModel} values: position {@code t} of sequence {@code b} is
     *     row {@code b * time + t} (read, not changed)
     * @param batch sequences
     * @param time positions per sequence, 1 to the context length
     * @return {@code [batch][dModel]} hidden states
     * @throws IllegalArgumentException if the sizes do not match the model or the context
     */
    public float[][] lastHidden(float[][] inputs, int batch, int time) {
        if (batch <= 0 || time <= 0) {
            throw new IllegalArgumentException("batch (" + batch + ") and time (" + time + ") must be positive");
        }
        if (time > c.contextLength()) {
            throw new IllegalArgumentException("sequence of " + time + " positions exceeds the context length "
                    + c.contextLength());
        }
        if (inputs.length != (long) batch * time) {
            throw new IllegalArgumentException("got " + inputs.length + " input rows for " + batch + " sequences of "
                    + time + " positions");
        }
        for (int s = 0; s < inputs.length; s++) {
            if (inputs[s].length != c.dModel()) {
                throw new IllegalArgumentException("input row " + s + " has " + inputs[s].length + " values, the model"
                        + " width is " + c.dModel());
            }
        }
        float[][] out = new float[batch][];
        JvmSession session = hiddenScratch.get();
        for (int from = 0; from < batch; from += HIDDEN_CHUNK) {
            int m = Math.min(HIDDEN_CHUNK, batch - from);
            int n = m * time;
            int[] row = new int[n];
            int[] pos = new int[n];
            int[] last = new int[m];
            for (int s = 0; s < n; s++) {
                row[s] = s / time;
                pos[s] = s % time;
            }
            for (int b = 0; b < m; b++) {
                last[b] = b * time + time - 1;
            }
            float[][] part = Arrays.copyOfRange(inputs, from * time, from * time + n);
            float[][] h = session.forwardInputs(row, pos, part, last);
            System.arraycopy(h, 0, out, from, m);
        }
        return out;
    }

    /** Receives the inputs of the matrices during {@link #trace}. */
    interface ActivationObserver {
        void accept(String matrix, float[][] inputs, int n);
    }

    /** A batch of sequences with their float-array KV cache. */
    public final class JvmSession implements Session {
        private final int batch;
        private final int kvDim = c.kvHeads() * c.headSize();
        private final float[][] keys;
        private final float[][] values;
        private final int[] pads;
        private int position;
        private boolean closed;
        private ActivationObserver observer;
        private boolean wantAll;
        private float[][] lastAll;
        private Buffers buffers;
        /** One step's scratch per group of a decode step cut over the threads ({@link #decodeGroups}). */
        private Buffers[] groupBuffers;

        JvmSession(int batch) {
            this.batch = batch;
            this.pads = new int[batch];
            keys = new float[c.layers()][];
            values = new float[c.layers()][];
            for (int i = 0; i < c.layers(); i++) {
                keys[i] = new float[batch * c.contextLength() * kvDim];
                values[i] = new float[batch * c.contextLength() * kvDim];
            }
        }

        @Override
        public float[][] prefill(int[][] ids, int[] pads) {
            check();
            if (position != 0) {
                throw new IllegalStateException("prefill needs an empty cache, it holds " + position + " positions");
            }
            if (ids.length != batch || pads.length != batch) {
                throw new IllegalArgumentException("prefill got " + ids.length + " rows and " + pads.length
                        + " pads for a batch of " + batch);
            }
            int t = ids[0].length;
            if (t == 0) {
                throw new IllegalArgumentException("prefill needs at least one position");
            }
            if (t > c.contextLength()) {
                throw new IllegalArgumentException("prompt of " + t + " positions exceeds the context length "
                        + c.contextLength());
            }
            int n = 0;
            for (int b = 0; b < batch; b++) {
                if (ids[b].length != t) {
                    throw new IllegalArgumentException("prefill row " + b + " has " + ids[b].length
                            + " ids, row 0 has " + t);
                }
                if (pads[b] < 0 || pads[b] >= t) {
                    throw new IllegalArgumentException("row " + b + " pads " + pads[b] + " of " + t
                            + " positions; at least one real token is needed");
                }
                n += t - pads[b];
            }
            System.arraycopy(pads, 0, this.pads, 0, batch);
            int[] row = new int[n];
            int[] pos = new int[n];
            int[] tok = new int[n];
            int[] last = new int[batch];
            int s = 0;
            for (int b = 0; b < batch; b++) {
                for (int j = pads[b]; j < t; j++) {
                    row[s] = b;
                    pos[s] = j;
                    tok[s] = ids[b][j];
                    s++;
                }
                last[b] = s - 1;
            }
            float[][] out;
            if (wantAll) {
                int[] all = new int[n];
                for (int k = 0; k < n; k++) {
                    all[k] = k;
                }
                lastAll = forward(row, pos, tok, all);
                out = new float[][] {lastAll[n - 1]};
            } else {
                out = forward(row, pos, tok, last);
            }
            position = t;
            return out;
        }

        float[][] prefillAll(int[] ids) {
            wantAll = true;
            prefill(new int[][] {ids}, new int[] {0});
            return lastAll;
        }

        @Override
        public float[][] decode(int[] ids) {
            check();
            if (ids.length != batch) {
                throw new IllegalArgumentException("decode got " + ids.length + " ids for a batch of " + batch);
            }
            if (position == 0) {
                throw new IllegalStateException("decode before prefill");
            }
            if (position >= c.contextLength()) {
                throw new IllegalArgumentException("the cache is full: " + position + " positions of context "
                        + c.contextLength());
            }
            int[] row = new int[batch];
            int[] pos = new int[batch];
            for (int b = 0; b < batch; b++) {
                row[b] = b;
                pos[b] = position;
            }
            float[][] out = step(row, pos, ids.clone());
            position++;
            return out;
        }

        /**
         * One decode step of slots that each belong to a different row and add one position (row, cache position,
         * token): writes their keys and values into the cache and returns every slot's logits. With enough slots
         * the step is cut into groups of consecutive slots, each run whole by one thread ({@link #decodeGroups}).
         */
        float[][] step(int[] row, int[] pos, int[] tok) {
            int n = row.length;
            for (int s = 0; s < n; s++) {
                if (tok[s] < 0 || tok[s] >= c.vocabSize()) { // before any group writes its cache rows
                    throw new IllegalArgumentException("token id " + tok[s] + " (row " + row[s] + ", position "
                            + pos[s] + ") is outside the vocabulary of " + c.vocabSize());
                }
            }
            int groups = decodeGroups(n);
            if (groups == 1) {
                int[] want = new int[n];
                for (int s = 0; s < n; s++) {
                    want[s] = s;
                }
                return forward(row, pos, tok, want);
            }
            float[][] out = new float[n][];
            int per = (n + groups - 1) / groups;
            Buffers[] bufs = groupBuffers(groups, per); // on this thread: the groups only read the array
            ParallelMatVec.forEach(groups, g -> {
                int s0 = Math.min(n, g * per);
                int s1 = Math.min(n, s0 + per);
                int m = s1 - s0;
                if (m == 0) {
                    return;
                }
                int[] want = new int[m];
                for (int s = 0; s < m; s++) {
                    want[s] = s;
                }
                // each group runs the whole step on this thread: no hand-off between threads per product
                int before = ParallelMatVec.threadsOfCurrentThread();
                ParallelMatVec.limitCurrentThread(1);
                try {
                    float[][] o = forward(bufs[g], Arrays.copyOfRange(row, s0, s1),
                            Arrays.copyOfRange(pos, s0, s1), Arrays.copyOfRange(tok, s0, s1), want);
                    System.arraycopy(o, 0, out, s0, m);
                } finally {
                    ParallelMatVec.limitCurrentThread(before == ParallelMatVec.THREADS ? 0 : before);
                }
            });
            return out;
        }

        /**
         * How many groups of sequences a decode step is cut into, each run whole by one thread: one per thread
         * the caller may use once every group has at least {@link #DECODE_GROUP_MIN} sequences (the matrix
         * products of a small group still reuse each weight load), else one group whose products are split over
         * the threads. Either way each sequence's arithmetic is the same (a product's output row does not depend
         * on the other rows beside it), so the tokens do not change.
         */
        private int decodeGroups(int n) {
            int threads = ParallelMatVec.threadsOfCurrentThread();
            return threads > 1 && n >= DECODE_GROUP_MIN * threads ? threads : 1;
        }

        /** The buffers of {@code groups} groups of up to {@code n} slots each, made or grown on the calling thread. */
        private Buffers[] groupBuffers(int groups, int n) {
            if (groupBuffers == null || groupBuffers.length < groups) {
                groupBuffers = Arrays.copyOf(groupBuffers == null ? new Buffers[0] : groupBuffers, groups);
            }
            for (int g = 0; g < groups; g++) {
                if (groupBuffers[g] == null || groupBuffers[g].n < n) {
                    groupBuffers[g] = new Buffers(n);
                }
            }
            return groupBuffers;
        }

        private void check() {
            if (closed) {
                throw new IllegalStateException("session is closed");
            }
        }

        /**
         * Runs slots (row, cache position, token) through the blocks, writing each slot's key and
         * value into the cache of its row; returns the logits of the slots in {@code want}.
         */
        float[][] forward(int[] row, int[] pos, int[] tok, int[] want) {
            return forward(buffers(row.length), row, pos, tok, want);
        }

        private float[][] forward(Buffers buf, int[] row, int[] pos, int[] tok, int[] want) {
            int n = row.length;
            int d = c.dModel();
            int vocab = c.vocabSize();
            float[][] x = buf.x;
            for (int s = 0; s < n; s++) {
                if (tok[s] < 0 || tok[s] >= vocab) {
                    throw new IllegalArgumentException("token id " + tok[s] + " (row " + row[s] + ", position "
                            + pos[s] + ") is outside the vocabulary of " + vocab);
                }
                System.arraycopy(wte, tok[s] * d, x[s], 0, d);
            }
            float[][] normed = blocks(buf, row, pos, want);
            float[][] logits = new float[want.length][vocab];
            matmul(-1, JvmWeights.HEAD, head, normed, want.length, logits);
            return logits;
        }

        /**
         * Runs slots whose input embeddings are given (a continuous modality's adapter output) through the blocks;
         * returns the final-normed hidden states of the slots in {@code want}.
         */
        float[][] forwardInputs(int[] row, int[] pos, float[][] inputs, int[] want) {
            int n = row.length;
            Buffers buf = buffers(n);
            float[][] x = buf.x;
            for (int s = 0; s < n; s++) {
                System.arraycopy(inputs[s], 0, x[s], 0, c.dModel());
            }
            return blocks(buf, row, pos, want);
        }

        /**
         * Adds the position embeddings (GPT-2 blocks) to the inputs in the step's buffer {@code x}, runs them
         * through the blocks, writing each slot's key and value into its row's cache, and returns the final-normed
         * hidden states of the slots in {@code want}.
         */
        private float[][] blocks(Buffers buf, int[] row, int[] pos, int[] want) {
            int n = row.length;
            int d = c.dModel();
            boolean gpt2 = c.architecture() == Architecture.GPT2;
            float[][] x = buf.x;
            if (gpt2) {
                for (int s = 0; s < n; s++) {
                    int p = pos[s] - pads[row[s]];
                    for (int k = 0; k < d; k++) {
                        x[s][k] += wpe[p * d + k];
                    }
                }
            }
            float[][] hbuf = buf.h;
            float[][] qkvOut = buf.qkv;
            float[][] att = buf.att;
            float[][] projOut = buf.proj;
            float[][] upOut = buf.up;
            float[][] act = buf.act;
            float[][] downOut = buf.down;
            int d4 = 4 * d;
            int ff = c.ffHidden();
            for (int i = 0; i < c.layers(); i++) {
                int layer = i;
                rows(n, d4, (s0, s1) -> norm(x, s0, s1, norm1[layer], norm1Bias[layer], hbuf));
                matmul(i, ParameterSpec.ATTN_QKV_WEIGHT, qkv[i], hbuf, n, qkvOut);
                rows(n, qkvOut[0].length, (s0, s1) -> addBias(qkvOut, s0, s1, qkvBias[layer]));
                attention(buf, i, row, pos, qkvOut, att);
                matmul(i, ParameterSpec.ATTN_PROJ_WEIGHT, proj[i], att, n, projOut);
                rows(n, d4, (s0, s1) -> {
                    addBiasInto(x, projOut, s0, s1, projBias[layer]);
                    norm(x, s0, s1, norm2[layer], norm2Bias[layer], hbuf);
                });
                if (gpt2) {
                    matmul(i, ParameterSpec.MLP_FC1_WEIGHT, up[i], hbuf, n, upOut);
                    Kernels kernels = Kernels.get();
                    rows(n, 64L * ff, (s0, s1) -> {
                        for (int s = s0; s < s1; s++) {
                            kernels.gelu(upOut[s], upBias[layer], act[s], ff);
                        }
                    });
                    matmul(i, ParameterSpec.MLP_FC2_WEIGHT, down[i], act, n, downOut);
                } else {
                    matmul(i, ParameterSpec.MLP_GATE_UP_WEIGHT, up[i], hbuf, n, upOut);
                    Kernels kernels = Kernels.get();
                    rows(n, 32L * ff, (s0, s1) -> {
                        for (int s = s0; s < s1; s++) {
                            kernels.siluGate(upOut[s], ff, act[s]);
                        }
                    });
                    matmul(i, ParameterSpec.MLP_DOWN_WEIGHT, down[i], act, n, downOut);
                }
                rows(n, d, (s0, s1) -> addBiasInto(x, downOut, s0, s1, downBias[layer]));
            }
            float[][] sel = new float[want.length][];
            for (int k = 0; k < want.length; k++) {
                sel[k] = x[want[k]];
            }
            float[][] normed = new float[want.length][d];
            norm(sel, 0, sel.length, normF, normFBias, normed);
            return normed;
        }

        /** Scratch arrays for a step of {@code n} slots, kept while steps fit in them. */
        private Buffers buffers(int n) {
            if (buffers == null || buffers.n < n) {
                buffers = new Buffers(n);
            }
            return buffers;
        }

        private void matmul(int layer, String name, Linear m, float[][] in, int n, float[][] out) {
            if (observer != null) {
                observer.accept(layer < 0 ? name : block(layer, name), in, n);
            }
            ParallelMatVec.multiply(m, in, n, out);
        }

        /** Applies rotary, writes K/V of every slot to the cache, then attends each slot causally. */
        private void attention(Buffers buf, int layer, int[] row, int[] pos, float[][] qkvOut, float[][] att) {
            int hd = c.headSize();
            int h = c.heads();
            int kvh = c.kvHeads();
            int ctx = c.contextLength();
            float[] kc = keys[layer];
            float[] vc = values[layer];
            int n = row.length;
            for (int s = 0; s < n; s++) {
                float[] v = qkvOut[s];
                if (ropeCos != null) {
                    int p = pos[s] - pads[row[s]];
                    for (int head = 0; head < h + kvh; head++) {
                        rotate(v, head * hd, p * hd, hd);
                    }
                }
                // keys transposed, (row, kv head, dim) x position, so a query's scores are vector FMAs
                // over positions; values (row, position) x kvDim, added up row by row
                int keyBase = row[s] * kvh * hd * ctx + pos[s];
                for (int j = 0; j < kvDim; j++) {
                    kc[keyBase + j * ctx] = v[h * hd + j];
                }
                System.arraycopy(v, (h + kvh) * hd, vc, (row[s] * ctx + pos[s]) * kvDim, kvDim);
            }
            // blocks of up to Kernels#attentionBlock consecutive slots of one row at consecutive positions (a
            // prompt's): their queries share each key and value load; blocks x heads are cut over the threads
            int most = Kernels.get().attentionBlock();
            int[] starts = new int[n + 1];
            int blocks = 0;
            long work = 0;
            for (int s = 0; s < n; blocks++) {
                starts[blocks] = s;
                int e = s + 1;
                while (e < n && e - s < most && row[e] == row[s] && pos[e] == pos[e - 1] + 1) {
                    e++;
                }
                for (; s < e; s++) {
                    work += pos[s] - pads[row[s]] + 1;
                }
            }
            starts[blocks] = n;
            int units = blocks * h;
            int parts = ParallelMatVec.parts(work * 2 * hd * h, units);
            ParallelMatVec.forEach(parts, part -> {
                for (int u = part; u < units; u += parts) {
                    attend(layer, row, pos, qkvOut, att, starts[u / h], starts[u / h + 1], u % h, buf.scores[part]);
                }
            });
        }

        /**
         * One head of the queries of slots {@code s0 <= s < s1} (one row, consecutive positions):
         * scores against the row's cached keys, softmax, and the weighted sum of its values.
         */
        private void attend(int layer, int[] row, int[] pos, float[][] qkvOut, float[][] att, int s0, int s1,
                int head, float[][] scores) {
            int hd = c.headSize();
            int kvh = c.kvHeads();
            int ctx = c.contextLength();
            int kvHead = head / (c.heads() / kvh);
            int r = row[s0];
            int first = pads[r];
            int m = s1 - s0;
            Kernels k = Kernels.get();
            float scale = (float) (1.0 / Math.sqrt(hd));
            k.scoresBlock(qkvOut, s0, m, head * hd, keys[layer], (r * kvh + kvHead) * hd * ctx, ctx, hd, first,
                    pos[s1 - 1] + 1, scale, scores);
            for (int j = 0; j < m; j++) {
                int to = pos[s0 + j] + 1;
                k.scale(scores[j], first, to, 1f / k.expShifted(scores[j], first, to, k.max(scores[j], first, to)));
            }
            k.weightedSumBlock(scores, m, first, pos[s0] + 1, values[layer], r * ctx * kvDim + kvHead * hd, kvDim, att,
                    s0, head * hd, hd);
        }

        private void rotate(float[] v, int off, int table, int hd) {
            int half = hd / 2;
            for (int i = 0; i < half; i++) {
                float a = v[off + i];
                float b = v[off + i + half];
                v[off + i] = a * ropeCos[table + i] - b * ropeSin[table + i];
                v[off + i + half] = b * ropeCos[table + i + half] + a * ropeSin[table + i + half];
            }
        }

        @Override
        public int position() {
            return position;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Per-step scratch arrays of one session. */
    private final class Buffers {
        final int n;
        final float[][] x;
        final float[][] h;
        final float[][] qkv;
        final float[][] att;
        final float[][] proj;
        final float[][] up;
        final float[][] act;
        final float[][] down;
        /** Per thread of the pool: the softmax rows of a block of queries. */
        final float[][][] scores;

        Buffers(int n) {
            this.n = n;
            int d = c.dModel();
            x = new float[n][d];
            h = new float[n][d];
            qkv = new float[n][JvmDecodeEngine.this.qkv[0].rows];
            att = new float[n][c.heads() * c.headSize()];
            proj = new float[n][d];
            up = new float[n][JvmDecodeEngine.this.up[0].rows];
            act = new float[n][c.ffHidden()];
            down = new float[n][d];
            scores = new float[ParallelMatVec.THREADS][Kernels.get().attentionBlock()][c.contextLength()];
        }
    }

    /** A step's work on rows {@code s0 <= s < s1} of its slots. */
    private interface RowRange {
        void run(int s0, int s1);
    }

    /**
     * Runs a per-row step over {@code n} rows of about {@code perRow} operations each: on the caller, or
     * cut into row ranges over the pool threads when the whole is worth it (a long prompt).
     */
    private static void rows(int n, long perRow, RowRange task) {
        int parts = ParallelMatVec.parts(n * perRow, n);
        if (parts == 1) {
            task.run(0, n);
            return;
        }
        int per = (n + parts - 1) / parts;
        ParallelMatVec.forEach(parts, part -> task.run(Math.min(n, part * per), Math.min(n, (part + 1) * per)));
    }

    /** LayerNorm when {@code bias} is given (GPT-2 blocks), RMSNorm otherwise, of rows {@code s0 <= s < s1}. */
    private void norm(float[][] x, int s0, int s1, float[] g, float[] bias, float[][] out) {
        if (bias != null) {
            layerNorm(x, s0, s1, g, bias, out);
        } else {
            rmsNorm(x, s0, s1, g, out);
        }
    }

    private void layerNorm(float[][] x, int s0, int s1, float[] g, float[] bias, float[][] out) {
        int d = c.dModel();
        for (int s = s0; s < s1; s++) {
            float[] v = x[s];
            double mean = 0;
            for (int k = 0; k < d; k++) {
                mean += v[k];
            }
            mean /= d;
            double var = 0;
            for (int k = 0; k < d; k++) {
                double t = v[k] - mean;
                var += t * t;
            }
            var /= d;
            float inv = (float) (1.0 / Math.sqrt(var + c.normEps()));
            float m = (float) mean;
            float[] o = out[s];
            for (int k = 0; k < d; k++) {
                o[k] = (v[k] - m) * inv * g[k] + bias[k];
            }
        }
    }

    private void rmsNorm(float[][] x, int s0, int s1, float[] g, float[][] out) {
        int d = c.dModel();
        for (int s = s0; s < s1; s++) {
            float[] v = x[s];
            double ss = 0;
            for (int k = 0; k < d; k++) {
                ss += (double) v[k] * v[k];
            }
            float rms = (float) Math.sqrt(ss / d + c.normEps());
            float[] o = out[s];
            for (int k = 0; k < d; k++) {
                o[k] = v[k] / rms * g[k];
            }
        }
    }

    private static void addBias(float[][] y, int s0, int s1, float[] bias) {
        if (bias == null) {
            return;
        }
        for (int s = s0; s < s1; s++) {
            float[] v = y[s];
            for (int k = 0; k < bias.length; k++) {
                v[k] += bias[k];
            }
        }
    }

    /** {@code x += y + bias} row by row (the bias, if any, added to {@code y} first). */
    private static void addBiasInto(float[][] x, float[][] y, int s0, int s1, float[] bias) {
        for (int s = s0; s < s1; s++) {
            float[] a = x[s];
            float[] b = y[s];
            if (bias == null) {
                for (int k = 0; k < a.length; k++) {
                    a[k] += b[k];
                }
            } else {
                for (int k = 0; k < a.length; k++) {
                    a[k] += b[k] + bias[k];
                }
            }
        }
    }
}
