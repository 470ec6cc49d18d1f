package dev.tessera.spark;

import dev.tessera.core.infer.JvmEngineThreads;
import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.eval.Metrics;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.forecast.PatchForecaster;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Forecasts a column of series with a saved patch forecaster ({@code PatchForecastModel}): for each row,
 * quantiles {@code [level][step]}, the median and the mean for a horizon, in three new columns.
 *
 * <p>Inputs: {@code seriesCol} ({@code array<double>}, NaN or null elements = missing, imputed as the
 * single-JVM forecaster does); optional {@code nameCol} (used in messages), {@code horizonCol} and
 * {@code periodCol} (ints, else the {@code horizon} and {@code period} params), {@code frequencyCol}
 * (e.g. {@code "monthly"}) or {@code timestampsCol} ({@code array<timestamp>} or {@code array<date>}, the
 * frequency inferred from the median gap); the frequency only supplies the default period. The model is
 * loaded once per executor JVM ({@link ExecutorModels}); each partition is forecast in batches of
 * {@code batchSize} rows through {@link PatchForecaster#forecastAll}, which gives each row the forecast
 * {@link PatchForecaster#forecast} gives it (same seed for every row: {@code seed}).
 *
 * <p>Bad rows (null series, no or fewer than {@value PatchForecaster#MIN_OBSERVED} observed values,
 * infinite values, timestamps not increasing, a missing or non-positive horizon, an unknown frequency):
 * null outputs and a message in {@code errorCol}, or a failed job with {@code onError = "fail"}.
 */
public final class SeriesForecaster extends TesseraStage {
    private static final long serialVersionUID = 1L;
    /** The cache kind of the loaded model in {@link ExecutorModels}. */
    public static final String KIND = "patch-forecaster";
    /** The longest horizon a row may ask for. */
    public static final int MAX_HORIZON = 10_000;

    private final Param<String> seriesCol;
    private final Param<String> nameCol;
    private final Param<String> horizonCol;
    private final Param<String> periodCol;
    private final Param<String> frequencyCol;
    private final Param<String> timestampsCol;
    private final IntParam horizon;
    private final IntParam period;
    private final DoubleArrayParam levels;
    private final IntParam samples;
    private final LongParam seed;
    private final BooleanParam decompose;
    private final IntParam batchSize;
    private final IntParam engineThreads;
    private final Param<String> quantilesCol;
    private final Param<String> medianCol;
    private final Param<String> meanCol;

    /** A stage with a random uid. */
    public SeriesForecaster() {
        this(Identifiable$.MODULE$.randomUID("tesseraSeriesForecaster"));
    }

    /**
     * A stage with a given uid (used by the reader).
     *
     * @param uid the uid
     */
    public SeriesForecaster(String uid) {
        super(uid);
        seriesCol = new Param<>(this, "seriesCol", "input column: array<double> history (NaN/null = missing)");
        nameCol = new Param<>(this, "nameCol", "optional input column naming each series in messages ('' = none)");
        horizonCol = new Param<>(this, "horizonCol", "optional int column of per-row horizons ('' = use horizon)");
        periodCol = new Param<>(this, "periodCol", "optional int column of per-row seasonal periods ('' = period)");
        frequencyCol = new Param<>(this, "frequencyCol", "optional string column: daily, weekly, monthly, ...");
        timestampsCol = new Param<>(this, "timestampsCol", "optional array<timestamp|date> column, one per value");
        horizon = new IntParam(this, "horizon", "steps to forecast when horizonCol is not set",
                ParamValidators.inRange(0, MAX_HORIZON));
        period = new IntParam(this, "period", "seasonal period (0 = the frequency's default)",
                ParamValidators.gtEq(0));
        levels = new DoubleArrayParam(this, "levels", "quantile levels, increasing in (0, 1)");
        samples = new IntParam(this, "samples", "sample paths per forecast", ParamValidators.inRange(1, 100_000));
        seed = new LongParam(this, "seed", "seed of the sample paths (the same for every row, as forecast-eval)");
        decompose = new BooleanParam(this, "decompose", "forecast the seasonally adjusted series and add the "
                + "seasonal continuation back (forecast-eval's 'decomposed' mode)");
        batchSize = new IntParam(this, "batchSize", "rows per model call", ParamValidators.inRange(1, 4096));
        engineThreads = new IntParam(this, "engineThreads", "JVM engine threads of each task thread (1: one task per "
                + "core; the engine's setting is per thread, and a task thread would otherwise use every core)",
                ParamValidators.inRange(1, 256));
        quantilesCol = new Param<>(this, "quantilesCol", "output: array<array<double>> [level][step]");
        medianCol = new Param<>(this, "medianCol", "output: array<double> median per step");
        meanCol = new Param<>(this, "meanCol", "output: array<double> mean per step");
        setDefault(seriesCol, "series");
        setDefault(nameCol, "");
        setDefault(horizonCol, "");
        setDefault(periodCol, "");
        setDefault(frequencyCol, "");
        setDefault(timestampsCol, "");
        setDefault(horizon, 0);
        setDefault(period, 0);
        setDefault(levels, Metrics.WQL_LEVELS);
        setDefault(samples, 100);
        setDefault(seed, 1L);
        setDefault(decompose, false);
        setDefault(batchSize, PatchForecaster.MAX_BATCH);
        setDefault(engineThreads, 1);
        setDefault(quantilesCol, "quantiles");
        setDefault(medianCol, "median");
        setDefault(meanCol, "mean");
    }

    /** @return the reader used by {@code PipelineModel.load} */
    public static MLReader<SeriesForecaster> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a saved stage.
     *
     * @param path the folder it was saved to
     * @return the stage
     */
    public static SeriesForecaster load(String path) {
        return read().load(path);
    }

    // ---- params (public no-argument getters: Spark finds params through them) ----

    /** @return input series column */
    public Param<String> seriesCol() {
        return seriesCol;
    }

    /** @return optional name column */
    public Param<String> nameCol() {
        return nameCol;
    }

    /** @return optional per-row horizon column */
    public Param<String> horizonCol() {
        return horizonCol;
    }

    /** @return optional per-row period column */
    public Param<String> periodCol() {
        return periodCol;
    }

    /** @return optional frequency column */
    public Param<String> frequencyCol() {
        return frequencyCol;
    }

    /** @return optional timestamps column */
    public Param<String> timestampsCol() {
        return timestampsCol;
    }

    /** @return the horizon */
    public IntParam horizon() {
        return horizon;
    }

    /** @return the seasonal period */
    public IntParam period() {
        return period;
    }

    /** @return the quantile levels */
    public DoubleArrayParam levels() {
        return levels;
    }

    /** @return sample paths per forecast */
    public IntParam samples() {
        return samples;
    }

    /** @return the seed */
    public LongParam seed() {
        return seed;
    }

    /** @return whether to decompose */
    public BooleanParam decompose() {
        return decompose;
    }

    /** @return rows per model call */
    public IntParam batchSize() {
        return batchSize;
    }

    /** @return JVM engine threads per task thread */
    public IntParam engineThreads() {
        return engineThreads;
    }

    /** @return output quantiles column */
    public Param<String> quantilesCol() {
        return quantilesCol;
    }

    /** @return output median column */
    public Param<String> medianCol() {
        return medianCol;
    }

    /** @return output mean column */
    public Param<String> meanCol() {
        return meanCol;
    }

    /**
     * Sets a param (a fluent {@code set} for Java callers).
     *
     * @param p the param
     * @param value its value
     * @param <T> its type
     * @return this stage
     */
    public <T> SeriesForecaster with(Param<T> p, T value) {
        set(p, value);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        requireColumn(schema, getOrDefault(seriesCol), null);
        for (Param<String> p : List.of(nameCol, horizonCol, periodCol, frequencyCol, timestampsCol)) {
            if (!getOrDefault(p).isEmpty()) {
                requireColumn(schema, getOrDefault(p), null);
            }
        }
        if (getOrDefault(horizonCol).isEmpty() && intOf(horizon) < 1) {
            throw new IllegalArgumentException("SeriesForecaster: set horizon (>= 1) or horizonCol");
        }
        config(); // validates levels and samples
        ArrayType steps = DataTypes.createArrayType(DataTypes.DoubleType, false);
        return withOutputs(schema,
                DataTypes.createStructField(getOrDefault(quantilesCol), DataTypes.createArrayType(steps, false), true),
                DataTypes.createStructField(getOrDefault(medianCol), steps, true),
                DataTypes.createStructField(getOrDefault(meanCol), steps, true));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType in = dataset.schema();
        StructType out = transformSchema(in);
        Job job = new Job(source(), failOnError(), index(in, seriesCol), index(in, nameCol), index(in, horizonCol),
                index(in, periodCol), index(in, frequencyCol), index(in, timestampsCol), intOf(horizon), config().levels(),
                intOf(samples), (Long) getOrDefault(seed), (Boolean) getOrDefault(decompose), intOf(period),
                intOf(batchSize), intOf(engineThreads));
        return dataset.toDF().mapPartitions((MapPartitionsFunction<Row, Row>) job::run, Encoders.row(out));
    }

    /** @return the forecast config of the params (the period may be replaced per row) */
    public ForecastConfig config() {
        return new ForecastConfig(getOrDefault(levels), intOf(samples), (Long) getOrDefault(seed),
                (Boolean) getOrDefault(decompose), intOf(period));
    }

    private int intOf(IntParam p) {
        return (Integer) getOrDefault(p);
    }

    private int index(StructType schema, Param<String> col) {
        String c = getOrDefault(col);
        return c.isEmpty() ? -1 : schema.fieldIndex(c);
    }

    /**
     * Loads (once per JVM) the forecaster of a model file.
     *
     * @param source the model file
     * @return the shared forecaster
     */
    public static PatchForecaster forecaster(BundleSource source) {
        return ExecutorModels.get(KIND, source, f -> new PatchForecaster(PatchForecastModel.load(f)));
    }

    /** What a partition needs, shipped to the executors. */
    private record Job(BundleSource source, boolean fail, int series, int name, int horizonCol, int periodCol,
            int frequencyCol, int timestampsCol, int horizon, double[] levels, int samples, long seed, boolean decompose,
            int period, int batch, int threads) implements Serializable {

        Iterator<Row> run(Iterator<Row> rows) {
            PatchForecaster forecaster = forecaster(source);
            JvmEngineThreads.limitCurrentThread(threads); // per calling thread, like PyTorch's intra-op setting
            int partition = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
            return new Iterator<>() {
                private Iterator<Row> chunk = java.util.Collections.emptyIterator();
                private long seen;

                @Override
                public boolean hasNext() {
                    while (!chunk.hasNext() && rows.hasNext()) {
                        List<Row> in = new ArrayList<>(batch);
                        while (in.size() < batch && rows.hasNext()) {
                            in.add(rows.next());
                        }
                        chunk = forecastChunk(forecaster, in, partition, seen).iterator();
                        seen += in.size();
                    }
                    return chunk.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return chunk.next();
                }
            };
        }

        private List<Row> forecastChunk(PatchForecaster forecaster, List<Row> rows, int partition, long first) {
            Object[][] outputs = new Object[rows.size()][];
            List<PatchForecaster.Request> requests = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                String where = where(rows.get(i), partition, first + i);
                try {
                    requests.add(request(rows.get(i), where));
                    at.add(i);
                } catch (IllegalArgumentException e) {
                    outputs[i] = failed(where, e);
                }
            }
            List<Forecast> forecasts;
            try {
                forecasts = forecaster.forecastAll(requests);
            } catch (IllegalArgumentException batchFailed) {
                // a row the checks above let through: forecast one by one to find it
                forecasts = null;
            }
            for (int k = 0; k < requests.size(); k++) {
                int i = at.get(k);
                PatchForecaster.Request r = requests.get(k);
                try {
                    Forecast f = forecasts != null ? forecasts.get(k) : forecaster.forecast(r.history(), r.horizon(),
                            r.config());
                    outputs[i] = new Object[] {f.quantiles(), f.median(), f.mean(), null};
                } catch (IllegalArgumentException e) {
                    outputs[i] = failed(r.history().name(), e);
                }
            }
            List<Row> out = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                Object[] values = new Object[row.length() + 4];
                for (int c = 0; c < row.length(); c++) {
                    values[c] = row.get(c);
                }
                System.arraycopy(outputs[i], 0, values, row.length(), 4);
                out.add(RowFactory.create(values));
            }
            return out;
        }

        private Object[] failed(String where, IllegalArgumentException e) {
            String msg = e.getMessage().contains(where) ? e.getMessage() : where + ": " + e.getMessage();
            if (fail) {
                throw new IllegalArgumentException("SeriesForecaster: " + msg, e);
            }
            return new Object[] {null, null, null, msg};
        }

        private String where(Row row, int partition, long index) {
            if (name >= 0 && !row.isNullAt(name)) {
                return "series '" + row.get(name) + "'";
            }
            return "series at row " + index + " of partition " + partition;
        }

        private PatchForecaster.Request request(Row row, String where) {
            if (row.isNullAt(series)) {
                throw new IllegalArgumentException("series is null");
            }
            List<Object> list = row.getList(series);
            double[] v = new double[list.size()];
            for (int t = 0; t < v.length; t++) {
                Object x = list.get(t);
                v[t] = x == null ? Double.NaN : ((Number) x).doubleValue();
            }
            int h = horizon;
            if (horizonCol >= 0) {
                if (row.isNullAt(horizonCol)) {
                    throw new IllegalArgumentException("horizon is null");
                }
                h = ((Number) row.get(horizonCol)).intValue();
            }
            if (h < 1 || h > MAX_HORIZON) {
                throw new IllegalArgumentException("horizon " + h + " is outside 1.." + MAX_HORIZON);
            }
            int m = periodCol >= 0 && !row.isNullAt(periodCol) ? ((Number) row.get(periodCol)).intValue() : period;
            ForecastConfig c = new ForecastConfig(levels, samples, seed, decompose, m); // validates m >= 0
            LocalDateTime[] times = timestampsCol >= 0 && !row.isNullAt(timestampsCol)
                    ? timestamps(row.getList(timestampsCol)) : null;
            Frequency f = Frequency.OTHER;
            if (frequencyCol >= 0 && !row.isNullAt(frequencyCol)) {
                f = Frequency.parse(row.getString(frequencyCol));
            } else if (times != null && times.length > 1) {
                f = Frequency.fromMedianDays(medianDays(times));
            }
            String label = where.startsWith("series '") ? where.substring(8, where.length() - 1) : where;
            TimeSeries ts = new TimeSeries(label, times, new double[][] {v}, List.of("value"), f);
            return new PatchForecaster.Request(ts, h, c);
        }

        private static LocalDateTime[] timestamps(List<Object> list) {
            LocalDateTime[] t = new LocalDateTime[list.size()];
            for (int i = 0; i < t.length; i++) {
                Object x = list.get(i);
                if (x == null) {
                    throw new IllegalArgumentException("timestamp " + i + " is null");
                } else if (x instanceof java.sql.Timestamp ts) {
                    t[i] = ts.toLocalDateTime();
                } else if (x instanceof java.sql.Date d) {
                    t[i] = d.toLocalDate().atStartOfDay();
                } else if (x instanceof Instant in) {
                    t[i] = LocalDateTime.ofInstant(in, ZoneOffset.UTC);
                } else if (x instanceof LocalDate d) {
                    t[i] = d.atStartOfDay();
                } else if (x instanceof LocalDateTime d) {
                    t[i] = d;
                } else {
                    throw new IllegalArgumentException("timestamp " + i + " is a " + x.getClass().getSimpleName()
                            + ", expected a timestamp or date");
                }
            }
            return t;
        }

        private static double medianDays(LocalDateTime[] t) {
            double[] gaps = new double[t.length - 1];
            for (int i = 1; i < t.length; i++) {
                gaps[i - 1] = Duration.between(t[i - 1], t[i]).toSeconds() / 86400.0;
            }
            Arrays.sort(gaps);
            return gaps[gaps.length / 2];
        }
    }
}
