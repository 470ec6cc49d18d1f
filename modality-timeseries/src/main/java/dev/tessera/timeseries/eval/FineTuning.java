package dev.tessera.timeseries.eval;

import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.forecast.Forecaster;
import dev.tessera.timeseries.forecast.PretrainedForecaster;
import java.util.ArrayList;
import java.util.List;

/**
 * What fine-tuning a pretrained forecaster on a user's series gave, measured on points it never saw: the
 * relative MASE and WQL against seasonal naive (geometric means over the series, as {@link Benchmark} scores)
 * of the forecaster before and after.
 *
 * <pre>{@code
 * // given: PretrainedForecaster f, List<TimeSeries> mine
 * FineTuning ft = FineTuning.run(f, mine, 12, 100); // hold out 12 points, adapt a copy for 100 steps
 * try (PretrainedForecaster tuned = ft.forecaster()) {
 *     System.out.println(ft.zeroShotWql() + " -> " + ft.tunedWql());
 * }
 * }</pre>
 *
 * @param forecaster the adapted forecaster (close it)
 * @param zeroShotMase relative MASE of the forecaster that was not adapted, on the held-out points
 * @param zeroShotWql its relative WQL
 * @param tunedMase relative MASE of the adapted forecaster on the same points
 * @param tunedWql its relative WQL
 * @param steps the optimizer steps
 * @param seconds the wall time of copying and training
 */
public record FineTuning(PretrainedForecaster forecaster, double zeroShotMase, double zeroShotWql,
        double tunedMase, double tunedWql, int steps, double seconds) {

    /**
     * Holds out the last {@code horizon} points of every series, adapts a copy of the forecaster to the rest
     * ({@link PretrainedForecaster#adapted}) and backtests both on the held-out points. Forecast with the
     * adapted copy from the whole series.
     *
     * @param base the forecaster to adapt (left as it was)
     * @param series the user's series (one channel each, each longer than {@code horizon + 1})
     * @param horizon the backtest horizon h (at least 1)
     * @param steps the budget in optimizer steps (at least 1)
     * @return the adapted forecaster (close it) and the backtest
     * @throws IllegalArgumentException if a series is too short or the arguments are out of range
     */
    public static FineTuning run(PretrainedForecaster base, List<TimeSeries> series, int horizon, int steps) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon (" + horizon + ") must be >= 1");
        }
        List<SeriesManifest.Split> splits = new ArrayList<>();
        for (TimeSeries s : series) {
            splits.add(SeriesManifest.Split.of(s, s.frequency().defaultPeriod(), horizon));
        }
        return run(base, splits, steps);
    }

    /**
     * Adapts a copy as {@link #run(PretrainedForecaster, List, int, int)} does, on series already split: it trains
     * on their training parts and backtests on their test parts (each with its own period and horizon).
     *
     * @param base the forecaster to adapt (left as it was)
     * @param splits the series, each with its held-out points
     * @param steps the budget in optimizer steps (at least 1)
     * @return the adapted forecaster (close it) and the backtest
     */
    public static FineTuning run(PretrainedForecaster base, List<SeriesManifest.Split> splits, int steps) {
        long t0 = System.nanoTime();
        List<double[]> train = new ArrayList<>();
        for (SeriesManifest.Split s : splits) {
            train.add(s.train().values(0));
        }
        PretrainedForecaster tuned = base.adapted(train, steps);
        try {
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            Benchmark.Result before = backtest(base, splits);
            Benchmark.Result after = backtest(tuned, splits);
            return new FineTuning(tuned, before.relativeMase(), before.relativeWql(), after.relativeMase(),
                    after.relativeWql(), steps, trainSeconds);
        } catch (RuntimeException e) {
            tuned.close();
            throw e;
        }
    }

    /** @return the relative change of the backtest WQL (negative = fine-tuning helped) */
    public double wqlChange() {
        return tunedWql / zeroShotWql - 1;
    }

    /** @return the relative change of the backtest MASE (negative = fine-tuning helped) */
    public double maseChange() {
        return tunedMase / zeroShotMase - 1;
    }

    private static Benchmark.Result backtest(Forecaster f, List<SeriesManifest.Split> splits) {
        List<Forecast> forecasts = new ArrayList<>();
        for (SeriesManifest.Split s : splits) {
            ForecastConfig fc = new ForecastConfig(Metrics.WQL_LEVELS, 100, 1, false, s.entry().period());
            forecasts.add(f.forecast(s.train(), s.entry().horizon(), fc));
        }
        return Benchmark.evaluate(splits, forecasts);
    }
}
