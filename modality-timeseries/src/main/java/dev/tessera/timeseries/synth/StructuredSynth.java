package dev.tessera.timeseries.synth;

import java.util.SplittableRandom;

/**
 * Synthetic series built from the parts real series are made of, each switched on at random:
 * a level with a linear, damped, piecewise or exponential trend; a seasonal cycle at a period
 * typical of a sampling frequency (a random Fourier shape whose amplitude drifts, added or
 * multiplied in); an asymmetric long cycle of non-integer period (population-like cycles);
 * ARMA noise, random walks with drift and heteroscedastic noise; level shifts (regime changes);
 * isolated spikes; and intermittent demand (mostly zeros, random sizes). About half the series
 * are made positive by exponentiation (multiplicative behaviour). Deterministic for a seed; every
 * value finite.
 *
 * <p>Written for this project as a complement to {@link KernelSynth}, whose Gaussian-process paths
 * are smooth and stationary in scale: neither generator ever reads a real series.
 */
public final class StructuredSynth {
    /** Seasonal periods drawn for the cycle (hourly 24, daily 7, monthly 12, quarterly 4, weekly 52...). */
    static final int[] PERIODS = {4, 4, 12, 12, 12, 7, 7, 24, 52, 5, 6, 13, 26};
    private final int minLength;
    private final int maxLength;

