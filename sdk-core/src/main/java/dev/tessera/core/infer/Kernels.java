package dev.tessera.core.infer;

/**
 * The inner loops of the JVM engine: dot products on float, int8 and packed int4 rows.
 * {@link #get()} returns the Vector API implementation unless the system property
 * {@code tessera.infer.vector} is {@code false} or the module {@code jdk.incubator.vector} is
 * not loaded (then the scalar loops, written for the JIT).
 */
abstract class Kernels {
    private static final Kernels INSTANCE = choose();

    private static Kernels choose() {
        boolean want = !"false".equalsIgnoreCase(System.getProperty("tessera.infer.vector", "true"));
        if (want && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Kernels) Class.forName("dev.tessera.core.infer.VectorKernels").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarKernels();
            }
        }
        return new ScalarKernels();
    }

    /** @return the kernels in use */
    static Kernels get() {
        return INSTANCE;
    }

    /** @return "vector" or "scalar" */
    abstract String name();

    /** Sum of {@code a[ao + i] * b[bo + i]} for {@code i < n}. */
    abstract float dot(float[] a, int ao, float[] b, int bo, int n);

    /**
     * Four dot products of consecutive rows with one vector: {@code out[oo + j] = dot(w, wo + j * stride, x, 0, n)}
     * for {@code j < 4}. Reading {@code x} once for four rows keeps four independent accumulation chains busy.
     */
    void dot4(float[] w, int wo, int stride, float[] x, int n, float[] out, int oo) {
        for (int j = 0; j < 4; j++) {
            out[oo + j] = dot(w, wo + j * stride, x, 0, n);
        }
    }

    /** Sum of {@code q[qo + i] * x[xo + i]} for {@code i < n} (int8 weights). */
    abstract float dotI8(byte[] q, int qo, float[] x, int xo, int n);

    /** {@code y[yo + i] += a * x[xo + i]} for {@code i < n}. */
    abstract void axpy(float a, float[] x, int xo, float[] y, int yo, int n);
}
