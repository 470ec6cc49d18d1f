package dev.tessera.cli;

import dev.tessera.core.io.Limits;
import dev.tessera.samples.vision.VisionEvaluation;
import dev.tessera.vision.task.ImageSampling;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera vision-eval}: tokenizers, backbone and scores for one image data set. */
@Command(name = "vision-eval", mixinStandardHelpOptions = true,
        description = "Trains (or loads) the image tokenizers and the vision model and prints reconstruction, "
                + "captioning and generation scores; with --json the last line is one JSON object. The backbone's "
                + "checkpoints go to <out>/vision-backbone.ckpt unless --checkpoint names another file.")
public final class VisionEvalCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;

    @Option(names = "--data", description = "fashion-mnist, shapes, or a folder with train/ and test/ "
            + "(one sub-folder per label). Default: ${DEFAULT-VALUE}.")
    String data = "fashion-mnist";

    @Option(names = "--model", description = "A saved vision model (.tessera bundle) to evaluate instead of training one.")
    Path model;

    @Option(names = "--cache", description = "Folder of trained tokenizers and classifiers, reused across runs "
            + "(default: ${DEFAULT-VALUE}).")
    Path cache = Path.of("out", "cache", "vision");

    @Option(names = "--out", description = "Output folder for the sample grid and the model (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "vision");

    @Option(names = "--lm-steps", description = "Backbone training steps (default: the full budget).")
    Integer lmSteps;

    @Option(names = "--vq-steps", description = "VQ training steps when no cached tokenizer exists (default: the full budget).")
    Integer vqSteps;

    @Option(names = "--lm-layers", description = "Backbone blocks (default: the full budget's).")
    Integer lmLayers;

    @Option(names = "--lm-dim", description = "Backbone width d_model (default: the full budget's).")
    Integer lmDim;

    @Option(names = "--lm-batch", description = "Sequences per backbone step (default: the full budget's).")
    Integer lmBatch;

    @Option(names = "--lr", description = "Backbone peak learning rate (default: the full budget's).")
    Double lr;

    @Option(names = "--captioning-fraction", description = "Fraction of image-to-text training sequences "
            + "(default: the full budget's).")
    Double captioningFraction;

    @Option(names = "--caption-weight", description = "Loss weight of the caption (its bytes, END and EOS) in "
            + "image-to-text sequences, in (0, 100] (default: the full budget's, 4).")
    Double captionWeight;

    @Option(names = "--temperature", description = "Text-to-image sampling temperature (default: the full budget's).")
    Double temperature;

    @Option(names = "--guidance", description = "Text-to-image classifier-free guidance scale, 1 = off (default: "
            + "the one of 1, 1.5, 2, 3 whose samples are closest in FID to held-out training images).")
    Double guidance;

    @Option(names = "--top-k", description = "Text-to-image top-k, 0 = off (default: the full budget's).")
    Integer topK;

    @Option(names = "--samples-per-label", description = "Generated images per label (default: the full budget's).")
    Integer samplesPerLabel;

    @Option(names = "--eval-every", description = "Log the loss of a fixed held-back batch every N backbone steps, "
            + "0 = only at the end (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--caption-images", description = "Test images to caption, 0 = all (default: all).")
    Integer captionImages;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Mixin
    CheckpointOptions checkpointing;

    @Override
    public Integer call() throws Exception {
        VisionEvaluation.Budget b = VisionEvaluation.Budget.full();
        b = b.withBackbone(lmSteps != null ? lmSteps : b.lmSteps(), lmBatch != null ? lmBatch : b.lmBatch(),
                lr != null ? lr : b.learningRate(),
                VisionEvaluation.Budget.backbone(lmLayers != null ? lmLayers : b.backbone().layers(),
                        b.backbone().heads(), lmDim != null ? lmDim : b.backbone().dModel()));
        b = b.withEvaluation(vqSteps != null ? vqSteps : b.vqSteps(),
                captionImages != null ? captionImages : b.captionImages(),
                samplesPerLabel != null ? samplesPerLabel : b.samplesPerLabel(),
                captioningFraction != null ? captioningFraction : b.captioningFraction(),
                new ImageSampling(temperature != null ? temperature : b.sampling().temperature(),
                        topK != null ? topK : b.sampling().topK(), 0)).withEvalEvery(evalEvery);
        if (guidance != null) {
            b = b.withGuidances(guidance);
        }
        if (captionWeight != null) {
            b = b.withCaptionWeight(Limits.argument(captionWeight, Double.MIN_VALUE, 100, "--caption-weight"));
        }
        VisionEvaluation.Result r = VisionEvaluation.run(new VisionEvaluation.Options(data, cache, out, model, b, seed,
                checkpointing.checkpoints(out.resolve("vision-backbone.ckpt"), "data", data, "backbone_training",
                        VisionEvaluation.trainingIdentity(b, seed))), System.err);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", r.data());
        m.put("tokens_per_image", r.tokensPerImage());
        m.put("codebook_size", r.codebookSize());
        m.put("codebook_usage", r.codebookUsage());
        m.put("recon_psnr_db", r.reconPsnrDb());
        m.put("recon_psnr_db_kmeans", r.reconPsnrDbKmeans());
        m.put("caption_accuracy", r.captionAccuracy());
        m.put("caption_accuracy_image_to_text_only", r.captionAccuracyOneWay());
        m.put("caption_image_weight", r.captionImageWeight());
        m.put("caption_weight", b.captionWeight());
        m.put("generation_accuracy", r.generationAccuracy());
        m.put("generation_sampling", Map.of("temperature", b.sampling().temperature(), "top_k", b.sampling().topK(),
                "guidance", r.guidance(), "guidance_candidates", b.guidances()));
        m.put("classifier_accuracy", r.classifierAccuracy());
        m.put("completion_accuracy", r.completionAccuracy());
        m.put("caption_accuracy_per_class", r.captionPerClass().rates());
        m.put("generation_accuracy_per_class", r.generationPerClass().rates());
        if (r.fid() != null) {
            m.put("fid_judge_features", r.fid().generated());
            m.put("fid_judge_features_real_baseline", r.fid().realBaseline());
            m.put("fid_judge_features_per_class", r.fid().generatedPerClass());
            m.put("fid_judge_features_real_baseline_per_class", r.fid().realPerClass());
        }
        m.put("per_class_floor", VisionEvaluation.PER_CLASS_FLOOR);
        m.put("failing_classes", r.failingClasses());
        m.put("grid_png", r.gridPng());
        m.put("seconds", r.seconds());
        output.print(m);
        return 0;
    }
}
