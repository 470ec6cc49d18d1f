package dev.tessera.samples.vision;

import dev.tessera.core.io.Json;
import dev.tessera.vision.eval.VisionEvaluation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera vision-eval}: tokenizers, backbone and scores for one image data set. */
@Command(name = "vision-eval", mixinStandardHelpOptions = true,
        description = "Trains (or loads) the image tokenizers and the vision model and prints reconstruction, "
                + "captioning and generation scores; with --json the last line is one JSON object.")
public final class VisionEvalCommand implements Callable<Integer> {

    @Option(names = "--data", description = "fashion-mnist, shapes, or a folder with train/ and test/ "
            + "(one sub-folder per label). Default: ${DEFAULT-VALUE}.")
    String data = "fashion-mnist";

    @Option(names = "--model", description = "A saved vision model (.model.safetensors) to evaluate instead of training one.")
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

    @Option(names = "--caption-images", description = "Test images to caption, 0 = all (default: all).")
    Integer captionImages;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        VisionEvaluation.Budget b = VisionEvaluation.Budget.full();
        b = new VisionEvaluation.Budget(vqSteps != null ? vqSteps : b.vqSteps(), lmSteps != null ? lmSteps : b.lmSteps(),
                b.lmBatch(), captionImages != null ? captionImages : b.captionImages(), b.samplesPerLabel(),
                new dev.tessera.vision.task.VisionLanguageModel.Size(lmLayers != null ? lmLayers : b.size().layers(),
                        b.size().heads(), lmDim != null ? lmDim : b.size().dModel()));
        VisionEvaluation.Result r = VisionEvaluation.run(new VisionEvaluation.Options(data, cache, out, model, b, seed),
                System.err);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", r.data());
        m.put("tokens_per_image", r.tokensPerImage());
        m.put("codebook_size", r.codebookSize());
        m.put("codebook_usage", r.codebookUsage());
        m.put("recon_psnr_db", r.reconPsnrDb());
        m.put("recon_psnr_db_kmeans", r.reconPsnrDbKmeans());
        m.put("caption_accuracy", r.captionAccuracy());
        m.put("generation_accuracy", r.generationAccuracy());
        m.put("classifier_accuracy", r.classifierAccuracy());
        m.put("completion_accuracy", r.completionAccuracy());
        m.put("grid_png", r.gridPng());
        m.put("seconds", r.seconds());
        if (json) {
            System.out.println(Json.COMPACT.toJson(m));
        } else {
            m.forEach((k, v) -> System.out.println(k + ": " + v));
        }
        return 0;
    }
}
