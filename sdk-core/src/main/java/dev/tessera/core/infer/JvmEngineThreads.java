package dev.tessera.core.infer;

/**
 * How many threads the JVM engine's calls made on the current thread may use. By default a call spreads a large
 * product over all of the engine's threads (system property {@code tessera.infer.threads}, default the processor
 * count). A caller that already runs one thread per core, such as a Spark executor running one task per core,
 * limits each of its threads to one, so that the engine does not put two threads' work on every core.
 *
 * <pre>{@code
 * JvmEngineThreads.limitCurrentThread(1); // this thread's engine calls run on this thread only
 * }</pre>
 *
 * <p>The limit is per thread (like PyTorch's intra-op thread setting) and stays until changed. It never changes a
 * result: each output value is computed with the same arithmetic however the work is split. PyTorch's own
 * (process-wide) thread count, which training uses, is {@link dev.tessera.core.util.EngineThreads}.
 */
public final class JvmEngineThreads {
    private JvmEngineThreads() { }

    /**
     * Limits the JVM engine calls made on the current thread to at most {@code threads} threads, this one included.
     *
     * @param threads at least 1; or 0 to lift the limit (all of the engine's threads)
     * @throws IllegalArgumentException if {@code threads} is negative
     */
    public static void limitCurrentThread(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("engine threads (" + threads + ") must be >= 0 (0 = no limit)");
        }
        ParallelMatVec.limitCurrentThread(threads);
    }

    /** @return the most threads an engine call made on the current thread uses */
    public static int ofCurrentThread() {
        return ParallelMatVec.threadsOfCurrentThread();
    }

    /** @return the engine's threads (property {@code tessera.infer.threads}, default the processor count) */
    public static int available() {
        return ParallelMatVec.THREADS;
    }
}
