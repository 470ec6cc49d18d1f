package dev.tessera.cli;

import dev.tessera.core.io.Limits;
import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.forecast.ForecastMode;
import dev.tessera.timeseries.forecast.PretrainedForecaster;
import dev.tessera.timeseries.synth.StructuredSynth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tessera forecast-bench}: how many series per second the pretrained forecaster forecasts when it gets
 * them as one batch (generated monthly series, so the run needs no data).
 */
@Command(name = "forecast-bench", mixinStandardHelpOptions = true,
        description = "Times batched forecasts of generated series with the pretrained forecaster; prints the wall "
                + "time of each run and forecasts per second.")
public final class ForecastBenchCommand implements Callable<Integer> {

    @Option(names = "--series", description = "Series per batch (default: ${DEFAULT-VALUE}).")
    int series = 1000;

    @Option(names = "--length", description = "Points per series (default: ${DEFAULT-VALUE}).")
    int length = 200;

    @Option(names = "--horizon", description = "Steps to forecast (default: ${DEFAULT-VALUE}).")
    int horizon = 24;

    @Option(names = "--samples", description = "Sample paths per forecast (default: ${DEFAULT-VALUE}).")
    int samples = 100;

    @Option(names = "--runs", description = "Timed runs after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs = 3;

    @Option(names = "--mode", description = "raw, decomposed or ensemble (default: ${DEFAULT-VALUE}).")
    String mode = "ensemble";

    @Option(names = "--model", description = "A patch forecaster bundle (default: the pretrained one in the jar).")
    Path model;

    @Override
    public Integer call() throws Exception {
        Limits.argument(series, 1, 1_000_000, "--series");
        Limits.argument(length, 8, 100_000, "--length");
        Limits.argument(horizon, 1, 10_000, "--horizon");
        Limits.argument(samples, 1, 10_000, "--samples");
        Limits.argument(runs, 1, 100, "--runs");
        Limits.argument((long) series * samples * horizon, 1, Limits.MAX_ELEMENTS, "--series x --samples x --horizon");
        ForecastMode m = Flags.oneOf(ForecastMode.class, mode, "--mode");
        StructuredSynth gen = new StructuredSynth(length, length);
        SplittableRandom rng = new SplittableRandom(42);
        List<TimeSeries> batch = new ArrayList<>(series);
        for (int i = 0; i < series; i++) {
            batch.add(TimeSeries.of("s" + i, gen.next(rng), Frequency.MONTHLY));
        }
        ForecastConfig config = ForecastConfig.defaults();
        config = new ForecastConfig(config.levels(), samples, 1, false, 0);
        try (PretrainedForecaster f = model == null ? PretrainedForecaster.load(m) : PretrainedForecaster.load(model, m)) {
            f.forecast(batch.subList(0, Math.min(series, 64)), horizon, config); // warm-up
            double[] seconds = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                List<Forecast> out = f.forecast(batch, horizon, config);
                seconds[r] = (System.nanoTime() - t0) / 1e9;
                if (out.size() != series) {
                    throw new IllegalStateException(out.size() + " forecasts for " + series + " series");
                }
                System.out.printf(Locale.ROOT, "run %d: %d series x %d steps in %.2f s (%.0f forecasts/s)%n", r + 1,
                        series, horizon, seconds[r], series / seconds[r]);
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double median = sorted[runs / 2];
            System.out.printf(Locale.ROOT, "median %.2f s (%.0f forecasts/s; min %.2f, max %.2f), mode %s, %d sample "
                    + "paths, threads %s%n", median, series / median, sorted[0], sorted[runs - 1],
                    m.name().toLowerCase(Locale.ROOT), samples, System.getProperty("ai.djl.pytorch.num_threads", "?"));
        }
        return 0;
    }
}
