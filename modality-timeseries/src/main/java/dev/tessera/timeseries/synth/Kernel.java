package dev.tessera.timeseries.synth;

/**
 * A Gaussian-process covariance function over time in {@code [0, 1]}. The implementations are
 * the KernelSynth bank of the Chronos paper (constant, white noise, linear, RBF, rational
 * quadratic, periodic) and their sums and products.
 */
public interface Kernel {

    /**
     * Evaluates the covariance.
     *
     * @param a the first time
     * @param b the second time
     * @param same whether {@code a} and {@code b} are the same sample (white noise acts only there)
     * @return the covariance
     */
    double k(double a, double b, boolean same);

    /**
     * A constant kernel.
     *
     * @param c the value
     * @return the kernel
     */
    static Kernel constant(double c) {
        return new Named("Constant(" + c + ")", (a, b, s) -> c);
    }

    /**
     * White noise.
     *
     * @param variance the noise variance
     * @return the kernel
     */
    static Kernel white(double variance) {
        return new Named("White(" + variance + ")", (a, b, s) -> s ? variance : 0);
    }

    /**
     * A linear (dot-product) kernel {@code sigma^2 + a * b}.
     *
     * @param sigma the offset
     * @return the kernel
     */
    static Kernel linear(double sigma) {
        return new Named("Linear(" + sigma + ")", (a, b, s) -> sigma * sigma + a * b);
    }

    /**
     * A squared-exponential kernel.
     *
     * @param lengthScale the length scale (in units of the whole series)
     * @return the kernel
     */
    static Kernel rbf(double lengthScale) {
        return new Named("RBF(" + lengthScale + ")",
                (a, b, s) -> Math.exp(-(a - b) * (a - b) / (2 * lengthScale * lengthScale)));
    }

    /**
     * A rational-quadratic kernel with length scale 1.
     *
     * @param alpha the scale-mixture parameter
     * @return the kernel
     */
    static Kernel rationalQuadratic(double alpha) {
        return new Named("RQ(" + alpha + ")", (a, b, s) -> Math.pow(1 + (a - b) * (a - b) / (2 * alpha), -alpha));
    }

    /**
     * A periodic (exp-sine-squared) kernel with length scale 1.
     *
     * @param period the period (in units of the whole series)
     * @return the kernel
     */
    static Kernel periodic(double period) {
        return new Named("Periodic(" + period + ")", (a, b, s) -> {
            double sn = Math.sin(Math.PI * Math.abs(a - b) / period);
            return Math.exp(-2 * sn * sn);
        });
    }

    /**
     * The sum of two kernels.
     *
     * @param x one kernel
     * @param y the other
     * @return {@code x + y}
     */
    static Kernel sum(Kernel x, Kernel y) {
        return new Named("(" + x + " + " + y + ")", (a, b, s) -> x.k(a, b, s) + y.k(a, b, s));
    }

    /**
     * The product of two kernels.
     *
     * @param x one kernel
     * @param y the other
     * @return {@code x * y}
     */
    static Kernel product(Kernel x, Kernel y) {
        return new Named("(" + x + " * " + y + ")", (a, b, s) -> x.k(a, b, s) * y.k(a, b, s));
    }

    /** A kernel with a readable name. */
    final class Named implements Kernel {
        private final String name;
        private final Kernel f;

        Named(String name, Kernel f) {
            this.name = name;
            this.f = f;
        }

        @Override
        public double k(double a, double b, boolean same) {
            return f.k(a, b, same);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
