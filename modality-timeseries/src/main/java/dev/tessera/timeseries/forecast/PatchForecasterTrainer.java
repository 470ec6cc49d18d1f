package dev.tessera.timeseries.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.bundle.Provenance;
import dev.tessera.core.io.Json;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.StepMetrics;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingDivergedException;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.util.NativeArrays;
import dev.tessera.timeseries.synth.KernelSynth;
import dev.tessera.timeseries.tokenize.RevIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link PatchForecastModel} with the core {@link TrainingLoop} (AdamW, warm-up and cosine,
 * global-norm clipping; {@link #trainingConfig}): each step samples a batch of {@link TrainingWindows} deterministically from
 * {@code (seed, step)}, normalises each target with its context's {@link RevIn} and minimises the
 * pinball loss of the quantile head at the last position.
 *
 * <p>Only the last position is trained: the normalisation statistics come from the whole context,
 * so earlier positions would see statistics of values after them.
 */
public final class PatchForecasterTrainer {
    private PatchForecasterTrainer() { }

    /**
     * Generates the KernelSynth pool of a config.
     *
     * @param cfg the training config
     * @return the synthetic series
     */
    public static List<double[]> syntheticPool(PretrainConfig cfg) {
        if (cfg.syntheticSeries() == 0) {
            return List.of();
        }
        return new KernelSynth(cfg.syntheticLength(), 5, 4).generate(cfg.syntheticSeries(), cfg.seed());
    }

    /**
     * The optimiser and schedule of a config: AdamW (0.9, 0.99, eps 1e-8, weight decay 0.01 on matrices),
     * linear warm-up over the first 5% of steps, cosine to a tenth of the peak, global-norm clipping at 1.0.
     *
     * @param cfg the training config
     * @return the core training config
     */
    public static TrainingConfig trainingConfig(PretrainConfig cfg) {
        return new TrainingConfig(cfg.steps(), cfg.learningRate(), cfg.learningRate() / 10,
                Math.max(1, cfg.steps() / 20), 0.01, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, cfg.seed());
    }

    /**
     * Trains a model with the core {@link TrainingLoop} ({@link #trainingConfig}).
     *
     * @param model the model to train (in place)
     * @param cfg the training config
     * @param synthetic the synthetic pool (see {@link #syntheticPool})
     * @param real the user's training series (never their test parts), may be empty
     * @param progress receives a line of progress every 100 steps, or {@code null}
     * @return the mean loss of the last 20 steps
     * @throws TrainingDivergedException if the loss stops being finite
     */
    public static double train(PatchForecastModel model, PretrainConfig cfg, List<double[]> synthetic,
            List<double[]> real, Consumer<String> progress) {
        try {
            return train(model, cfg, synthetic, real, progress, Checkpoints.NONE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("patch forecaster training: " + e.getMessage(), e);
        }
    }

    /**
     * Trains a model as {@link #train(PatchForecastModel, PretrainConfig, List, List, Consumer)} does, surviving a
     * kill: a checkpoint is written atomically every {@code checkpoints.every()} steps and at the end, and a run
     * given {@code checkpoints.resumeFrom()} continues from one after checking that it belongs to the same run
     * (model shape, training config, and the digest of the user's series; the synthetic pool follows from the
     * config). Each step's batch depends only on the seed and the step, so a resumed run ends with the weights
     * of an uninterrupted one.
     *
     * @param model the model to train (in place)
     * @param cfg the training config
     * @param synthetic the synthetic pool (see {@link #syntheticPool})
     * @param real the user's training series, may be empty
     * @param progress receives a line of progress every 100 steps, or {@code null}
     * @param checkpoints where and how often to checkpoint, and what to resume from
     * @param listeners more listeners of the training loop
     * @return the mean loss of the last 20 steps
     * @throws java.io.IOException if a checkpoint cannot be written or read
     * @throws IllegalArgumentException if the checkpoint belongs to another run
     * @throws TrainingDivergedException if the loss stops being finite
     */
    public static double train(PatchForecastModel model, PretrainConfig cfg, List<double[]> synthetic,
            List<double[]> real, Consumer<String> progress, Checkpoints checkpoints, TrainingListener... listeners)
            throws java.io.IOException {
        PatchModelConfig mc = model.config();
        TrainingWindows windows = new TrainingWindows(synthetic, real, cfg.realFraction(), cfg.mixupFraction(),
                cfg.structuredFraction(), mc);
        NDManager base = model.backbone().manager();
        try (TrainingLoop loop = new TrainingLoop(model.backbone(), trainingConfig(cfg))) {
            loop.identity("patch_model", Json.COMPACT.toJson(mc)).identity("pretrain", Json.COMPACT.toJson(cfg))
                    .identity("real_series_sha256", Provenance.sha256(real.toArray(new double[0][])));
            for (TrainingListener l : listeners) {
                loop.listener(l);
            }
            if (loop.checkpoints(checkpoints) && progress != null) {
                progress.accept("resumed from " + checkpoints.resumeFrom() + " at step " + loop.startStep() + " of "
                        + cfg.steps());
            }
            if (progress != null) {
                loop.listener(new TrainingListener() {
                    @Override
                    public void onStep(StepMetrics m) {
                        if ((m.step() + 1) % 100 == 0 || m.step() + 1 == m.totalSteps()) {
                            progress.accept(String.format(Locale.ROOT, "step %d/%d loss %.4f %.1fs", m.step() + 1,
                                    m.totalSteps(), m.loss(), m.elapsedSeconds()));
                        }
                    }
                });
            }
            return loop.run((step, micro) -> {
                SplittableRandom rng = new SplittableRandom(cfg.seed() * 1_000_003L + step * 31);
                List<double[]> ctx = new ArrayList<>(cfg.batchSize());
                List<double[]> tgt = new ArrayList<>(cfg.batchSize());
                for (int i = 0; i < cfg.batchSize(); i++) {
                    TrainingWindows.Window w = windows.sample(rng);
                    ctx.add(w.context());
                    tgt.add(w.target());
                }
                PatchForecastModel.Encoded enc = model.encode(ctx);
                int o = mc.outputLength();
                float[] y = new float[cfg.batchSize() * o];
                float[] mask = new float[y.length];
                for (int i = 0; i < cfg.batchSize(); i++) {
                    RevIn norm = enc.norms()[i];
                    double[] t = tgt.get(i);
                    for (int k = 0; k < o; k++) {
                        if (!Double.isNaN(t[k])) {
                            y[i * o + k] = (float) Math.max(-50, Math.min(50, norm.normalize(t[k])));
                            mask[i * o + k] = 1f;
                        }
                    }
                }
                // the loop's NDScope closes every array created during the step
                NDArray pred = model.predict(enc, base);
                NDArray target = NativeArrays.floats(base, y, new Shape(cfg.batchSize(), o));
                NDArray mk = NativeArrays.floats(base, mask, new Shape(cfg.batchSize(), o));
                return model.pinballLoss(pred, target, mk);
            }).finalLoss();
        }
    }
}
