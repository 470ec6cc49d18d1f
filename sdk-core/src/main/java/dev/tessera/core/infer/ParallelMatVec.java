package dev.tessera.core.infer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Multiplies a {@link Linear} by a batch of vectors, splitting the output rows over a small
 * fixed pool of daemon threads when the product is large enough to pay for the hand-off
 * (system properties {@code tessera.infer.threads}, default the processor count, and
 * {@code tessera.infer.parallelWork}, default 131072 multiply-adds).
 *
 * <p>The weight panels are cut into parts; every part is claimed exactly once, by a pool thread or by
 * the caller (which works through the parts no pool thread has started, so a busy machine does not make
 * it wait), and the call returns only after every claimed part has finished writing. Each output row is
 * computed by one thread with the same arithmetic however the parts fall, so the result does not depend
 * on the number of threads or on which thread ran what.
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
        new Split(w, xs, n, ys, panels, parts).run();
    }

    /** One product cut into parts that the caller and the pool threads claim one at a time. */
    private static final class Split {
        private final Linear w;
        private final float[][] xs;
        private final int n;
        private final float[][] ys;
        private final int panels;
        private final int parts;
        private final int chunk;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch finished;
        private volatile Throwable failure;

        Split(Linear w, float[][] xs, int n, float[][] ys, int panels, int parts) {
            this.w = w;
            this.xs = xs;
            this.n = n;
            this.ys = ys;
            this.panels = panels;
            this.parts = parts;
            this.chunk = (panels + parts - 1) / parts;
            this.finished = new CountDownLatch(parts);
        }

        void run() {
            for (int i = 1; i < parts; i++) {
                POOL.execute(this::work);
            }
            work();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a matrix-vector product", e);
            }
            if (failure != null) {
                throw new IllegalStateException("matrix-vector product failed", failure);
            }
        }

        /** Claims and computes parts until none is left. */
        private void work() {
            for (int part = next.getAndIncrement(); part < parts; part = next.getAndIncrement()) {
                int p0 = Math.min(panels, part * chunk);
                int p1 = Math.min(panels, p0 + chunk);
                try {
                    w.multiplyPanels(p0, p1, xs, n, ys);
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    finished.countDown();
                }
            }
        }
    }
}
