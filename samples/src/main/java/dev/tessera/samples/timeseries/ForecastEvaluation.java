package dev.tessera.samples.timeseries;

import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.eval.Benchmark;
import dev.tessera.timeseries.eval.FineTuning;
import dev.tessera.timeseries.eval.Metrics;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.forecast.ForecastMode;
import dev.tessera.timeseries.forecast.Forecaster;
import dev.tessera.timeseries.forecast.InputHessians;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.forecast.PatchForecasterTrainer;
import dev.tessera.timeseries.forecast.PatchModelConfig;
import dev.tessera.timeseries.forecast.PretrainConfig;
import dev.tessera.timeseries.forecast.PretrainedForecaster;
import dev.tessera.timeseries.forecast.WeightQuantization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The {@code forecast-eval} procedure: take a patch forecaster (the shipped pretrained one, a saved one, or
 * one trained here), optionally fine-tune it, forecast the last {@code h} points of every series of a
 * manifest folder from the rest, and score the forecasts against seasonal naive ({@link Benchmark}).
 *
 * <p>Training here sees KernelSynth series and, unless zero-shot, the training parts of the folder's
 * series (never their test parts). Fine-tuning sees the training parts and backtests on their last h points.
 */
public final class ForecastEvaluation {
    /** Calibration windows for GPTQ, cut from the series' training parts. */
    static final int CALIBRATION_WINDOWS = 32;

    private ForecastEvaluation() { }

    /** Where the model comes from. */
    public enum Source {
        /** The model shipped in modality-timeseries' jar ({@link PretrainedForecaster#load()}). */
        PRETRAINED,
        /** A bundle file. */
        FILE,
        /** Trained in this run. */
        TRAINED
    }

    /**
     * What to run.
     *
     * @param dataDir the manifest folder
     * @param source where the model comes from
     * @param modelFile the bundle when {@code source} is FILE
     * @param model the model shape when training
     * @param pretrain the training config when training
     * @param mode raw, decomposed or the ensemble
     * @param samples sample paths per forecast
     * @param saveModel where to save the trained model, or {@code null}
     * @param quantize the weight format to fake-quantise the backbone to before forecasting (after any saving)
     * @param group the int4 group size
     * @param backtest score on {@link SeriesManifest.Split#backtest()} instead: train and forecast within each
     *     series' training part, so settings can be chosen without the test parts
     * @param fineTuneSteps fine-tune the model on the series' training parts for this many steps first (0 = no)
     * @param checkpoints checkpoints of the training when {@code source} is TRAINED ({@link Checkpoints#NONE}:
     *     none); a resumed run forecasts with the weights of an uninterrupted one
     */
    public record Options(Path dataDir, Source source, Path modelFile, PatchModelConfig model, PretrainConfig pretrain,
            ForecastMode mode, int samples, Path saveModel, WeightQuantization.Scheme quantize, int group,
            boolean backtest, int fineTuneSteps, Checkpoints checkpoints) {
        /** Validates the fields. */
        public Options {
            java.util.Objects.requireNonNull(checkpoints, "checkpoints");
            if (checkpoints.active() && source != Source.TRAINED) {
                throw new IllegalArgumentException("--checkpoint-every and --resume checkpoint the training of a model; "
                        + "with --model or --pretrained nothing is trained here (fine-tuning is not checkpointed)");
            }
        }
    }

    /**
     * The outcome.
     *
     * @param result scores and aggregate
     * @param splits the series
     * @param trainSeconds time spent generating data and training (0 when loaded)
     * @param seconds total time
     * @param trainLoss final training loss (NaN when loaded)
     * @param fineTuned the fine-tuning backtest, or {@code null}
     */
    public record Report(Benchmark.Result result, List<SeriesManifest.Split> splits, double trainSeconds, double seconds,
            double trainLoss, FineTuning fineTuned) { }

