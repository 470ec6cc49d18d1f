package dev.tessera.timeseries.eval;

import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.forecast.Forecast;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores forecasts of a set of series against the seasonal-naive baseline and aggregates them as
 * in the Chronos paper: for each series, divide the model's error by seasonal naive's, then take
 * the geometric mean over series.
 */
public final class Benchmark {
    private Benchmark() { }

    /**
     * One series' result.
     *
     * @param model the model's errors
     * @param baseline seasonal naive's errors
     * @param forecast the model's forecast
     */
    public record Row(SeriesScore model, SeriesScore baseline, Forecast forecast) { }

    /**
     * The aggregate.
     *
     * @param rows per-series results in input order
     * @param relativeMase geometric mean of MASE ratios
     * @param relativeWql geometric mean of WQL ratios
     * @param meanSmape arithmetic mean of the model's sMAPE
     * @param baselineMeanSmape arithmetic mean of seasonal naive's sMAPE
     * @param geoMase geometric mean of the model's MASE
     * @param baselineGeoMase geometric mean of seasonal naive's MASE
     */
    public record Result(List<Row> rows, double relativeMase, double relativeWql, double meanSmape,
            double baselineMeanSmape, double geoMase, double baselineGeoMase) {
        /** Copies the rows. */
        public Result {
            rows = List.copyOf(rows);
        }
    }

    /**
     * Scores one forecast.
     *
     * @param split the series and its test part
     * @param f the forecast of the test part
     * @return the errors
     */
    public static SeriesScore score(SeriesManifest.Split split, Forecast f) {
        double[] test = split.test();
        if (f.horizon() != test.length) {
            throw new IllegalArgumentException("forecast of '" + split.entry().name() + "' has " + f.horizon()
                    + " steps, the test part has " + test.length);
        }
        double[] history = split.train().values(0);
        double[] point = f.median();
        double crps = f.samples().length > 0 ? Metrics.crps(test, f.samples()) : Double.NaN;
        return new SeriesScore(split.entry().name(), Metrics.mase(test, point, history, split.entry().period()),
                Metrics.smape(test, point), Metrics.wql(test, f.levels(), f.quantiles()), crps);
    }

    /**
     * Scores forecasts against seasonal naive.
     *
     * @param splits the series
     * @param forecasts one forecast per split, in the same order, at {@link Metrics#WQL_LEVELS}
     * @return the per-series rows and the aggregate
     */
    public static Result evaluate(List<SeriesManifest.Split> splits, List<Forecast> forecasts) {
        if (splits.size() != forecasts.size() || splits.isEmpty()) {
            throw new IllegalArgumentException(forecasts.size() + " forecasts for " + splits.size() + " series");
        }
        List<Row> rows = new ArrayList<>();
        double logMase = 0;
        double logWql = 0;
        double smape = 0;
        double baseSmape = 0;
        double logGeo = 0;
        double logBaseGeo = 0;
        for (int i = 0; i < splits.size(); i++) {
            SeriesManifest.Split s = splits.get(i);
            Forecast base = Baselines.seasonalNaive(s.entry().name(), s.train().values(0), s.entry().horizon(),
                    s.entry().period(), Metrics.WQL_LEVELS);
            SeriesScore m = score(s, forecasts.get(i));
            SeriesScore b = score(s, base);
            rows.add(new Row(m, b, forecasts.get(i)));
            logMase += Math.log(ratio(m.mase(), b.mase(), s.entry().name(), "MASE"));
            logWql += Math.log(ratio(m.wql(), b.wql(), s.entry().name(), "WQL"));
            logGeo += Math.log(m.mase());
            logBaseGeo += Math.log(b.mase());
            smape += m.smape();
            baseSmape += b.smape();
        }
        int n = splits.size();
        return new Result(rows, Math.exp(logMase / n), Math.exp(logWql / n), smape / n, baseSmape / n,
                Math.exp(logGeo / n), Math.exp(logBaseGeo / n));
    }

    private static double ratio(double model, double base, String name, String what) {
        if (!(base > 0) || !Double.isFinite(base)) {
            throw new IllegalArgumentException("series '" + name + "': seasonal naive's " + what + " is " + base
                    + "; the relative score is undefined");
        }
        // an exact forecast would make the log -infinity; floor the ratio as a tiny positive number
        return Math.max(model / base, 1e-6);
    }
}
