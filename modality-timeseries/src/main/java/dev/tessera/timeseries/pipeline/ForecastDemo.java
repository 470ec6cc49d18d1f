package dev.tessera.timeseries.pipeline;

import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.eval.Benchmark;
import dev.tessera.timeseries.eval.ForecastEvaluation;
import dev.tessera.timeseries.eval.Metrics;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.forecast.Forecaster;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.forecast.PatchForecasterTrainer;
import dev.tessera.timeseries.forecast.PatchModelConfig;
import dev.tessera.timeseries.forecast.PretrainConfig;
import dev.tessera.timeseries.plot.ForecastPlot;
import dev.tessera.timeseries.synth.KernelSynth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The time-series part of {@code tessera demo}: pre-train a patch forecaster on KernelSynth series
 * only, then forecast held-out synthetic series and (when the benchmark folder exists) the real
 * series zero-shot, score both against (seasonal) naive, and draw a grid of forecasts.
 */
public final class ForecastDemo {
    private ForecastDemo() { }

    /**
     * The demo's budget.
     *
     * @param model the model shape
     * @param pretrain the training config (synthetic only)
     * @param heldOut the number of held-out synthetic series
     * @param mode how the model's forecasts are combined with the decomposition
     */
    public record Settings(PatchModelConfig model, PretrainConfig pretrain, int heldOut, ForecastEvaluation.Mode mode) {
        /**
         * The quick budget (~20 s on 2 idle cores) or the full one (~2-3 minutes).
         *
         * @param quick whether to use the quick budget
         * @param seed the seed
         * @return the settings
         */
        public static Settings of(boolean quick, long seed) {
            if (quick) {
                return new Settings(new PatchModelConfig(16, 8, 32, 64, 2, 4, Metrics.WQL_LEVELS),
                        new PretrainConfig(120, 32, 3e-3, 120, 160, 0, 0.2, seed), 16, ForecastEvaluation.Mode.DECOMPOSED);
            }
            return new Settings(PatchModelConfig.defaults(),
                    new PretrainConfig(700, 64, 2e-3, 600, 320, 0, 0.2, seed), 32, ForecastEvaluation.Mode.ENSEMBLE);
        }
    }

    /**
     * What the demo produced.
     *
     * @param metrics named numbers for {@code metrics.json}
     * @param plot the forecast grid PNG
     * @param markdown a report section
     */
    public record Result(Map<String, Object> metrics, Path plot, String markdown) { }

