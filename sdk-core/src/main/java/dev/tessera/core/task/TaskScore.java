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
 */
public record TaskScore(String metric, double score, boolean higherIsBetter, Map<String, Object> details,
        List<String> files) {

    /** Copies the collections. */
    public TaskScore {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric needs a name");
        }
        details = new LinkedHashMap<>(details);
        files = List.copyOf(files);
    }
}
