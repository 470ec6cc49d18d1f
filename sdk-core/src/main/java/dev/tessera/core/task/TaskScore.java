package dev.tessera.core.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's score on a trained model.
 *
 * @param metric the metric's name (e.g. {@code "exact_match"}, {@code "relative_mase"})
 * @param score its value
 * @param higherIsBetter whether larger scores are better
 * @param details further numbers for the metrics file (sample counts, secondary metrics)
 * @param files files the evaluation wrote (image grids, plots), relative to the task's output folder
 * @param items the per-item values the score aggregates (for its bootstrap interval and paired comparisons
 *     between models), or null when the score is not an aggregate over items
 */
public record TaskScore(String metric, double score, boolean higherIsBetter, Map<String, Object> details,
        List<String> files, ItemScores items) {

    /** Copies the collections and checks that the score is the items' aggregate. */
    public TaskScore {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric needs a name");
        }
        if (items != null && Math.abs(items.score() - score) > 1e-9 * Math.max(1, Math.abs(score))) {
            throw new IllegalArgumentException(metric + ": score " + score + " is not the aggregate of its items ("
                    + items.score() + ")");
        }
        details = new LinkedHashMap<>(details);
        files = List.copyOf(files);
    }

    /**
     * A score without per-item values (no interval can be given for it).
     *
     * @param metric the metric's name
     * @param score its value
     * @param higherIsBetter whether larger scores are better
     * @param details further numbers for the metrics file
     * @param files files the evaluation wrote
     */
    public TaskScore(String metric, double score, boolean higherIsBetter, Map<String, Object> details,
            List<String> files) {
        this(metric, score, higherIsBetter, details, files, null);
    }

    /**
     * A score that aggregates per-item values.
     *
     * @param metric the metric's name
     * @param higherIsBetter whether larger scores are better
     * @param items the per-item values; the score is their aggregate
     * @param details further numbers for the metrics file
     * @param files files the evaluation wrote
     * @return the score
     */
    public static TaskScore of(String metric, boolean higherIsBetter, ItemScores items, Map<String, Object> details,
            List<String> files) {
        return new TaskScore(metric, items.score(), higherIsBetter, details, files, items);
    }
}