    /**
     * Runs the evaluation.
     *
     * @param o the options
     * @param log progress lines
     * @param listeners more listeners of the training loop (tests)
     * @return the report
     * @throws IOException if data or the model cannot be read
     */
    public static Report run(Options o, Consumer<String> log, TrainingListener... listeners) throws IOException {
        long t0 = System.nanoTime();
        SeriesManifest manifest = SeriesManifest.read(o.dataDir());
        List<SeriesManifest.Split> splits = manifest.splits();
        if (o.backtest()) {
            splits = splits.stream().map(SeriesManifest.Split::backtest).toList();
            log.accept("backtest: the last h points of every series' TRAINING part are scored; the test parts are "
                    + "not used");
        }
        double trainSeconds = 0;
        double loss = Double.NaN;
        PatchForecastModel model;
        switch (o.source()) {
            case PRETRAINED -> {
                model = PretrainedForecaster.load(o.mode()).model();
                log.accept("loaded the pretrained forecaster (" + model.provenance().getOrDefault("made_by", "?")
                        + ", " + model.provenance().getOrDefault("data", "") + ")");
            }
            case FILE -> {
                model = PatchForecastModel.load(o.modelFile());
                log.accept("loaded " + o.modelFile());
            }
            default -> {
                long tt = System.nanoTime();
                List<double[]> synth = PatchForecasterTrainer.syntheticPool(o.pretrain());
                log.accept(String.format(Locale.ROOT, "generated %d KernelSynth series in %.1f s", synth.size(),
                        (System.nanoTime() - tt) / 1e9));
                List<double[]> real = new ArrayList<>();
                for (SeriesManifest.Split s : splits) {
                    real.add(s.train().values(0));
                }
                model = PatchForecastModel.create(o.model(), o.pretrain().seed());
                try {
                    loss = PatchForecasterTrainer.train(model, o.pretrain(), synth, real, log, o.checkpoints(),
                            listeners);
                } catch (IOException | RuntimeException e) {
                    model.close();
                    throw e;
                }
                trainSeconds = (System.nanoTime() - tt) / 1e9;
                if (o.saveModel() != null) {
                    model.save(o.saveModel());
                }
            }
        }
        FineTuning tuned = null;
        try {
            if (o.fineTuneSteps() > 0) {
                // the training parts, their last h points held out for the fine-tuning's own backtest
                List<SeriesManifest.Split> inner = splits.stream().map(SeriesManifest.Split::backtest).toList();
                try (PretrainedForecaster base = PretrainedForecaster.of(model, o.mode())) {
                    model = null; // owned by base, closed with it
                    tuned = FineTuning.run(base, inner, o.fineTuneSteps());
                }
                model = tuned.forecaster().model();
                log.accept(String.format(Locale.ROOT, "fine-tuned %d steps in %.1f s; backtest on the training "
                        + "parts' last h points: relative MASE %.3f -> %.3f, WQL %.3f -> %.3f: %s", tuned.steps(),
                        tuned.seconds(), tuned.zeroShotMase(), tuned.tunedMase(), tuned.zeroShotWql(),
                        tuned.tunedWql(), tuned.adopted() ? "adopted, adapted again to the whole training parts"
                                : "not better on both, the pretrained model kept"));
            }
            if (o.quantize() != WeightQuantization.Scheme.FP32) {
                List<double[]> calibration = List.of();
                if (o.quantize() == WeightQuantization.Scheme.INT4_GPTQ) {
                    List<double[]> trains = new ArrayList<>();
                    for (SeriesManifest.Split s : splits) {
                        trains.add(s.train().values(0)); // the training parts only: never the scored horizons
                    }
                    calibration = InputHessians.windows(trains, CALIBRATION_WINDOWS, model.config().contextLength(),
                            2 * model.config().patchLength(), o.pretrain().seed());
                }
                WeightQuantization.Result q = WeightQuantization.apply(model, o.quantize(), o.group(), calibration);
                log.accept(String.format(Locale.ROOT, "quantised %d backbone matrices to %s (relative weight "
                        + "error %.4f)", q.matrices(), o.quantize(), q.relativeError()));
            }
            Forecaster f = o.mode().over(model);
            List<Forecast> forecasts = new ArrayList<>();
            for (SeriesManifest.Split s : splits) {
                ForecastConfig fc = new ForecastConfig(Metrics.WQL_LEVELS, o.samples(), 1, false, s.entry().period());
                forecasts.add(f.forecast(s.train(), s.entry().horizon(), fc));
            }
            Benchmark.Result r = Benchmark.evaluate(splits, forecasts);
            return new Report(r, splits, trainSeconds, (System.nanoTime() - t0) / 1e9, loss, tuned);
        } finally {
            if (model != null) {
                model.close();
            }
        }
    }
}
