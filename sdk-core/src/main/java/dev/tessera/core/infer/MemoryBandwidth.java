package dev.tessera.core.infer;

/** Measures sustained memory read bandwidth with a streaming sum over a buffer much larger than the caches. */
public final class MemoryBandwidth {
    private MemoryBandwidth() { }

    /**
     * Reads a {@code megabytes} float buffer {@code passes} times with as many threads as the decode
     * engine's matrix products use ({@code tessera.infer.threads}), each summing its own slice, and
     * returns the best pass's rate (the first pass also warms the JIT). One thread alone reads this
     * machine's memory at about half the rate two do, so a one-thread bound would flatter the engine.
     *
     * @param megabytes buffer size (e.g. 256, well above the last-level cache)
     * @param passes number of timed passes
     * @return bytes per second
     */
    public static double readBytesPerSecond(int megabytes, int passes) {
        float[] buf = new float[megabytes * 1024 * 256];
        for (int i = 0; i < buf.length; i++) {
            buf[i] = i & 7;
        }
        int threads = ParallelMatVec.THREADS;
        int slice = buf.length / threads;
        double best = 0;
        float[] sums = new float[threads];
        for (int p = 0; p < passes + 1; p++) {
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int from = t * slice;
                int n = t == threads - 1 ? buf.length - from : slice;
                int id = t;
                ts[t] = new Thread(() -> sums[id] += Kernels.get().dot(buf, from, buf, from, n), "tessera-bandwidth");
            }
            long t0 = System.nanoTime();
            for (Thread t : ts) {
                t.start();
            }
            for (Thread t : ts) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while measuring memory bandwidth", e);
                }
            }
            long t1 = System.nanoTime();
            if (p > 0) {
                best = Math.max(best, 4.0 * buf.length / ((t1 - t0) * 1e-9));
            }
        }
        float sink = 0;
        for (float v : sums) {
            sink += v;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return best;
    }
}
