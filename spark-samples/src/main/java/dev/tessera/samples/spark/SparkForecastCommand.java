package dev.tessera.samples.spark;

import dev.tessera.core.io.Json;
import dev.tessera.spark.ForecastMetrics;
import dev.tessera.spark.SeriesForecaster;
import dev.tessera.spark.SeriesFrames;
import dev.tessera.timeseries.eval.Metrics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera-spark forecast}: forecast (and score) series on Spark with the SeriesForecaster stage. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Forecasts every series of a manifest folder (CSV, as forecast-eval reads it) or a Parquet "
                + "file (columns name, history[, horizon, period, actual]) on Spark; --eval scores them as forecast-eval.")
public final class SparkForecastCommand implements Callable<Integer> {
    static final class Input {
        @Option(names = "--data", paramLabel = "DIR", description = "Folder with manifest.csv and one CSV per series.")
        Path data;
        @Option(names = "--parquet", paramLabel = "FILE", description = "Parquet file or folder.")
        String parquet;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;
    @Option(names = "--model", required = true, description = "A patch forecaster bundle (.tessera).")
    Path model;
    @Option(names = "--master", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master = "local[2]";
    @Option(names = "--partitions", description = "Partitions of the input (default: ${DEFAULT-VALUE}).")
    int partitions = 2;
    @Option(names = "--horizon", description = "Steps, for rows without a horizon column (default: ${DEFAULT-VALUE}).")
    int horizon = 0;
    @Option(names = "--samples", description = "Sample paths per forecast (default: ${DEFAULT-VALUE}).")
    int samples = 100;
    @Option(names = "--decompose", description = "forecast-eval's 'decomposed' mode.")
    boolean decompose;
    @Option(names = "--eval", description = "Score against the 'actual' column (forecast-eval's metrics).")
    boolean eval;
    @Option(names = "--out", description = "Write the forecasts here as Parquet.")
    String out;
    @Option(names = "--json", description = "End with one JSON line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SparkSession spark = SparkSession.builder().master(master).appName("tessera-spark forecast")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> in = input.data != null ? SeriesFrames.fromManifest(spark, input.data, partitions)
                    : SeriesFrames.fromParquet(spark, input.parquet).repartition(partitions);
            List<String> cols = List.of(in.schema().fieldNames());
            SeriesForecaster f = new SeriesForecaster();
            f.setBundlePath(model.toAbsolutePath().toString());
            f.with(f.seriesCol(), "history").with(f.nameCol(), "name").with(f.samples(), samples)
                    .with(f.decompose(), decompose).with(f.horizon(), horizon);
            if (cols.contains("horizon")) {
                f.with(f.horizonCol(), "horizon");
            }
            if (cols.contains("period")) {
                f.with(f.periodCol(), "period");
            }
            long t0 = System.nanoTime();
            Dataset<Row> forecasts = f.transform(in).cache();
            long rows = forecasts.count();
            long bad = forecasts.filter(forecasts.col("error").isNotNull()).count();
            double secs = (System.nanoTime() - t0) / 1e9;
            forecasts.filter(forecasts.col("error").isNotNull()).select("name", "error").collectAsList()
                    .forEach(r -> System.err.println("error: " + r.getString(1)));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("series", rows);
            m.put("errors", bad);
            m.put("seconds", secs);
            m.put("master", master);
            if (out != null) {
                forecasts.write().mode("overwrite").parquet(out);
                m.put("out", out);
            }
            if (eval) {
                ForecastMetrics.Result r = ForecastMetrics.evaluate(forecasts, Metrics.WQL_LEVELS);
                System.out.printf(java.util.Locale.ROOT, "relative MASE %.3f, relative WQL %.3f (seasonal naive 1.000 / "
                        + "1.000), mean sMAPE %.2f (seasonal naive %.2f)%n", r.relativeMase(), r.relativeWql(),
                        r.meanSmape(), r.baselineMeanSmape());
                m.put("relative_mase", r.relativeMase());
                m.put("relative_wql", r.relativeWql());
                m.put("mean_smape", r.meanSmape());
                m.put("seasonal_naive_mean_smape", r.baselineMeanSmape());
            }
            System.out.printf(java.util.Locale.ROOT, "forecast %d series (%d errors) on %s in %.1f s%n", rows, bad,
                    master, secs);
            if (json) {
                System.out.println(Json.COMPACT.toJson(m));
            }
            return bad == 0 ? 0 : 2;
        } finally {
            spark.stop();
        }
    }
}
