package dev.tessera.samples.vision;

import dev.tessera.samples.demo.DemoContext;
import dev.tessera.samples.demo.DemoPart;
import dev.tessera.samples.demo.DemoResult;
import dev.tessera.vision.eval.VisionEvaluation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vision section of {@code tessera demo}: Fashion-MNIST tokenizers (cached under
 * {@code out/cache/vision}), a small backbone trained on text-to-image and image-to-text, and a grid
 * PNG of generated samples per class.
 */
public final class VisionDemoPart implements DemoPart {
    @Override
    public String name() {
        return "vision";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public DemoResult run(DemoContext context) throws Exception {
        // The demo keeps the quick budget in both modes so `tessera demo` stays within its time limit;
        // `tessera vision-eval` runs the full budget the floors are measured with.
        VisionEvaluation.Budget b = VisionEvaluation.Budget.quick();
        VisionEvaluation.Result r = VisionEvaluation.run(new VisionEvaluation.Options("fashion-mnist",
                context.outDir().getParent().resolve("cache").resolve("vision"), context.outDir(), null, b, context.seed()),
                context.log());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokens_per_image", r.tokensPerImage());
        m.put("codebook_size", r.codebookSize());
        m.put("codebook_usage", r.codebookUsage());
        m.put("recon_psnr_db", r.reconPsnrDb());
        m.put("recon_psnr_db_kmeans", r.reconPsnrDbKmeans());
        m.put("caption_accuracy", r.captionAccuracy());
        m.put("generation_accuracy", r.generationAccuracy());
        m.put("classifier_accuracy", r.classifierAccuracy());
        m.put("completion_accuracy", r.completionAccuracy());
        String png = context.outDir().relativize(java.nio.file.Path.of(r.gridPng())).toString();
        String md = String.format(java.util.Locale.ROOT, "## Vision (Fashion-MNIST)%n%n"
                + "| metric | value |%n|---|---|%n| tokens per image | %d |%n| VQ reconstruction PSNR | %.2f dB |%n"
                + "| k-means PSNR (same budget) | %.2f dB |%n| codebook usage | %.1f%% |%n| image -> text accuracy | %.3f |%n"
                + "| text -> image accuracy (independent classifier) | %.3f |%n| classifier accuracy on real images | %.3f |%n"
                + "| completion accuracy | %.3f |%n%nGenerated samples, one row per class:%n%n![samples](%s)%n",
                r.tokensPerImage(), r.reconPsnrDb(), r.reconPsnrDbKmeans(), 100 * r.codebookUsage(), r.captionAccuracy(),
                r.generationAccuracy(), r.classifierAccuracy(), r.completionAccuracy(), png);
        return new DemoResult(m, md);
    }
}
