package dev.tessera.samples.pointcloud;

import dev.tessera.pointcloud.eval.SetMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The flat metrics map of a {@link ShapeEvalResult}, as printed by {@code shape-eval --json}. */
public final class ShapeEvalJson {
    private ShapeEvalJson() { }

    /**
     * @param r a shape evaluation
     * @return its metrics by name, in a fixed order
     */
    public static Map<String, Object> of(ShapeEvalResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("depth", r.depth());
        m.put("tokens_per_shape", r.tokensPerShape());
        m.put("max_tokens_per_shape", r.maxTokensPerShape());
        m.put("recon_depth", r.reconDepth());
        m.put("recon_tokens_per_shape", r.reconTokensPerShape());
        m.put("recon_fscore", r.reconFscore());
        m.put("recon_chamfer", r.reconChamfer());
        m.put("recon_shapes", r.reconShapes());
        m.put("tau", r.tau());
        m.put("classifier_accuracy", r.classifierAccuracy());
        m.put("gen_class_accuracy", r.genClassAccuracy());
        m.put("gen_class_accuracy_per_class", r.perClassAccuracy());
        m.put("cov_per_class", r.perClassCov());
        m.put("cov_real_vs_real_per_class", r.perClassCovRealVsReal());
        m.put("per_class_floor", ShapeEval.PER_CLASS_FLOOR);
        m.put("failing_classes", r.failingClasses());
        m.put("cov", r.cov());
        m.put("mmd", r.mmd());
        m.put("one_nna", r.oneNna());
        m.put("one_nna_raw_512", r.oneNnaRaw());
        m.put("one_nna_tokenizer_only_raw_512", r.oneNnaTokenizerFloor());
        m.put("cov_real_vs_real", r.covRealVsReal());
        m.put("one_nna_real_vs_real", r.oneNnaRealVsReal());
        m.put("generated_equal_to_a_training_shape", r.copiedFraction());
        m.put("train_loss", r.trainLoss());
        m.put("train_seconds", r.trainSeconds());
        m.put("train_tokens_per_s", r.trainTokensPerSecond());
        m.put("generate_seconds", r.generateSeconds());
        m.put("generated", r.generated());
        m.put("normalization", "bounding box centred, longest side 1");
        m.put("set_metric_reference", "held-out procedural shapes through the same tokenizer (voxel centres)");
        m.put("temperature", r.temperature());
        List<Map<String, Object>> trials = new ArrayList<>();
        for (ShapeEvalResult.TemperatureTrial t : r.temperatureTrials()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("temperature", t.temperature());
            x.put("validation_class_accuracy", t.classAccuracy());
            x.put("validation_cov", t.cov());
            x.put("validation_one_nna", t.oneNna());
            trials.add(x);
        }
        m.put("temperature_pick", trials);
        Map<String, Object> table = new LinkedHashMap<>();
        for (SetMetricRow row : r.setMetrics()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("distance", row.distance());
            x.put("protocol", row.protocol());
            x.put("depth", row.depth());
            x.put("generated", metrics(row.generated()));
            x.put("real_vs_real", metrics(row.realVsReal()));
            table.put(row.name(), x);
        }
        m.put("set_metrics", table);
        m.put("seconds", r.seconds());
        return m;
    }

    /**
     * @param s set metrics
     * @return them by name: {@code cov}, {@code cov_ties_shared}, {@code one_nna}, {@code one_nna_ties_shared},
     *     {@code mmd}, {@code generated}, {@code reference}
     */
    public static Map<String, Object> metrics(SetMetrics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cov", s.cov());
        m.put("cov_ties_shared", s.covTiesShared());
        m.put("one_nna", s.oneNna());
        m.put("one_nna_ties_shared", s.oneNnaTiesShared());
        m.put("mmd", s.mmd());
        m.put("generated", s.generated());
        m.put("reference", s.reference());
        return m;
    }
}
