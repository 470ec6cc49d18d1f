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

    /** {@code ys[i] = W xs[i]} for {@code i < n}; the weight panels are split over the threads. */
    static void multiply(Linear w, float[][] xs, int n, float[][] ys) {
        long work = (long) w.rows * w.cols * n;
        int panels = w.panels();
        int parts = POOL == null || work < MIN_WORK ? 1 : Math.min(THREADS, panels);
        if (parts == 1) {
            w.multiplyPanels(0, panels, xs, n, ys);
            return;
        }
        Future<?>[] futures = new Future<?>[parts - 1];
        int[][] ranges = new int[parts - 1][];
        int chunk = (panels + parts - 1) / parts;
        for (int p = 1; p < parts; p++) {
            int p0 = Math.min(panels, p * chunk);
            int p1 = Math.min(panels, p0 + chunk);
            ranges[p - 1] = new int[] {p0, p1};
            futures[p - 1] = POOL.submit(() -> w.multiplyPanels(p0, p1, xs, n, ys));
        }
        w.multiplyPanels(0, Math.min(panels, chunk), xs, n, ys);
        // A part no pool thread has started yet (the machine is busy) is done here instead of waited for.
        for (int i = 0; i < futures.length; i++) {
            if (futures[i].cancel(false)) {
                w.multiplyPanels(ranges[i][0], ranges[i][1], xs, n, ys);
            }
        }
        for (Future<?> f : futures) {
            if (f.isCancelled()) {
                continue;
            }
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
