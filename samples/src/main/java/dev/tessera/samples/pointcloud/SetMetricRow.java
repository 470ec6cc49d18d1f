package dev.tessera.samples.pointcloud;

import dev.tessera.pointcloud.eval.SetMetrics;

/**
 * One line of shape-eval's set-metric table: COV, MMD and 1-NNA of the generated shapes under one
 * distance, protocol and resolution, beside the same metrics for a second set of real held-out
 * shapes (the ceiling a generator that samples the real distribution reaches at this sample size).
 *
 * @param distance the shape distance ({@link dev.tessera.pointcloud.eval.SetDistance#key()})
 * @param protocol {@code "pooled"} (all classes in one set, as the original {@code cov} and {@code one_nna})
 *     or {@code "per_class_mean"} (each class's generated shapes against its own held-out shapes, the mean
 *     over classes: PointFlow's per-category protocol)
 * @param depth octree depth both sets are compared at
 * @param generated the generated shapes against the reference set
 * @param realVsReal the second real set against the same reference set
 */
public record SetMetricRow(String distance, String protocol, int depth, SetMetrics generated, SetMetrics realVsReal) {
    /** Validates the fields. */
    public SetMetricRow {
        java.util.Objects.requireNonNull(distance, "distance");
        java.util.Objects.requireNonNull(protocol, "protocol");
        java.util.Objects.requireNonNull(generated, "generated");
        java.util.Objects.requireNonNull(realVsReal, "realVsReal");
    }

    /** @return a short name for the row, e.g. {@code "emd/per_class_mean@3"} */
    public String name() {
        return distance + "/" + protocol + "@" + depth;
    }
}
