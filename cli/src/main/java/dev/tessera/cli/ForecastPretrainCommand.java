package dev.tessera.cli;

import dev.tessera.core.io.Json;
import dev.tessera.core.io.Limits;
import dev.tessera.timeseries.forecast.PretrainRecipe;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tessera forecast-pretrain}: trains the zero-shot forecaster on generated series only
 * ({@link PretrainRecipe#defaults}) and saves it with its provenance.
 */
@Command(name = "forecast-pretrain", mixinStandardHelpOptions = true,
        description = "Trains the pretrained (zero-shot) forecaster on generated series only (KernelSynth, "
                + "StructuredSynth, TSMixup; never a real series) and saves it as a bundle with its recipe. Checkpoints "
                + "go to <out>.ckpt unless --checkpoint names another file.")
public final class ForecastPretrainCommand implements Callable<Integer> {

    @Option(names = "--steps", description = "Optimizer steps (default: ${DEFAULT-VALUE}, the shipped model's recipe; "
            + "20,000 steps scored worse on the 22 series, session 19).")
    int steps = 10_000;

    @Option(names = "--seed", description = "Seed of data, sampling and initialisation (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--out", required = true, description = "The bundle to write (.tessera).")
    Path out;

    @picocli.CommandLine.Mixin
    CheckpointOptions checkpointing;

    @Override
    public Integer call() throws Exception {
        Limits.argument(steps, 1, 10_000_000, "--steps");
        PretrainRecipe recipe = PretrainRecipe.defaults(steps, seed);
        PretrainRecipe.Trained t = recipe.train(System.err::println,
                checkpointing.checkpoints(out.resolveSibling(out.getFileName() + ".ckpt"), "pretrain",
                        Json.COMPACT.toJson(recipe.training()), "patch_model", Json.COMPACT.toJson(recipe.model())));
        try (var model = t.model()) {
            t.save(recipe, out);
        }
        System.out.printf(Locale.ROOT, "wrote %s: %d steps, final loss %.4f, %.1f s%n", out, steps, t.finalLoss(),
                t.seconds());
        return 0;
    }
}
