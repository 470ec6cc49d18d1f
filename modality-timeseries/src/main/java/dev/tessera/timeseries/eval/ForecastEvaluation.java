package dev.tessera.timeseries.eval;

import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.forecast.EnsembleForecaster;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.forecast.Forecaster;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.forecast.PatchForecaster;
import dev.tessera.timeseries.forecast.PatchForecasterTrainer;
import dev.tessera.timeseries.forecast.PatchModelConfig;
import dev.tessera.timeseries.forecast.PretrainConfig;
import dev.tessera.timeseries.forecast.QuantileSpread;
import dev.tessera.timeseries.forecast.InputHessians;
import dev.tessera.timeseries.forecast.WeightQuantization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code forecast-eval} procedure: load (or pre-train) a patch forecaster, forecast the last
 * {@code h} points of every series of a manifest folder from the rest, and score the forecasts
 * against seasonal naive ({@link Benchmark}).
 *
 * <p>Training sees KernelSynth series and, when {@code realFraction > 0} or
 * {@code mixupFraction > 0}, the training parts of the folder's series (never their test parts).
 */
public final class ForecastEvaluation {
    /** Calibration windows for GPTQ, cut from the series' training parts. */
    public static final int CALIBRATION_WINDOWS = 32;

    /** The interval narrowing of the ENSEMBLE mode (chosen by the backtest described there). */
    public static final double ENSEMBLE_SPREAD = 0.7;
    /** The context cuts of the ENSEMBLE mode (0 = the whole history). */
    static final int[] ENSEMBLE_CONTEXTS = {0, 64, 32, 24, 16};

    private ForecastEvaluation() { }

    /** How forecasts are combined with the seasonal decomposition. */
    public enum Mode {
        /** The model on the raw series. */
        RAW,
        /** The model on the seasonally adjusted series plus the seasonal continuation. */
        DECOMPOSED,
        /**
         * The weighted quantile average of RAW (weight 1) and DECOMPOSED (weight 2), each on the
         * whole context and on the last 64, 32, 24 and 16 values ({@link #ENSEMBLE_CONTEXTS}: ten
         * members), with the intervals narrowed by {@link #ENSEMBLE_SPREAD} around the median.
         * Members, weights and spread were chosen by a backtest that never saw the test parts: a
         * model trained with the same recipe on each series' training part minus its last h points
         * forecast those h points. On that backtest: equally weighted full/64/32 (the previous
         * default) 0.714 / 0.702 (relative MASE / WQL); weights 1:2 0.714 / 0.702 -> with spread 0.7
         * 0.691 / 0.678; adding 24 0.660 / 0.654; adding 24 and 16 0.658 / 0.648 (chosen); spreads
         * 0.5..1.1, other weights and cuts 128 / 48 were worse.
         */
        ENSEMBLE
    }

