package dev.tessera.timeseries.eval;

import dev.tessera.timeseries.data.MissingValues;
import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.forecast.Forecaster;
import dev.tessera.timeseries.forecast.PretrainedForecaster;
import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tuning a pretrained forecaster on a user's series, decided by a backtest on points it never saw: a copy
 * adapted to each series minus its last h points is scored against the pretrained forecaster on those points
 * (relative MASE and WQL against seasonal naive, geometric means over the series, as {@link Benchmark}
 * scores). When the adapted copy is better on both, it is <em>adopted</em>: a second copy is adapted with the
 * same budget to the whole series, so the forecaster handed back has learned the most recent points too.
 * Otherwise the forecaster handed back is an untouched copy of the pretrained one: fine-tuning never makes a
 * user's forecasts worse on their own backtest.
 *
 * <pre>{@code
 * // given: PretrainedForecaster f, List<TimeSeries> mine
 * FineTuning ft = FineTuning.run(f, mine, 12, 100); // hold out 12 points, adapt a copy for 100 steps
 * try (PretrainedForecaster tuned = ft.forecaster()) {
 *     System.out.println(ft.zeroShotWql() + " -> " + ft.tunedWql() + (ft.adopted() ? " adopted" : " kept"));
 * }
 * }</pre>
 *
 * <p>Thread safety: {@link #run} reads the base forecaster and adapts copies, so it must not run while another
 * thread forecasts with that same base instance (which is not thread-safe); the result is immutable apart
 * from the forecaster it hands over, which, like every {@link PretrainedForecaster}, is not thread-safe.
 *
 * @param forecaster the forecaster to use from now on (close it): adapted to the whole series when
 *     {@code adopted}, else a copy of the pretrained one
 * @param zeroShotMase relative MASE of the forecaster that was not adapted, on the held-out points
 * @param zeroShotWql its relative WQL
 * @param tunedMase relative MASE of the copy adapted without the held-out points, on those points
 * @param tunedWql its relative WQL
 * @param adopted whether the adapted copy was better on both and the forecaster was adapted to the whole series
 * @param steps the optimizer steps of each adaptation
 * @param seconds the wall time of copying, training and backtesting
 */
public record FineTuning(PretrainedForecaster forecaster, double zeroShotMase, double zeroShotWql,
        double tunedMase, double tunedWql, boolean adopted, int steps, double seconds) {

    /**
     * Holds out the last {@code horizon} points of every series, adapts a copy of the forecaster to the rest
     * ({@link PretrainedForecaster#adapted}), backtests both on the held-out points and, if the copy is better
     * on both metrics, adapts another copy to the whole series.
     *
     * @param base the forecaster to adapt (left as it was)
     * @param series the user's series (one channel each, each longer than {@code horizon + 1})
     * @param horizon the backtest horizon h (at least 1)
     * @param steps the budget in optimizer steps of each adaptation (at least 1)
     * @return the forecaster to use (close it) and the backtest
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
     * Fine-tunes as {@link #run(PretrainedForecaster, List, int, int)} does, on series already split: the
     * backtest copy trains on their training parts and is scored on their test parts (each with its own period
     * and horizon); an adopted forecaster is adapted to each split's {@link SeriesManifest.Split#full() full}
     * series.
     *
     * @param base the forecaster to adapt (left as it was)
     * @param splits the series, each with its held-out points
     * @param steps the budget in optimizer steps of each adaptation (at least 1)
     * @return the forecaster to use (close it) and the backtest
     */
    public static FineTuning run(PretrainedForecaster base, List<SeriesManifest.Split> splits, int steps) {
        long t0 = System.nanoTime();
        List<double[]> train = new ArrayList<>();
        List<double[]> whole = new ArrayList<>();
        for (SeriesManifest.Split s : splits) {
            train.add(s.train().values(0));
            whole.add(MissingValues.interpolate(s.full().values(0), s.entry().name()));
        }
        Benchmark.Result before;
        Benchmark.Result after;
        try (PretrainedForecaster heldOut = base.adapted(train, steps)) {
            before = backtest(base, splits);
            after = backtest(heldOut, splits);
        }
        boolean adopt = after.relativeWql() < before.relativeWql() && after.relativeMase() < before.relativeMase();
        PretrainedForecaster use = adopt ? base.adapted(whole, steps) : base.copy();
        return new FineTuning(use, before.relativeMase(), before.relativeWql(), after.relativeMase(),
                after.relativeWql(), adopt, steps, (System.nanoTime() - t0) / 1e9);
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
