package dev.tessera.core.infer;

/** Measures sustained memory read bandwidth with a streaming sum over a buffer much larger than the caches. */
public final class MemoryBandwidth {
    private MemoryBandwidth() { }

    /**
     * Reads a {@code megabytes} float buffer {@code passes} times on the calling thread and
     * returns the best pass's rate (the first pass also warms the JIT).
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
        Kernels k = Kernels.get();
        double best = 0;
        float sink = 0;
        for (int p = 0; p < passes + 1; p++) {
            long t0 = System.nanoTime();
            sink += k.dot(buf, 0, buf, 0, buf.length);
            long t1 = System.nanoTime();
            if (p > 0) {
                best = Math.max(best, 4.0 * buf.length / ((t1 - t0) * 1e-9));
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return best;
    }
}
