package dev.tessera.timeseries.forecast;

import dev.tessera.core.bundle.Provenance;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.io.Json;
import dev.tessera.timeseries.synth.KernelSynth;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How the pretrained forecaster ({@link PretrainedForecaster}) is made: a {@link PatchForecastModel} of shape
 * {@code model} trained by {@link PatchForecasterTrainer} on generated data only — a {@link KernelSynth} pool,
 * fresh {@link dev.tessera.timeseries.synth.StructuredSynth} series and TSMixup mixtures of both — and
 * never on a real series ({@code training.realFraction()} is 0). Seeded: one thread gives the same weights
 * on every run.
 *
 * @param model the model shape
 * @param training steps, batch, learning rate, the generators' shares and the seed
 */
public record PretrainRecipe(PatchModelConfig model, PretrainConfig training) {
    /** Validates that the recipe sees no real series. */
    public PretrainRecipe {
        if (training.realFraction() != 0) {
            throw new IllegalArgumentException("a pretraining recipe trains on generated data only; realFraction is "
                    + training.realFraction());
        }
    }

    /**
     * The recipe of the shipped model, with another budget or seed: the default shape
     * ({@link PatchModelConfig#defaults()}), batches of 64, peak learning rate 2e-3, a pool of 2,000
     * KernelSynth series of 320 points; windows 45% from fresh StructuredSynth series, 20% TSMixup mixtures,
     * 35% KernelSynth.
     *
     * @param steps optimizer steps
     * @param seed the seed of data, sampling and initialisation
     * @return the recipe
     */
    public static PretrainRecipe defaults(int steps, long seed) {
        return new PretrainRecipe(PatchModelConfig.defaults(),
                new PretrainConfig(steps, 64, 2e-3, 2000, 320, 0, 0.2, seed, 0.45));
    }

    /**
     * Trains a model with this recipe.
     *
     * @param log progress lines (every 100 steps)
     * @return the trained model and how long it took (close the model)
     */
    public Trained train(Consumer<String> log) {
        try {
            return train(log, Checkpoints.NONE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Trains a model with this recipe, checkpointing and resuming as
     * {@link PatchForecasterTrainer#train(PatchForecastModel, PretrainConfig, List, List, Consumer, Checkpoints,
     * dev.tessera.core.train.TrainingListener...)} does (a resumed run ends with an uninterrupted run's weights).
     *
     * @param log progress lines (every 100 steps)
     * @param checkpoints where and how often to checkpoint, and what to resume from
     * @return the trained model and how long it took (close the model)
     * @throws IOException if a checkpoint cannot be written or read
     * @throws IllegalArgumentException if the checkpoint belongs to another run
     */
    public Trained train(Consumer<String> log, Checkpoints checkpoints) throws IOException {
        long t0 = System.nanoTime();
        List<double[]> pool = PatchForecasterTrainer.syntheticPool(training);
        log.accept(String.format(Locale.ROOT, "generated %d KernelSynth series in %.1f s", pool.size(),
                (System.nanoTime() - t0) / 1e9));
        PatchForecastModel m = PatchForecastModel.create(model, training.seed());
        try {
            double loss = PatchForecasterTrainer.train(m, training, pool, List.of(), log, checkpoints);
            return new Trained(m, loss, (System.nanoTime() - t0) / 1e9);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * A trained model with its training time.
     *
     * @param model the model (close it)
     * @param finalLoss the mean pinball loss of the last steps
     * @param seconds the wall time of data generation and training
     */
    public record Trained(PatchForecastModel model, double finalLoss, double seconds) {
        /**
         * Saves the model with this recipe's provenance (see {@link PretrainRecipe#provenance}).
         *
         * @param recipe the recipe that trained it
         * @param file the bundle file
         * @throws IOException on write failure
         */
        public void save(PretrainRecipe recipe, Path file) throws IOException {
            model.save(file, recipe.provenance(finalLoss, seconds));
        }
    }

    /**
     * What the bundle records of how the model was made: the core {@link Provenance} entries (made by, SDK version,
     * commit, date, JVM, steps, seed) and the recipe (model shape and training config as
     * JSON), the generators and their settings, the data statement, the SDK version and commit, the date,
     * the JVM, the threads, the final loss and the wall time.
     *
     * @param finalLoss the final training loss
     * @param seconds the wall time of data generation and training
     * @return ordered entries
     */
    public Map<String, String> provenance(double finalLoss, double seconds) {
        Map<String, String> m = new LinkedHashMap<>(Provenance.begin("tessera forecast-pretrain --steps "
                + training.steps() + " --seed " + training.seed()).withSteps(training.steps())
                .withSeed(training.seed()).toMetadata());
        m.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        m.put("data", "generated only, never a real series: KernelSynth (" + training.syntheticSeries() + " series of "
                + training.syntheticLength() + " points, up to 5 kernels, 4 paths per kernel), StructuredSynth ("
                + Math.round(100 * training.structuredFraction()) + "% of windows), TSMixup ("
                + Math.round(100 * training.mixupFraction()) + "%, up to 3 components, Dirichlet 1.5)");
        m.put("recipe", Json.COMPACT.toJson(this));
        m.put("final_loss", String.format(Locale.ROOT, "%.5f", finalLoss));
        m.put("train_seconds", String.format(Locale.ROOT, "%.1f", seconds));
        return m;
    }
}
