package dev.tessera.core.util;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.Callable;

/**
 * The PyTorch engine's intra-op thread count, which decides whether training is reproducible: with one
 * thread every kernel here is deterministic, so the same seed gives the same weights bit for bit; with
 * more, some CPU kernels split their sums by thread and the last bits can differ between runs (see the
 * project README). The count is normally fixed at engine start by {@code -Dai.djl.pytorch.num_threads}.
 *
 * <p>Thread-safety: the setting is global to the process; do not change it while another thread runs
 * engine work.
 */
public final class EngineThreads {
    private EngineThreads() { }

    /** @return the current intra-op thread count */
    public static int intraOp() {
        loadEngine();
        return JniUtils.getNumThreads();
    }

    /** Loads the PyTorch engine (and its native library) if nothing has yet. */
    private static void loadEngine() {
        ai.djl.engine.Engine.getEngine("PyTorch");
    }

    /**
     * Runs work with a given intra-op thread count, then restores the previous count.
     *
     * @param threads the count, at least 1
     * @param work the work
     * @param <T> its result type
     * @return the work's result
     * @throws Exception whatever the work throws
     */
    public static <T> T with(int threads, Callable<T> work) throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("threads (" + threads + ") must be >= 1");
        }
        loadEngine();
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        try {
            return work.call();
        } finally {
            JniUtils.setNumThreads(before);
        }
    }
}
