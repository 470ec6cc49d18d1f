package dev.tessera.core.infer;

import dev.tessera.core.generate.FinishReason;
import dev.tessera.core.generate.TokenSampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Many sequences decoded together, each one token per {@link #step()}, through one matrix-matrix
 * product per weight for all of them (each weight panel is read from memory once per step, not once
 * per sequence). Sequences {@linkplain #join join} and {@linkplain #leave leave} between steps —
 * continuous batching — and each has its own cache row, position and {@link TokenSampler} (its own
 * sampling settings, constraints and seed). A sequence's greedy tokens are the same as when it is
 * decoded alone.
 *
 * <pre>{@code
 * // given: JvmDecodeEngine engine, int[] prompt
 * try (BatchSession batch = engine.openBatch(8)) {
 *     batch.join(prompt, new TokenSampler(null, prompt, SamplingConfig.greedy(50), List.of(), 0));
 *     while (batch.active() > 0) {
 *         for (BatchSession.Emitted e : batch.step()) {
 *             System.out.println(e.sequence().id() + ": " + e.token());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Thread safety: {@code join}, {@code leave}, {@code step} and {@code close} are synchronised,
 * so request threads may join and leave while one scheduler thread steps; a join waits for a
 * running step (its prompt is read in before it returns). A sequence's sampler is only touched
 * under the same lock.
 *
 * <p>A sequence whose context fills up finishes with {@link FinishReason#CONTEXT_FULL} (no sliding).
 */
public final class BatchSession implements AutoCloseable {
    private final JvmDecodeEngine.JvmSession cache;
    private final Sequence[] slots;
    private final int context;
    private long nextId;
    private boolean closed;

    BatchSession(JvmDecodeEngine.JvmSession cache, int capacity, int context) {
        this.cache = cache;
        this.slots = new Sequence[capacity];
        this.context = context;
    }

    /** One sequence of the batch. */
    public static final class Sequence {
        private final long id;
        private final int slot;
        private final TokenSampler sampler;
        private float[] pending;
        private int position;
        private boolean active = true;

        private Sequence(long id, int slot, TokenSampler sampler) {
            this.id = id;
            this.slot = slot;
            this.sampler = sampler;
        }

        /** @return a number unique within its batch, in joining order */
        public long id() {
            return id;
        }

        /** @return the sampler (read its tokens and finish reason once the sequence has left) */
        public TokenSampler sampler() {
            return sampler;
        }

        /** @return true until the sequence finishes or leaves */
        public synchronized boolean active() {
            return active;
        }

        private synchronized void deactivate() {
            active = false;
        }
    }

    /**
     * A token one sequence produced in a step.
     *
     * @param sequence the sequence
     * @param token the token, or -1 if its constraints allowed none
     * @param finish why the sequence stopped with this token, or null if it goes on
     */
    public record Emitted(Sequence sequence, int token, FinishReason finish) { }

    /**
     * Adds a sequence: reads its prompt into a free cache row (one matrix-matrix pass over the
     * prompt) so that the next {@link #step()} samples its first token.
     *
     * @param prompt the prompt (global ids), 1 to context length - 1 tokens
     * @param sampler the sequence's sampler (its settings and seed)
     * @return the sequence
     * @throws IllegalStateException if every row is taken or the batch is closed
     * @throws IllegalArgumentException if the prompt is empty, too long or has an id outside the vocabulary
     */
    public synchronized Sequence join(int[] prompt, TokenSampler sampler) {
        check();
        if (prompt.length == 0 || prompt.length >= context) {
            throw new IllegalArgumentException("prompt of " + prompt.length + " tokens: need 1 to " + (context - 1)
                    + " (context " + context + ")");
        }
        int slot = -1;
        for (int i = 0; i < slots.length && slot < 0; i++) {
            if (slots[i] == null) {
                slot = i;
            }
        }
        if (slot < 0) {
            throw new IllegalStateException("the batch is full: " + slots.length + " sequences");
        }
        int t = prompt.length;
        int[] rows = new int[t];
        int[] pos = new int[t];
        for (int j = 0; j < t; j++) {
            rows[j] = slot;
            pos[j] = j;
        }
        float[] logits = cache.forward(rows, pos, prompt.clone(), new int[] {t - 1})[0];
        Sequence s = new Sequence(nextId++, slot, sampler);
        s.pending = logits;
        s.position = t;
        slots[slot] = s;
        return s;
    }

    /**
     * Removes a sequence before it finishes (e.g. its client went away); its row is free for the
     * next join. Leaving twice, or after finishing, does nothing.
     *
     * @param s the sequence
     */
    public synchronized void leave(Sequence s) {
        if (slots[s.slot] == s) {
            slots[s.slot] = null;
        }
        s.deactivate();
    }

    /**
     * Samples one token for every active sequence, retires those that finished, and runs the rest
     * one position further in a single batched pass.
     *
     * @return the tokens of this step, in row order (empty when no sequence is active)
     */
    public synchronized List<Emitted> step() {
        check();
        List<Emitted> out = new ArrayList<>();
        List<Sequence> going = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        for (Sequence s : slots) {
            if (s == null) {
                continue;
            }
            int id = s.sampler.next(s.pending);
            s.pending = null;
            if (!s.sampler.finished() && s.position >= context) {
                s.sampler.finish(FinishReason.CONTEXT_FULL);
            }
            out.add(new Emitted(s, id, s.sampler.finishReason()));
            if (s.sampler.finished()) {
                leave(s);
            } else {
                going.add(s);
                tokens.add(id);
            }
        }
        int n = going.size();
        if (n > 0) {
            int[] rows = new int[n];
            int[] pos = new int[n];
            int[] tok = new int[n];
            for (int i = 0; i < n; i++) {
                Sequence s = going.get(i);
                rows[i] = s.slot;
                pos[i] = s.position;
                tok[i] = tokens.get(i);
            }
            float[][] logits = cache.step(rows, pos, tok);
            for (int i = 0; i < n; i++) {
                Sequence s = going.get(i);
                s.pending = logits[i];
                s.position++;
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** @return the sequences currently in the batch */
    public synchronized int active() {
        int n = 0;
        for (Sequence s : slots) {
            n += s == null ? 0 : 1;
        }
        return n;
    }

    /** @return the most sequences at once */
    public int capacity() {
        return slots.length;
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("batch session is closed");
        }
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].deactivate();
                slots[i] = null;
            }
        }
        closed = true;
        cache.close();
    }
}
