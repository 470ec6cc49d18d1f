package dev.tessera.core.infer;

/**
 * The inner loops of the JVM engine: dot products on float, int8 and packed int4 rows.
 * {@link #get()} returns the Vector API implementation unless the system property
 * {@code tessera.infer.vector} is {@code false} or the module {@code jdk.incubator.vector} is
 * not loaded (then the scalar loops, written for the JIT).
 */
abstract class Kernels {
    private static final Kernels INSTANCE = choose();

    /**
     * Said once, on standard error, when the Vector API module is absent and nobody chose the scalar loops:
     * decoding is then about half as fast, and nothing else would show it.
     */
    static final String SCALAR_FALLBACK_MESSAGE = "tessera: the JVM decode engine runs without the Vector API, about "
            + "2x slower; add --add-modules jdk.incubator.vector to the java command line (the ./tessera launcher "
            + "does), or set -Dtessera.infer.vector=false to choose the scalar loops and silence this line";

    private static Kernels choose() {
        boolean want = !"false".equalsIgnoreCase(System.getProperty("tessera.infer.vector", "true"));
        if (!want) {
            return new ScalarKernels();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Kernels) Class.forName("dev.tessera.core.infer.VectorKernels").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                System.err.println("tessera: the Vector API kernels could not be loaded (" + e
                        + "); the JVM decode engine uses its scalar loops");
                return new ScalarKernels();
            }
        }
        System.err.println(SCALAR_FALLBACK_MESSAGE);
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