    /**
     * Creates a generator of series with lengths drawn log-uniformly in {@code [minLength, maxLength]}.
     *
     * @param minLength the shortest series
     * @param maxLength the longest series
     */
    public StructuredSynth(int minLength, int maxLength) {
        if (minLength < 8 || maxLength < minLength || maxLength > 100_000) {
            throw new IllegalArgumentException("lengths must satisfy 8 <= minLength (" + minLength
                    + ") <= maxLength (" + maxLength + ") <= 100000");
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /**
     * Draws one series.
     *
     * @param rng the random source
     * @return the series
     */
    public double[] next(SplittableRandom rng) {
        int n = (int) Math.round(Math.exp(Math.log(minLength)
                + rng.nextDouble() * (Math.log(maxLength) - Math.log(minLength))));
        if (rng.nextDouble() < 0.08) {
            return intermittent(n, rng);
        }
        double[] x = new double[n];
        addTrend(x, rng);
        double noiseScale = Math.exp(uniform(rng, Math.log(0.02), Math.log(1.0)));
        if (rng.nextDouble() < 0.7) {
            addSeason(x, rng, 0.3 + 2.5 * rng.nextDouble());
        }
        if (rng.nextDouble() < 0.15) {
            addLongCycle(x, rng);
        }
        addNoise(x, rng, noiseScale);
        if (rng.nextDouble() < 0.2) {
            addLevelShifts(x, rng, noiseScale);
        }
        if (rng.nextDouble() < 0.15) {
            addSpikes(x, rng, noiseScale);
        }
        if (rng.nextDouble() < 0.5) {
            // multiplicative: a log-scale series; keep the log range moderate so exp stays finite
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double range = Math.max(hi - lo, 1e-9);
            double target = uniform(rng, 0.2, 3.0);
            for (int t = 0; t < n; t++) {
                x[t] = Math.exp((x[t] - lo) / range * target);
            }
        }
        double scale = Math.exp(uniform(rng, Math.log(0.01), Math.log(1e4)));
        double offset = rng.nextDouble() < 0.5 ? 0 : uniform(rng, -2, 10) * scale;
        for (int t = 0; t < n; t++) {
            x[t] = x[t] * scale + offset;
        }
        return x;
    }

    private static void addTrend(double[] x, SplittableRandom rng) {
        int n = x.length;
        double slope = rng.nextGaussian() * 3 / n;
        switch (rng.nextInt(5)) {
            case 0 -> { } // level only
            case 1 -> {
                for (int t = 0; t < n; t++) {
                    x[t] += slope * t;
                }
            }
            case 2 -> { // damped: the slope decays
                double phi = uniform(rng, 0.9, 0.999);
                double s = slope * 3;
                double level = 0;
                for (int t = 0; t < n; t++) {
                    level += s;
                    s *= phi;
                    x[t] += level;
                }
            }
            case 3 -> { // piecewise linear with 1-3 changes of slope
                int k = 1 + rng.nextInt(3);
                double level = 0;
                double s = slope;
                int next = 1 + rng.nextInt(n);
                for (int t = 0; t < n; t++) {
                    if (t == next && k-- > 0) {
                        s = rng.nextGaussian() * 3 / n;
                        next = t + 1 + rng.nextInt(n);
                    }
                    level += s;
                    x[t] += level;
                }
            }
            default -> { // quadratic / logistic-like growth
                double c = rng.nextGaussian() * 2;
                for (int t = 0; t < n; t++) {
                    double u = (double) t / n;
                    x[t] += slope * t + c * u * u;
                }
            }
        }
    }

    private static void addSeason(double[] x, SplittableRandom rng, double amplitude) {
        int n = x.length;
        int m = PERIODS[rng.nextInt(PERIODS.length)];
        int harmonics = 1 + rng.nextInt(Math.max(1, Math.min(4, m / 2)));
        double[] a = new double[harmonics];
        double[] phase = new double[harmonics];
        for (int k = 0; k < harmonics; k++) {
            a[k] = rng.nextGaussian() / (k + 1);
            phase[k] = rng.nextDouble() * 2 * Math.PI;
        }
        // the cycle's shape is also perturbed per position (sharp, non-sinusoidal patterns)
        double[] bump = new double[m];
        double rough = rng.nextDouble() < 0.4 ? 0.5 : 0;
        for (int j = 0; j < m; j++) {
            bump[j] = rough * rng.nextGaussian();
        }
        double drift = rng.nextDouble() < 0.5 ? 0 : rng.nextGaussian() * 1.5 / n; // amplitude change per step
        for (int t = 0; t < n; t++) {
            double s = bump[t % m];
            for (int k = 0; k < harmonics; k++) {
                s += a[k] * Math.sin(2 * Math.PI * (k + 1) * t / m + phase[k]);
            }
            x[t] += amplitude * s * Math.max(0.05, 1 + drift * t);
        }
    }

    private static void addLongCycle(double[] x, SplittableRandom rng) {
        double period = uniform(rng, 6, 40);
        double skew = uniform(rng, 0, 2.5);
        double amp = uniform(rng, 0.5, 3);
        double phase = rng.nextDouble() * 2 * Math.PI;
        for (int t = 0; t < x.length; t++) {
            double s = Math.sin(2 * Math.PI * t / period + phase);
            x[t] += amp * (Math.exp(skew * s) - 1) / Math.max(1e-9, Math.exp(skew) - 1 + (skew == 0 ? 1 : 0));
        }
    }

    private static void addNoise(double[] x, SplittableRandom rng, double scale) {
        int n = x.length;
        int kind = rng.nextInt(4);
        double phi = kind == 1 ? uniform(rng, -0.5, 0.97) : 0;
        double theta = kind == 1 ? uniform(rng, -0.6, 0.6) : 0;
        double walk = kind == 2 ? uniform(rng, 0.05, 1.0) : 0;
        double drift = kind == 2 && rng.nextBoolean() ? rng.nextGaussian() * scale * 0.2 : 0;
        double hetero = kind == 3 ? uniform(rng, 0.5, 3) : 0;
        double prev = 0;
        double prevE = 0;
        double level = 0;
        for (int t = 0; t < n; t++) {
            double e = rng.nextGaussian() * scale * (1 + hetero * (double) t / n);
            double v = phi * prev + e + theta * prevE;
            prevE = e;
            prev = v;
            level += walk * rng.nextGaussian() * scale + drift;
            x[t] += v + level;
        }
    }

    private static void addLevelShifts(double[] x, SplittableRandom rng, double scale) {
        int k = 1 + rng.nextInt(3);
        for (int i = 0; i < k; i++) {
            int at = rng.nextInt(x.length);
            double jump = rng.nextGaussian() * Math.max(scale * 5, 0.5);
            for (int t = at; t < x.length; t++) {
                x[t] += jump;
            }
        }
    }

    private static void addSpikes(double[] x, SplittableRandom rng, double scale) {
        int k = 1 + rng.nextInt(Math.max(1, x.length / 50));
        for (int i = 0; i < k; i++) {
            x[rng.nextInt(x.length)] += rng.nextGaussian() * Math.max(scale * 8, 1);
        }
    }

    private static double[] intermittent(int n, SplittableRandom rng) {
        double p = uniform(rng, 0.05, 0.6);
        double mean = Math.exp(uniform(rng, 0, 4));
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            if (rng.nextDouble() < p) {
                // a geometric size around the mean demand, at least 1
                x[t] = 1 + Math.floor(-Math.log(1 - rng.nextDouble()) * mean);
            }
        }
        return x;
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + rng.nextDouble() * (hi - lo);
    }
}
