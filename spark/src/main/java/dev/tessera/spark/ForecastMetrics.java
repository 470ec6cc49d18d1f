package dev.tessera.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;

import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.eval.Baselines;
import dev.tessera.timeseries.eval.Benchmark;
import dev.tessera.timeseries.eval.Metrics;
import dev.tessera.timeseries.eval.SeriesScore;
import dev.tessera.timeseries.forecast.Forecast;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * forecast-eval's scores as a distributed computation: each row's model forecast and seasonal naive are
 * scored where the row lives ({@link Benchmark#score}, {@link Baselines#seasonalNaive}), then the
 * aggregate (geometric means of the MASE and WQL ratios to seasonal naive, mean sMAPE) is a Spark
 * aggregation. The result equals {@link Benchmark#evaluate} on the same series and forecasts up to the
 * order of the sums.
 *
 * <p>Input columns: {@code name} (string), {@code history} ({@code array<double>}, the training values,
 * NaN-free), {@code actual} ({@code array<double>}, NaN = missing, skipped), {@code period} (int) and the
 * forecaster's {@code quantiles} and {@code mean}. A row with a forecast error, a forecast of the wrong
 * length, or a seasonal-naive error of zero (the ratio is undefined) fails the evaluation with its name,
 * as forecast-eval does.
 */
public final class ForecastMetrics {
    private ForecastMetrics() { }

    /** The per-row score columns. */
    public static final StructType SCORES = new StructType()
            .add("name", DataTypes.StringType)
            .add("mase", DataTypes.DoubleType).add("sn_mase", DataTypes.DoubleType)
            .add("wql", DataTypes.DoubleType).add("sn_wql", DataTypes.DoubleType)
            .add("smape", DataTypes.DoubleType).add("sn_smape", DataTypes.DoubleType);

    /**
     * The aggregate, named as in {@link Benchmark.Result}.
     *
     * @param series the number of series
     * @param relativeMase geometric mean of MASE ratios
     * @param relativeWql geometric mean of WQL ratios
     * @param meanSmape mean sMAPE of the model
     * @param baselineMeanSmape mean sMAPE of seasonal naive
     * @param geoMase geometric mean of the model's MASE
     * @param baselineGeoMase geometric mean of seasonal naive's MASE
     */
    public record Result(long series, double relativeMase, double relativeWql, double meanSmape,
            double baselineMeanSmape, double geoMase, double baselineGeoMase) { }

    /**
     * Scores every row (model and seasonal naive), on the executors.
     *
     * @param forecasts a forecaster's output with the input columns named above
     * @param levels the levels of the forecaster's quantiles (forecast-eval: {@link Metrics#WQL_LEVELS})
     * @return one row of {@link #SCORES} per input row
     */
    public static Dataset<Row> scores(Dataset<Row> forecasts, double[] levels) {
        StructType s = forecasts.schema();
        Scorer job = new Scorer(s.fieldIndex("name"), s.fieldIndex("history"), s.fieldIndex("actual"),
                s.fieldIndex("period"), s.fieldIndex("quantiles"), s.fieldIndex("mean"),
                hasField(s, "error") ? s.fieldIndex("error") : -1, levels.clone());
        return forecasts.mapPartitions((MapPartitionsFunction<Row, Row>) job::run, Encoders.row(SCORES));
    }

    /**
     * Scores and aggregates.
     *
     * @param forecasts a forecaster's output with the input columns named above
     * @param levels the levels of the forecaster's quantiles
     * @return the aggregate
     * @throws IllegalArgumentException (inside a Spark exception) naming the first bad row
     * @throws IllegalArgumentException if there are no rows
     */
    public static Result evaluate(Dataset<Row> forecasts, double[] levels) {
        return aggregate(scores(forecasts, levels));
    }

    /**
     * Aggregates per-row scores with Spark.
     *
     * @param scores rows of {@link #SCORES}
     * @return the aggregate
     */
    public static Result aggregate(Dataset<Row> scores) {
        Row r = scores.agg(count(lit(1)), geoMean(ratio("mase")), geoMean(ratio("wql")), avg(col("smape")),
                avg(col("sn_smape")), geoMean(col("mase")), geoMean(col("sn_mase"))).first();
        long n = r.getLong(0);
        if (n == 0) {
            throw new IllegalArgumentException("no series to evaluate");
        }
        return new Result(n, r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getDouble(5),
                r.getDouble(6));
    }

    /** model / seasonal naive, floored at 1e-6 as {@link Benchmark} does (an exact forecast has log -inf). */
    private static Column ratio(String metric) {
        return greatest(col(metric).divide(col("sn_" + metric)), lit(1e-6));
    }

    private static Column geoMean(Column c) {
        return exp(avg(log(c)));
    }

    private static boolean hasField(StructType s, String name) {
        for (String f : s.fieldNames()) {
            if (f.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Scores the rows of one partition. */
    private record Scorer(int name, int history, int actual, int period, int quantiles, int mean, int error,
            double[] levels) implements Serializable {

        Iterator<Row> run(Iterator<Row> rows) {
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                out.add(score(rows.next()));
            }
            return out.iterator();
        }

        private Row score(Row row) {
            String n = row.isNullAt(name) ? "(unnamed)" : row.getString(name);
            if (error >= 0 && !row.isNullAt(error)) {
                throw new IllegalArgumentException("series '" + n + "' has no forecast to score: " + row.getString(error));
            }
            double[] train = doubles(row, history, n);
            double[] test = doubles(row, actual, n);
            int m = row.getInt(period);
            List<Object> q = row.getList(quantiles);
            double[][] qs = new double[q.size()][];
            for (int i = 0; i < qs.length; i++) {
                qs[i] = toArray(scala.jdk.javaapi.CollectionConverters.asJava(
                        (scala.collection.Seq<?>) q.get(i)), n, "quantiles");
            }
            Forecast f = new Forecast(n, levels, qs, doubles(row, mean, n), new double[0][]);
            SeriesManifest.Split split = new SeriesManifest.Split(
                    new SeriesManifest.Entry(n, n, Frequency.OTHER, m, test.length, null),
                    TimeSeries.of(n, train), TimeSeries.of(n, train), test);
            Forecast base = Baselines.seasonalNaive(n, train, test.length, m, levels);
            SeriesScore sm = Benchmark.score(split, f);
            SeriesScore sb = Benchmark.score(split, base);
            if (!(sb.mase() > 0) || !Double.isFinite(sb.mase()) || !(sb.wql() > 0) || !Double.isFinite(sb.wql())) {
                throw new IllegalArgumentException("series '" + n + "': seasonal naive's MASE " + sb.mase() + " / WQL "
                        + sb.wql() + "; the relative score is undefined");
            }
            return RowFactory.create(n, sm.mase(), sb.mase(), sm.wql(), sb.wql(), sm.smape(), sb.smape());
        }

        private static double[] doubles(Row row, int i, String n) {
            if (row.isNullAt(i)) {
                throw new IllegalArgumentException("series '" + n + "': column " + row.schema().fieldNames()[i]
                        + " is null");
            }
            return toArray(row.getList(i), n, row.schema().fieldNames()[i]);
        }

        private static double[] toArray(List<?> list, String n, String what) {
            double[] v = new double[list.size()];
            for (int t = 0; t < v.length; t++) {
                Object x = list.get(t);
                v[t] = x == null ? Double.NaN : ((Number) x).doubleValue();
            }
            return v;
        }
    }
}
