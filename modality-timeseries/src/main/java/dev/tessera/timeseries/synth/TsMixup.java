package dev.tessera.timeseries.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * TSMixup (Chronos paper): pick 1..{@code maxComponents} series, cut a window of one common
 * length from each, divide each window by its mean absolute value, and mix them with weights
 * drawn from a symmetric Dirichlet({@code alpha}).
 */
public final class TsMixup {
    private final int maxComponents;
    private final double alpha;

    /**
     * Creates a mixer.
     *
     * @param maxComponents the largest number of series mixed (the paper uses 3)
     * @param alpha the Dirichlet concentration (the paper uses 1.5)
     */
    public TsMixup(int maxComponents, double alpha) {
        if (maxComponents < 1 || !(alpha > 0)) {
            throw new IllegalArgumentException("maxComponents (" + maxComponents + ") must be >= 1 and alpha ("
                    + alpha + ") > 0");
        }
        this.maxComponents = maxComponents;
        this.alpha = alpha;
    }

    /**
     * Mixes one series.
     *
     * @param pool the source series (NaN-free)
     * @param length the window length; sources shorter than it are skipped
     * @param rng the random source
     * @return the mixture of {@code length} points
     * @throws IllegalArgumentException if no source has {@code length} points
     */
    public double[] mix(List<double[]> pool, int length, SplittableRandom rng) {
        List<double[]> usable = new ArrayList<>();
        for (double[] s : pool) {
            if (s.length >= length) {
                usable.add(s);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no series in the pool has " + length + " points");
        }
        int k = 1 + rng.nextInt(maxComponents);
        JDKRandomGenerator g = new JDKRandomGenerator(rng.nextInt());
        GammaDistribution gamma = new GammaDistribution(g, alpha, 1.0);
        double[] w = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            w[i] = gamma.sample();
            total += w[i];
        }
        double[] out = new double[length];
        for (int i = 0; i < k; i++) {
            double[] s = usable.get(rng.nextInt(usable.size()));
            int start = rng.nextInt(s.length - length + 1);
            double scale = 0;
            for (int t = 0; t < length; t++) {
                scale += Math.abs(s[start + t]);
            }
            scale = scale > 0 ? scale / length : 1;
            for (int t = 0; t < length; t++) {
                out[t] += w[i] / total * s[start + t] / scale;
            }
        }
        return out;
    }
}
