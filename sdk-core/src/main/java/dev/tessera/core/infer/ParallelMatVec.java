package dev.tessera.core.infer;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The JVM engine's threads: multiplies a {@link Linear} by a batch of vectors, and runs other work cut
 * into parts ({@link #forEach}: attention, a long prompt's per-row steps), over a small fixed set of
 * daemon threads when the work is large enough to pay for the hand-off (system properties
 * {@code tessera.infer.threads}, default the processor count, and {@code tessera.infer.parallelWork},
 * default 131072 multiply-adds). A thread may be limited to fewer ({@link JvmEngineThreads}: a Spark task
 * thread uses one, so that Spark's task slots, not the engine, spread the work over the cores).
 *
 * <p>A product's weight panels (or its vectors) are cut into parts; every part is claimed exactly once, by a pool thread or by
 * the caller (which works through the parts no pool thread has started, so a busy machine does not make
 * it wait), and the call returns only after every claimed part has finished writing. Each output row is
 * computed by one thread with the same arithmetic however the parts fall, so the result does not depend
 * on the number of threads or on which thread ran what.
 *
 * <p>A product takes microseconds, about what it takes to wake a parked thread, so the pool threads
 * spin for {@code tessera.infer.spinMicros} (default 200) after each part before they park: while a
 * model runs they pick up the next product at once. (Handing parts to an executor made two threads
 * slower than one: session 13.)
 */
final class ParallelMatVec {
    static final int THREADS = Math.max(1, Integer.getInteger("tessera.infer.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final long MIN_WORK = Long.getLong("tessera.infer.parallelWork", 131072L);
    private static final long SPIN_NANOS = 1000L * Long.getLong("tessera.infer.spinMicros", 200L);
    /** Products waiting for pool threads; each is offered once per pool thread it could use. */
    private static final ConcurrentLinkedQueue<Split> QUEUE = new ConcurrentLinkedQueue<>();
    private static final Worker[] WORKERS = startWorkers(THREADS - 1);
    /**
     * Batches of at least this many vectors are split by vectors when the weight panels do not divide
     * evenly over the threads; smaller ones always by panels.
     */
    static final int ROW_SPLIT = 8;
    /** The most threads a call from this thread may use ({@link JvmEngineThreads}); 0 = {@link #THREADS}. */
    private static final ThreadLocal<int[]> CALLER_LIMIT = ThreadLocal.withInitial(() -> new int[1]);

    private ParallelMatVec() { }

    /** Limits the calls made on the current thread to {@code threads} threads (0 = all of the pool's). */
    static void limitCurrentThread(int threads) {
        CALLER_LIMIT.get()[0] = threads;
    }

    /** @return the most threads a call from the current thread may use */
    static int threadsOfCurrentThread() {
        int limit = CALLER_LIMIT.get()[0];
        return limit == 0 ? THREADS : Math.min(limit, THREADS);
    }

    /** {@code ys[i] = W xs[i]} for {@code i < n}; the weight panels are split over the threads. */
    static void multiply(Linear w, float[][] xs, int n, float[][] ys) {
        long work = (long) w.rows * w.cols * n;
        int panels = w.panels();
        // by panels where they divide evenly (each thread then reads only its share of the weights), else
        // a batch of at least ROW_SPLIT vectors by vectors
        boolean byVectors = n >= ROW_SPLIT && panels % THREADS != 0;
        int parts = parts(work, byVectors ? n / 4 : panels);
        if (parts == 1) {
            w.multiplyPanels(0, panels, xs, n, ys);
        } else if (byVectors) {
            // cut by vectors, in blocks of four (the kernels' widest)
            int per = (n / 4 + parts - 1) / parts * 4;
            forEach(parts, part -> {
                int r0 = Math.min(n, part * per);
                int r1 = part == parts - 1 ? n : Math.min(n, r0 + per);
                if (r1 > r0) {
                    w.multiplyPanels(0, panels, Arrays.copyOfRange(xs, r0, r1), r1 - r0, Arrays.copyOfRange(ys, r0, r1));
                }
            });
        } else {
            int chunk = (panels + parts - 1) / parts;
            forEach(parts, part -> {
                int p0 = Math.min(panels, part * chunk);
                w.multiplyPanels(p0, Math.min(panels, p0 + chunk), xs, n, ys);
            });
        }
    }

    /**
     * How many parts to cut work of {@code work} multiply-adds into: one (the caller alone) below
     * {@code tessera.infer.parallelWork}, else one per thread, at most {@code units}.
     */
    static int parts(long work, int units) {
        if (WORKERS.length == 0 || work < MIN_WORK) {
            return 1;
        }
        return Math.max(1, Math.min(threadsOfCurrentThread(), units));
    }

    /**
     * Runs {@code task.accept(part)} for every {@code part < parts}, each exactly once, on the caller
     * and the pool threads; returns when all have finished (rethrowing a part's failure). Parts must
     * write to disjoint memory.
     */
    static void forEach(int parts, IntConsumer task) {
        if (parts <= 1 || WORKERS.length == 0) {
            for (int part = 0; part < parts; part++) {
                task.accept(part);
            }
            return;
        }
        new Split(task, parts).run();
    }

    private static Worker[] startWorkers(int n) {
        Worker[] workers = new Worker[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker();
            Thread t = new Thread(workers[i], "tessera-matvec-" + (i + 1));
            t.setDaemon(true);
            workers[i].thread = t;
            t.start();
        }
        return workers;
    }

    /** Offers a product to the pool threads, waking those that parked. */
    private static void offer(Split job, int copies) {
        for (int i = 0; i < copies; i++) {
            QUEUE.offer(job);
        }
        for (Worker w : WORKERS) {
            if (w.parked) {
                LockSupport.unpark(w.thread);
            }
        }
    }

    /** A pool thread: takes products from the queue, spinning a while before it parks. */
    private static final class Worker implements Runnable {
        volatile boolean parked;
        Thread thread;

        @Override
        public void run() {
            while (true) {
                Split job = QUEUE.poll();
                long until = System.nanoTime() + SPIN_NANOS;
                while (job == null && System.nanoTime() < until) {
                    Thread.onSpinWait();
                    job = QUEUE.poll();
                }
                if (job == null) {
                    parked = true; // then look once more: an offer made before this write is seen here
                    job = QUEUE.poll();
                    if (job == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
                if (job != null) {
                    job.work();
                }
            }
        }
    }

    /** Work cut into parts that the caller and the pool threads claim one at a time. */
    private static final class Split {
        private final IntConsumer task;
        private final int parts;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Split(IntConsumer task, int parts) {
            this.task = task;
            this.parts = parts;
        }

        void run() {
            offer(this, parts - 1);
            work();
            // every part is claimed now; wait (spinning: parts take microseconds) for the claimed ones
            long spins = 0;
            while (done.get() < parts) {
                if (++spins < 100_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield(); // a pool thread was descheduled mid-part
                }
            }
            for (int i = 1; i < parts && QUEUE.remove(this); i++) {
                // the copies no pool thread took: nothing left to claim in them
            }
            if (failure != null) {
                throw new IllegalStateException("a parallel part of the JVM engine failed", failure);
            }
        }

        /** Claims and runs parts until none is left. */
        private void work() {
            for (int part = next.getAndIncrement(); part < parts; part = next.getAndIncrement()) {
                try {
                    task.accept(part);
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }
}
