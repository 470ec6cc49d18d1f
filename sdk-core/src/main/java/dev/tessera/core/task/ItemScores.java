package dev.tessera.core.task;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The per-item values behind a task's score (one per evaluated example: 1 or 0 for a correct or wrong
 * answer, a forecast's error ratio...) and how they combine into the score, so the score's uncertainty
 * over the evaluation set can be estimated by resampling the items (a percentile bootstrap).
 *
 * @param values the values, in evaluation order (two models scored on the same items in the same order can
 *     be compared item by item, see {@link #pairedShortfall})
 * @param aggregate how the values make the score
 */
public record ItemScores(double[] values, Aggregate aggregate) {

    /** How item values combine into a score. */
    public enum Aggregate {
        /** The arithmetic mean (accuracy, pass rate). */
        MEAN,
        /** The geometric mean (error ratios such as relative MASE); values must be positive. */
        GEOMETRIC_MEAN
    }

    /** Resamples of a bootstrap: enough for stable 2.5% / 97.5% percentiles at these sizes. */
    public static final int RESAMPLES = 2000;

    /** Validates and copies the values. */
    public ItemScores {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("a score needs at least one item value");
        }
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v) || (aggregate == Aggregate.GEOMETRIC_MEAN && !(v > 0))) {
                throw new IllegalArgumentException("item " + i + " has value " + v + " (must be finite"
                        + (aggregate == Aggregate.GEOMETRIC_MEAN ? " and > 0 for a geometric mean)" : ")"));
            }
        }
    }

    /**
     * Returns a copy of the values.
     *
     * @return the per-item values, in evaluation order
     */
    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * Per-item 0/1 outcomes scored by their mean.
     *
     * @param passed whether each item passed
     * @return the item scores
     */
    public static ItemScores passes(boolean[] passed) {
        double[] v = new double[passed.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = passed[i] ? 1 : 0;
        }
        return new ItemScores(v, Aggregate.MEAN);
    }

    /**
     * Returns the score.
     *
     * @return the aggregate of all values
     */
    public double score() {
        return aggregateOf(values, null);
    }

    /** The aggregate of {@code v[idx[i]]} (or of {@code v} when {@code idx} is null). */
    private double aggregateOf(double[] v, int[] idx) {
        int n = idx == null ? v.length : idx.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = v[idx == null ? i : idx[i]];
            sum += aggregate == Aggregate.MEAN ? x : Math.log(x);
        }
        return aggregate == Aggregate.MEAN ? sum / n : Math.exp(sum / n);
    }

    /**
     * A 95% percentile-bootstrap interval of the score over the evaluation set.
     *
     * @param seed the resampling seed (the same seed gives the same interval)
     * @return {@code {low, high}}
     */
    public double[] interval(long seed) {
        return bootstrap(seed, idx -> aggregateOf(values, idx));
    }

    /**
     * How far this score falls short of another model's on the same items, relative to the other's, with a
     * 95% paired-bootstrap interval: each resample draws the same items for both. The shortfall is
     * {@code (other - this) / |other|} when higher is better and {@code (this - other) / |other|} when lower
     * is, so a positive shortfall means this model is worse.
     *
     * @param other the other model's item scores on the same items, in the same order
     * @param higherIsBetter the metric's direction
     * @param seed the resampling seed
     * @return {@code {shortfall, low, high}}
     * @throws IllegalArgumentException if the two were not scored on the same number of items or the same way
     */
    public double[] pairedShortfall(ItemScores other, boolean higherIsBetter, long seed) {
        if (other.values.length != values.length || other.aggregate != aggregate) {
            throw new IllegalArgumentException("paired comparison needs the same items: " + values.length + " "
                    + aggregate + " vs " + other.values.length + " " + other.aggregate);
        }
        double[] ci = bootstrap(seed, idx -> shortfall(aggregateOf(values, idx), other.aggregateOf(other.values, idx),
                higherIsBetter));
        return new double[] {shortfall(score(), other.score(), higherIsBetter), ci[0], ci[1]};
    }

    /** The 2.5% and 97.5% percentiles of a statistic over {@link #RESAMPLES} resamples of the items. */
    private double[] bootstrap(long seed, ToDoubleFunction<int[]> statistic) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[RESAMPLES];
        int[] idx = new int[values.length];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rng.nextInt(values.length);
            }
            stats[r] = statistic.applyAsDouble(idx);
        }
        return percentiles(stats);
    }

    private static double shortfall(double mine, double theirs, boolean higherIsBetter) {
        double scale = Math.max(Math.abs(theirs), 1e-12);
        return (higherIsBetter ? theirs - mine : mine - theirs) / scale;
    }

    private static double[] percentiles(double[] stats) {
        double[] s = stats.clone();
        Arrays.sort(s);
        return new double[] {s[(int) Math.floor(0.025 * (s.length - 1))], s[(int) Math.ceil(0.975 * (s.length - 1))]};
    }
}
