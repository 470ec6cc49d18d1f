package dev.tessera.timeseries.forecast;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A quantile function from a few predicted quantiles: linear in the normal score
 * {@code z = Phi^-1(level)} between the known levels and extrapolated linearly in z beyond them
 * (a normal-shaped tail). Values are sorted first, so crossing predictions become monotone.
 */
public final class QuantileFunction {
    private static final NormalDistribution NORMAL = new NormalDistribution();
    /** Levels averaged by {@link #mean()}. */
    private static final int MEAN_POINTS = 199;
    /** Their normal scores, computed once (the inverse normal CDF dominated a forecast's cost). */
    private static final double[] MEAN_SCORES = new double[MEAN_POINTS];

    static {
        for (int i = 0; i < MEAN_POINTS; i++) {
            MEAN_SCORES[i] = NORMAL.inverseCumulativeProbability((i + 0.5) / MEAN_POINTS);
        }
    }

    private final double[] z;
    private final double[] q;

    /**
     * Creates the function.
     *
     * @param levels known levels (increasing, at least 2)
     * @param values the predicted quantiles at those levels (sorted here)
     */
    public QuantileFunction(double[] levels, double[] values) {
        this(scores(levels), values, 0);
    }

    private QuantileFunction(double[] scores, double[] values, int unused) {
        if (scores.length < 2 || scores.length != values.length) {
            throw new IllegalArgumentException("need at least 2 levels and one value per level, got " + scores.length
                    + " levels and " + values.length + " values");
        }
        z = scores;
        q = values.clone();
        java.util.Arrays.sort(q);
    }

    /**
     * Creates the function from the normal scores of its levels (computed once with {@link #scores} when many
     * functions share the levels).
     *
     * @param scores {@code Phi^-1(level)} of the known levels, increasing, at least 2 (not copied: do not change)
     * @param values the predicted quantiles at those levels (sorted here)
     * @return the function
     */
    public static QuantileFunction ofScores(double[] scores, double[] values) {
        return new QuantileFunction(scores, values, 0);
    }

    /**
     * The normal scores of levels.
     *
     * @param levels levels in (0, 1)
     * @return {@code Phi^-1(level)} of each
     */
    public static double[] scores(double[] levels) {
        double[] z = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            z[i] = NORMAL.inverseCumulativeProbability(levels[i]);
        }
        return z;
    }

    /**
     * Evaluates at a normal score.
     *
     * @param score {@code Phi^-1(level)}
     * @return the quantile
     */
    public double atScore(double score) {
        return valueIn(segment(score, 0), score);
    }

    /**
     * @return the segment {@code [z[i], z[i+1]]} that {@code score} falls in (the end ones extended), searching
     *     from {@code from}
     */
    private int segment(double score, int from) {
        int n = z.length;
        if (score <= z[0]) {
            return 0;
        }
        if (score >= z[n - 1]) {
            return n - 2;
        }
        int i = from;
        while (z[i + 1] < score) {
            i++;
        }
        return i;
    }

    /** The interpolated value at {@code score} on segment {@code i}. */
    private double valueIn(int i, double score) {
        int n = z.length;
        double w = (score - z[i]) / (z[i + 1] - z[i]);
        double v = q[i] + w * (q[i + 1] - q[i]);
        // never let the tail extrapolation cross back inside the known range
        if (score < z[0]) {
            v = Math.min(v, q[0]);
        } else if (score > z[n - 1]) {
            v = Math.max(v, q[n - 1]);
        }
        return v;
    }

    /**
     * Evaluates at a level.
     *
     * @param level in (0, 1)
     * @return the quantile
     */
    public double at(double level) {
        return atScore(NORMAL.inverseCumulativeProbability(level));
    }

    /**
     * The mean of the distribution, approximated by averaging 199 equally spaced quantiles.
     *
     * @return the mean
     */
    public double mean() {
        double s = 0;
        int i = 0;
        for (double score : MEAN_SCORES) { // ascending, so each segment search goes on from the last
            i = segment(score, i);
            s += valueIn(i, score);
        }
        return s / MEAN_POINTS;
    }
}
