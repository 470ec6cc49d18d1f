package dev.tessera.samples.pointcloud;

import java.util.LinkedHashMap;
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
        m.put("seconds", r.seconds());
        return m;
    }
}
