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
    private ForecastEvaluation() { }

    /** How forecasts are combined with the seasonal decomposition. */
    public enum Mode {
        /** The model on the raw series. */
        RAW,
        /** The model on the seasonally adjusted series plus the seasonal continuation. */
        DECOMPOSED,
        /**
         * The quantile average of RAW and DECOMPOSED, each on the whole context and on the last
         * 64 and 32 values (six members; chosen over two- and four-member variants by a backtest
         * on the last h points of the training parts).
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
     */
    public record Options(Path dataDir, Path modelFile, PatchModelConfig model, PretrainConfig pretrain, Mode mode,
            int samples, Path saveModel) { }

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
                return new EnsembleForecaster(List.of(raw, dec, lastValues(raw, 64), lastValues(dec, 64),
                        lastValues(raw, 32), lastValues(dec, 32)));
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