    /**
     * What to run.
     *
     * @param dataDir the manifest folder
     * @param modelFile a saved model to load, or {@code null} to train one
     * @param model the model shape when training
     * @param pretrain the training config when training
     * @param mode raw, decomposed or both
     * @param samples sample paths per forecast
     * @param saveModel where to save the trained model, or {@code null}
     * @param quantize the weight format to fake-quantise the backbone to before forecasting (after
     *     any saving)
     * @param group the int4 group size
     * @param backtest score on {@link SeriesManifest.Split#backtest()} instead: train and forecast
     *     within each series' training part, so settings can be chosen without the test parts
     */
    public record Options(Path dataDir, Path modelFile, PatchModelConfig model, PretrainConfig pretrain, Mode mode,
            int samples, Path saveModel, WeightQuantization.Scheme quantize, int group, boolean backtest) {
        /**
         * Options without quantisation.
         *
         * @param dataDir the manifest folder
         * @param modelFile a saved model, or {@code null}
         * @param model the model shape when training
         * @param pretrain the training config when training
         * @param mode raw, decomposed or both
         * @param samples sample paths per forecast
         * @param saveModel where to save the trained model, or {@code null}
         */
        public Options(Path dataDir, Path modelFile, PatchModelConfig model, PretrainConfig pretrain, Mode mode,
                int samples, Path saveModel) {
            this(dataDir, modelFile, model, pretrain, mode, samples, saveModel, WeightQuantization.Scheme.FP32, 32,
                    false);
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
     */
    public record Report(Benchmark.Result result, List<SeriesManifest.Split> splits, double trainSeconds,
            double seconds, double trainLoss) { }

    /**
     * Runs the evaluation.
     *
     * @param o the options
     * @param log progress lines
     * @return the report
     * @throws IOException if data or the model cannot be read
     */
    public static Report run(Options o, Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        SeriesManifest manifest = SeriesManifest.read(o.dataDir());
        List<SeriesManifest.Split> splits = manifest.splits();
        if (o.backtest()) {
            splits = splits.stream().map(SeriesManifest.Split::backtest).toList();
            log.accept("backtest: the last h points of every series' TRAINING part are scored; the test parts are not used");
        }
        double trainSeconds = 0;
        double loss = Double.NaN;
        PatchForecastModel model;
        if (o.modelFile() != null) {
            model = PatchForecastModel.load(o.modelFile());
            log.accept("loaded " + o.modelFile());
        } else {
            long tt = System.nanoTime();
            List<double[]> synth = PatchForecasterTrainer.syntheticPool(o.pretrain());
            log.accept(String.format("generated %d KernelSynth series in %.1f s", synth.size(),
                    (System.nanoTime() - tt) / 1e9));
            List<double[]> real = new ArrayList<>();
            for (SeriesManifest.Split s : splits) {
                real.add(s.train().values(0));
            }
            model = PatchForecastModel.create(o.model(), o.pretrain().seed());
            loss = PatchForecasterTrainer.train(model, o.pretrain(), synth, real, log);
            trainSeconds = (System.nanoTime() - tt) / 1e9;
            if (o.saveModel() != null) {
                model.save(o.saveModel());
            }
        }
        try {
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
                log.accept(String.format(java.util.Locale.ROOT, "quantised %d backbone matrices to %s (relative weight "
                        + "error %.4f)", q.matrices(), o.quantize(), q.relativeError()));
            }
            Forecaster f = forecaster(model, o.mode());
            List<Forecast> forecasts = new ArrayList<>();
            for (SeriesManifest.Split s : splits) {
                ForecastConfig fc = new ForecastConfig(Metrics.WQL_LEVELS, o.samples(), 1, false, s.entry().period());
                forecasts.add(f.forecast(s.train(), s.entry().horizon(), fc));
            }
            Benchmark.Result r = Benchmark.evaluate(splits, forecasts);
            return new Report(r, splits, trainSeconds, (System.nanoTime() - t0) / 1e9, loss);
        } finally {
            model.close();
        }
    }

    /**
     * Builds the forecaster of a mode.
     *
     * @param model the model
     * @param mode the mode
     * @return the forecaster
     */
    public static Forecaster forecaster(PatchForecastModel model, Mode mode) {
        PatchForecaster raw = new PatchForecaster(model);
        Forecaster dec = (h, n, c) -> raw.forecast(h, n, c.withDecomposition(true, c.period()));
        switch (mode) {
            case RAW:
                return raw;
            case DECOMPOSED:
                return dec;
            default:
                List<Forecaster> members = new ArrayList<>();
                double[] weights = new double[2 * ENSEMBLE_CONTEXTS.length];
                for (int i = 0; i < ENSEMBLE_CONTEXTS.length; i++) {
                    int n = ENSEMBLE_CONTEXTS[i];
                    members.add(n == 0 ? raw : lastValues(raw, n));
                    members.add(n == 0 ? dec : lastValues(dec, n));
                    weights[2 * i] = 1;
                    weights[2 * i + 1] = 2;
                }
                return new QuantileSpread(new EnsembleForecaster(members, weights), ENSEMBLE_SPREAD);
        }
    }

    /**
     * A forecaster that only sees the last {@code n} values of the history.
     *
     * @param f the forecaster
     * @param n the context cut
     * @return the wrapped forecaster
     */
    public static Forecaster lastValues(Forecaster f, int n) {
        return (h, horizon, c) -> h.length() <= n ? f.forecast(h, horizon, c)
                : f.forecast(h.slice(h.length() - n, h.length()), horizon, c);
    }
}
