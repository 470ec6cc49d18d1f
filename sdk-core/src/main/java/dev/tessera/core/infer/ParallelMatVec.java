package dev.tessera.core.infer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * Multiplies a {@link Linear} by a batch of vectors, splitting the output rows over a small
 * fixed pool of daemon threads when the product is large enough to pay for the hand-off
 * (system properties {@code tessera.infer.threads}, default the processor count, and
 * {@code tessera.infer.parallelWork}, default 131072 multiply-adds).
 */
final class ParallelMatVec {
    static final int THREADS = Math.max(1, Integer.getInteger("tessera.infer.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final long MIN_WORK = Long.getLong("tessera.infer.parallelWork", 131072L);
    private static final ExecutorService POOL = THREADS > 1 ? Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread t = new Thread(r, "tessera-matvec");
        t.setDaemon(true);
        return t;
    }) : null;

    private ParallelMatVec() { }

    /** {@code ys[i] = W xs[i]} for {@code i < n}. */
    static void multiply(Linear w, float[][] xs, int n, float[][] ys) {
        long work = (long) w.rows * w.cols * n;
        int parts = POOL == null || work < MIN_WORK ? 1 : Math.min(THREADS, Math.max(1, w.rows / 16));
        if (parts == 1) {
            w.multiplyRows(0, w.rows, xs, n, ys);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        int chunk = (w.rows + parts - 1) / parts;
        for (int p = 1; p < parts; p++) {
            int r0 = Math.min(w.rows, p * chunk);
            int r1 = Math.min(w.rows, r0 + chunk);
            futures[p - 1] = POOL.submit(() -> w.multiplyRows(r0, r1, xs, n, ys));
        }
        w.multiplyRows(0, Math.min(w.rows, chunk), xs, n, ys);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a matrix-vector product", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("matrix-vector product failed", e.getCause());
            }
        }
    }
}