    /**
     * Runs the demo.
     *
     * @param settings the budget
     * @param outDir where the PNG goes
     * @param benchmarkDir the real-series folder, or {@code null}/missing to skip it
     * @param log progress lines
     * @return the result
     * @throws IOException if files cannot be read or written
     */
    public static Result run(Settings settings, Path outDir, Path benchmarkDir, Consumer<String> log)
            throws IOException {
        long t0 = System.nanoTime();
        Map<String, Object> metrics = new LinkedHashMap<>();
        List<double[]> synth = PatchForecasterTrainer.syntheticPool(settings.pretrain());
        try (PatchForecastModel model = PatchForecastModel.create(settings.model(), settings.pretrain().seed())) {
            double loss = PatchForecasterTrainer.train(model, settings.pretrain(), synth, List.of(), log);
            metrics.put("train_steps", settings.pretrain().steps());
            metrics.put("train_loss", loss);
            metrics.put("train_seconds", (System.nanoTime() - t0) / 1e9);
            Forecaster f = ForecastEvaluation.forecaster(model, settings.mode());
            List<double[]> histories = new ArrayList<>();
            List<Forecast> shown = new ArrayList<>();
            List<double[]> actuals = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            // held-out synthetic series (another seed than the training pool), scored against naive
            int h = 24;
            List<double[]> held = new KernelSynth(settings.pretrain().syntheticLength(), 5, 1)
                    .generate(settings.heldOut(), settings.pretrain().seed() + 7919);
            double logMase = 0;
            double logWql = 0;
            for (int i = 0; i < held.size(); i++) {
                double[] s = held.get(i);
                double[] train = java.util.Arrays.copyOf(s, s.length - h);
                double[] test = java.util.Arrays.copyOfRange(s, s.length - h, s.length);
                Forecast fc = f.forecast(TimeSeries.of("synthetic-" + i, train, Frequency.OTHER), h,
                        new ForecastConfig(Metrics.WQL_LEVELS, 100, 1, false, 1));
                Forecast naive = dev.tessera.timeseries.eval.Baselines.naive("naive", train, h, Metrics.WQL_LEVELS);
                logMase += Math.log(Math.max(1e-6, Metrics.mae(test, fc.median()) / Metrics.mae(test, naive.median())));
                logWql += Math.log(Math.max(1e-6, Metrics.wql(test, fc.levels(), fc.quantiles())
                        / Metrics.wql(test, naive.levels(), naive.quantiles())));
                if (i < 2) {
                    histories.add(train);
                    shown.add(fc);
                    actuals.add(test);
                    titles.add("held-out KernelSynth series " + i);
                }
            }
            metrics.put("synthetic_series", held.size());
            metrics.put("synthetic_relative_mae_vs_naive", Math.exp(logMase / held.size()));
            metrics.put("synthetic_relative_wql_vs_naive", Math.exp(logWql / held.size()));
            String realLine = "";
            if (benchmarkDir != null && Files.isRegularFile(benchmarkDir.resolve("manifest.csv"))) {
                SeriesManifest manifest = SeriesManifest.read(benchmarkDir);
                List<SeriesManifest.Split> splits = manifest.splits();
                List<Forecast> forecasts = new ArrayList<>();
                for (SeriesManifest.Split s : splits) {
                    forecasts.add(f.forecast(s.train(), s.entry().horizon(),
                            new ForecastConfig(Metrics.WQL_LEVELS, 100, 1, false, s.entry().period())));
                }
                Benchmark.Result r = Benchmark.evaluate(splits, forecasts);
                metrics.put("real_series", splits.size());
                metrics.put("relative_mase", r.relativeMase());
                metrics.put("relative_wql", r.relativeWql());
                metrics.put("mean_smape", r.meanSmape());
                metrics.put("seasonal_naive_mean_smape", r.baselineMeanSmape());
                realLine = String.format(Locale.ROOT, "- %d real series (R datasets), zero-shot, against seasonal "
                        + "naive: relative MASE **%.3f**, relative WQL **%.3f**, mean sMAPE %.2f (seasonal naive "
                        + "%.2f)%n", splits.size(), r.relativeMase(), r.relativeWql(), r.meanSmape(),
                        r.baselineMeanSmape());
                for (String name : List.of("AirPassengers", "nottem", "co2", "lynx")) {
                    for (int i = 0; i < splits.size(); i++) {
                        if (splits.get(i).entry().name().equals(name)) {
                            histories.add(splits.get(i).train().values(0));
                            shown.add(forecasts.get(i));
                            actuals.add(splits.get(i).test());
                            titles.add(name + " (zero-shot)");
                        }
                    }
                }
            }
            Path png = outDir.resolve("timeseries-forecasts.png");
            ForecastPlot.writeGrid(png, histories, shown, actuals, titles, 2);
            metrics.put("plot", png.getFileName().toString());
            String md = String.format(Locale.ROOT, "## Time series%n%nA patch forecaster on the shared backbone "
                    + "(%d layers, d_model %d, patches of %d) pre-trained for %d steps on %d KernelSynth series "
                    + "only (final pinball loss %.4f), then used zero-shot.%n%n"
                    + "- %d held-out KernelSynth series, last %d points, against naive: relative MAE **%.3f**, "
                    + "relative WQL **%.3f**%n%s%n![forecasts](%s)%n", settings.model().layers(),
                    settings.model().dModel(), settings.model().patchLength(), settings.pretrain().steps(),
                    synth.size(), loss, held.size(), h, (double) metrics.get("synthetic_relative_mae_vs_naive"),
                    (double) metrics.get("synthetic_relative_wql_vs_naive"), realLine, png.getFileName());
            return new Result(metrics, png, md);
        }
    }
}
