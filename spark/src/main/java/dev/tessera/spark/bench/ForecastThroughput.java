package dev.tessera.spark.bench;

import dev.tessera.core.infer.JvmEngineThreads;
import dev.tessera.spark.BundleSource;
import dev.tessera.spark.SeriesForecaster;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.eval.Metrics;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.forecast.PatchForecaster;
import dev.tessera.timeseries.forecast.PatchModelConfig;
import dev.tessera.timeseries.synth.KernelSynth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Series per second for KernelSynth series forecast four ways, interleaved in every repetition: a
 * per-series loop ({@link PatchForecaster#forecast}), the single-JVM batched API
 * ({@link PatchForecaster#forecastAll}; also on two plain threads of one engine thread each, to tell the work's
 * scaling from Spark's), and the {@link SeriesForecaster} stage on Spark masters such as {@code local[1]} and
 * {@code local[2]} (in reverse order every other repetition). All ways share one loaded model (the stage's per-JVM cache), so
 * no way pays for loading it, and each starts on a collected heap ({@link #settle}).
 */
public final class ForecastThroughput {
    private ForecastThroughput() { }

    /**
     * What to run.
     *
     * @param series series forecast by the batched API and by Spark
     * @param loopSeries series forecast by the per-series loop (fewer: it is slow)
     * @param horizon steps per forecast
     * @param samples sample paths per forecast
     * @param partitions Spark partitions (the same for every master)
     * @param repeats repetitions of the interleaved ways (after one warm-up repetition that is not reported)
     * @param model a patch forecaster bundle, or null for the default shape with seeded random weights
     *     (the speed does not depend on the weights)
     * @param masters the Spark masters to time
     */
    public record Options(int series, int loopSeries, int horizon, int samples, int partitions, int repeats,
            Path model, List<String> masters) { }

    /**
     * Runs the benchmark.
     *
     * @param o the options
     * @param log progress lines
     * @return every measurement, in the order taken
     * @throws IOException if the model cannot be written or read
     */
    public static List<Measurement> run(Options o, Consumer<String> log) throws IOException {
        Path model = o.model();
        if (model == null) {
            model = Files.createTempFile("tessera-bench-", ".tessera");
            model.toFile().deleteOnExit();
            try (PatchForecastModel m = PatchForecastModel.create(PatchModelConfig.defaults(), 1)) {
                m.save(model);
            }
        }
        BundleSource source = BundleSource.path(model.toString());
        PatchForecaster forecaster = SeriesForecaster.forecaster(source);
        long t0 = System.nanoTime();
        List<double[]> synth = new KernelSynth(256, 5, 4).generate(o.series(), 42);
        log.accept(String.format("generated %d KernelSynth series of 256 points in %.1f s", synth.size(),
                (System.nanoTime() - t0) / 1e9));
        ForecastConfig config = new ForecastConfig(Metrics.WQL_LEVELS, o.samples(), 1, false, 1);
        List<PatchForecaster.Request> requests = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < synth.size(); i++) {
            requests.add(new PatchForecaster.Request(TimeSeries.of("k" + i, synth.get(i)), o.horizon(), config));
            rows.add(RowFactory.create("k" + i, synth.get(i)));
        }
        StructType schema = new StructType().add("name", DataTypes.StringType)
                .add("series", DataTypes.createArrayType(DataTypes.DoubleType, false));
        List<Measurement> out = new ArrayList<>();
        // repetition -1 warms up (the JIT keeps compiling through the first full pass of every way) and is dropped
        for (int rep = -1; rep < o.repeats(); rep++) {
            settle();
            long s = System.nanoTime();
            for (PatchForecaster.Request r : requests.subList(0, Math.min(o.loopSeries(), requests.size()))) {
                forecaster.forecast(r.history(), r.horizon(), r.config());
            }
            out.add(report(log, new Measurement("loop", rep, Math.min(o.loopSeries(), requests.size()), secs(s))));
            settle();
            s = System.nanoTime();
            forecaster.forecastAll(requests);
            out.add(report(log, new Measurement("batched", rep, requests.size(), secs(s))));
            settle();
            s = System.nanoTime();
            twoThreads(forecaster, requests);
            out.add(report(log, new Measurement("batched-2-threads", rep, requests.size(), secs(s))));
            // every other repetition in reverse order, so that no master always runs first (on a JVM still compiling)
            List<String> masters = new ArrayList<>(o.masters());
            if (rep % 2 == 1) {
                java.util.Collections.reverse(masters);
            }
            for (String master : masters) {
                SparkSession spark = SparkSession.builder().master(master).appName("tessera-forecast-bench")
                        .config("spark.ui.enabled", "false").config("spark.sql.adaptive.enabled", "false")
                        .config("spark.driver.host", "127.0.0.1").getOrCreate();
                try {
                    Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(o.partitions()).cache();
                    df.count(); // materialise the input so only the forecasting job is timed
                    SeriesForecaster stage = new SeriesForecaster();
                    stage.setBundlePath(model.toString());
                    stage.with(stage.horizon(), o.horizon()).with(stage.samples(), o.samples())
                            .with(stage.nameCol(), "name").with(stage.period(), 1);
                    // warm-up job on a few rows: the session's first job loads and generates code
                    stage.transform(spark.createDataFrame(rows.subList(0, Math.min(64, rows.size())), schema))
                            .write().format("noop").mode("overwrite").save();
                    settle();
                    s = System.nanoTime();
                    stage.transform(df).write().format("noop").mode("overwrite").save();
                    out.add(report(log, new Measurement(master, rep, requests.size(), secs(s))));
                } finally {
                    spark.stop();
                }
            }
        }
        out.removeIf(m -> m.repeat() < 0);
        return out;
    }

    /**
     * The batched API on two plain Java threads, one half each, each limited to one engine thread as a Spark task
     * thread is: does the work scale over the cores without Spark?
     */
    private static void twoThreads(PatchForecaster forecaster, List<PatchForecaster.Request> requests) {
        int half = requests.size() / 2;
        Thread other = new Thread(() -> {
            JvmEngineThreads.limitCurrentThread(1);
            forecaster.forecastAll(requests.subList(half, requests.size()));
        });
        other.start();
        JvmEngineThreads.limitCurrentThread(1);
        try {
            forecaster.forecastAll(requests.subList(0, half));
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            JvmEngineThreads.limitCurrentThread(0);
        }
    }

    /**
     * A full collection before every timed way, so that no way pays for the garbage of the one before it: the
     * batched way's 10,000 retained forecasts and each Spark session's cached input, promoted to the old
     * generation, otherwise set off 150-480 ms pauses (full, or young ones that grow the old generation)
     * inside whichever way ran next (GC log of session 20), one way's 2-3 s timing in five.
     */
    private static void settle() {
        System.gc();
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static Measurement report(Consumer<String> log, Measurement m) {
        log.accept(String.format("%-9s %-10s %7d series in %7.2f s = %8.1f series/s",
                m.repeat() < 0 ? "warm-up" : "repeat " + m.repeat(), m.way(), m.items(), m.seconds(), m.perSecond()));
        return m;
    }
}
