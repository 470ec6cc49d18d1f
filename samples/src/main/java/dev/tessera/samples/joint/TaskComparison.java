package dev.tessera.samples.joint;

import dev.tessera.core.task.TaskScore;

/**
 * A task's joint-model score beside its single-task model's, with 95% bootstrap intervals over the
 * evaluation set, and whether the joint model is within 5% of the single-task one, judged against the
 * interval of the difference: both models are scored on the same items, so each resample draws the same
 * items for both (a paired bootstrap). The interval covers the evaluation set's sampling only, not the
 * spread between training runs of other seeds.
 *
 * @param jointInterval the joint score's {@code {low, high}}, or null without per-item values
 * @param singleInterval the single-task score's {@code {low, high}}, or null
 * @param shortfall how far the joint score falls short of the single-task one relative to it
 *     ({@code {point, low, high}}; positive = the joint model is worse), or null without a single-task score
 * @param verdict the reading of the shortfall against the 5% line
 */
public record TaskComparison(double[] jointInterval, double[] singleInterval, double[] shortfall, Verdict verdict) {

    /** The line the demo's comparison is drawn at: the joint model may be this much worse. */
    public static final double LINE = 0.05;

    /** How the shortfall reads against {@link #LINE}. */
    public enum Verdict {
        /** The whole interval of the shortfall is at or below 5%: within 5% (or better). */
        WITHIN,
        /** The interval spans the 5% line: the evaluation set cannot tell. */
        UNDECIDED,
        /** The whole interval is above 5%: sharing the backbone cost this task more than 5%. */
        WORSE,
        /** No single-task model (or a score is missing). */
        NOT_RUN
    }

    /**
     * Compares two scores of one task.
     *
     * @param joint the joint model's score, or null
     * @param single the single-task model's score, or null
     * @param seed the resampling seed
     * @return the comparison
     */
    public static TaskComparison of(TaskScore joint, TaskScore single, long seed) {
        double[] ji = joint == null || joint.items() == null ? null : joint.items().interval(seed);
        double[] si = single == null || single.items() == null ? null : single.items().interval(seed + 1);
        if (joint == null || single == null) {
            return new TaskComparison(ji, si, null, Verdict.NOT_RUN);
        }
        double[] d;
        if (joint.items() != null && single.items() != null
                && joint.items().values().length == single.items().values().length) {
            d = joint.items().pairedShortfall(single.items(), joint.higherIsBetter(), seed + 2);
        } else {
            double s = single.score();
            double p = (joint.higherIsBetter() ? s - joint.score() : joint.score() - s) / Math.max(Math.abs(s), 1e-12);
            d = new double[] {p, p, p};
        }
        Verdict v = d[2] <= LINE ? Verdict.WITHIN : d[1] > LINE ? Verdict.WORSE : Verdict.UNDECIDED;
        return new TaskComparison(ji, si, d, v);
    }
}
