package dev.tessera.samples.spark;

import dev.tessera.core.io.Json;
import dev.tessera.spark.SeriesForecaster;
import dev.tessera.spark.bench.ForecastThroughput;
import dev.tessera.spark.bench.Measurement;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera-spark bench-forecast}: series/s of the loop, the batched API, Spark local[1] and local[2]. */
@Command(name = "bench-forecast", mixinStandardHelpOptions = true,
        description = "Series/s forecasting KernelSynth series: per-series loop, single-JVM batched API, and the "
                + "SeriesForecaster stage on each --master, interleaved in every repetition.")
public final class BenchForecastCommand implements Callable<Integer> {
    @Mixin
    BenchOptions bench;
    @Option(names = "--series", description = "Series for the batched API and Spark (default: ${DEFAULT-VALUE}).")
    int series = 10_000;
    @Option(names = "--loop-series", description = "Series for the per-series loop (default: ${DEFAULT-VALUE}).")
    int loopSeries = 1_000;
    @Option(names = "--horizon", description = "Steps (default: ${DEFAULT-VALUE}).")
    int horizon = 24;
    @Option(names = "--samples", description = "Sample paths per forecast (default: ${DEFAULT-VALUE}).")
    int samples = 100;
    @Option(names = "--model", description = "Patch forecaster bundle (default: the default shape, random weights).")
    Path model;

    @Override
    public Integer call() throws Exception {
        String loadBefore = Summary.loadAverage();
        List<Measurement> ms = ForecastThroughput.run(new ForecastThroughput.Options(series, loopSeries, horizon,
                samples, bench.partitions, bench.repeats, model, bench.masters), System.err::println);
        Map<String, Object> j = new LinkedHashMap<>();
        for (String w : Summary.ways(ms)) {
            System.out.println(Summary.line(w, Summary.rates(ms, w), "series/s"));
            j.put(w + "_series_per_s", Summary.describe(Summary.rates(ms, w)));
        }
        double[] batchedOverLoop = Summary.ratios(ms, "batched", "loop");
        System.out.println(Summary.line("batched / loop", batchedOverLoop, "x"));
        j.put("batched_over_loop", Summary.describe(batchedOverLoop));
        if (bench.masters.size() >= 2) {
            double[] r = Summary.ratios(ms, bench.masters.get(1), bench.masters.get(0));
            System.out.println(Summary.line(bench.masters.get(1) + " / " + bench.masters.get(0), r, "x"));
            j.put("spark_scaling", Summary.describe(r));
        }
        for (String m : bench.masters) {
            double[] r = Summary.ratios(ms, m, "batched");
            System.out.println(Summary.line(m + " / batched", r, "x"));
            j.put(m + "_over_batched", Summary.describe(r));
        }
        String loadAfter = Summary.loadAverage();
        System.out.println("load average before: " + loadBefore + "; after: " + loadAfter);
        j.put("load_before", loadBefore);
        j.put("load_after", loadAfter);
        j.put("series", series);
        j.put("horizon", horizon);
        j.put("samples", samples);
        SeriesForecaster stage = new SeriesForecaster();
        j.put("engine_threads_per_task", stage.getOrDefault(stage.engineThreads()));
        j.put("engine", "jvm");
        if (bench.json) {
            System.out.println(Json.COMPACT.toJson(j));
        }
        return 0;
    }
}
