package dev.tessera.text.bpe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encodes many texts with one {@link ByteLevelBpe} on a fixed set of worker threads. The workers
 * (and so their per-thread word caches) live until {@link #close()}, so repeated batches stay
 * warm. Texts are handed out one at a time from a shared counter, which balances uneven lengths.
 */
public final class BatchEncoder implements AutoCloseable {
    private final ByteLevelBpe bpe;
    private final int threads;
    private final ExecutorService pool;

    BatchEncoder(ByteLevelBpe bpe, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.bpe = bpe;
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tessera-bpe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the number of worker threads */
    public int threads() {
        return threads;
    }

    /**
     * Encodes texts.
     *
     * @param texts the texts
     * @param policy the special-token policy
     * @return the ids of each text, in input order
     * @throws IllegalArgumentException the first encoding error (the message names the text's index)
     */
    public int[][] encode(List<String> texts, SpecialTokenPolicy policy) {
        int[][] out = new int[texts.size()][];
        if (pool == null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = encodeOne(texts, i, policy);
            }
            return out;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < out.length) {
                    out[i] = encodeOne(texts, i, policy);
                }
            }));
        }
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding a batch", e);
        } catch (ExecutionException e) {
            next.set(out.length);
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new IllegalStateException(c);
        }
        return out;
    }

    private int[] encodeOne(List<String> texts, int i, SpecialTokenPolicy policy) {
        try {
            return bpe.encode(texts.get(i), policy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("text #" + i + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
