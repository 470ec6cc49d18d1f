package dev.tessera.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.timeseries.eval.Benchmark;
import dev.tessera.timeseries.eval.ForecastEvaluation;
import dev.tessera.timeseries.eval.Metrics;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.forecast.PatchModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecaster stage against forecast-eval on the shared series, bad rows, and loading the model once. */
class SeriesForecasterTest {
    private static final int SAMPLES = 20;
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void start() throws Exception {
        spark = LocalSpark.start("SeriesForecasterTest");
        model = dir.resolve("small.tessera");
        try (PatchForecastModel m = PatchForecastModel.create(PatchModelConfig.small(), 5)) {
            m.save(model);
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static SeriesForecaster stage(Path bundle) {
        SeriesForecaster f = new SeriesForecaster();
        f.setBundlePath(bundle.toString());
        return f.with(f.seriesCol(), "history").with(f.nameCol(), "name").with(f.horizonCol(), "horizon")
                .with(f.periodCol(), "period").with(f.samples(), SAMPLES);
    }

    @Test
    void local2Forecasts_andMetrics_equalForecastEval() throws Exception {
        Path data = LocalSpark.sharedSeries();
        Assumptions.assumeTrue(data != null, "../shared/data/timeseries not present");
        // forecast-eval's procedure, single JVM, one series at a time
        ForecastEvaluation.Report eval = ForecastEvaluation.run(new ForecastEvaluation.Options(data, model, null, null,
                ForecastEvaluation.Mode.RAW, SAMPLES, null), line -> { });
        Map<String, Forecast> expected = new HashMap<>();
        for (Benchmark.Row r : eval.result().rows()) {
            expected.put(r.model().series(), r.forecast());
        }
        Dataset<Row> out = stage(model).transform(SeriesFrames.fromManifest(spark, data, 2)).cache();
        assertEquals(2, out.rdd().getNumPartitions());
        List<Row> rows = out.collectAsList();
        assertEquals(22, rows.size());
        double worst = 0;
        for (Row r : rows) {
            assertNull(r.getAs("error"), () -> "" + r.getAs("error"));
            Forecast e = expected.get(r.<String>getAs("name"));
            double[][] q = quantiles(r.getList(r.fieldIndex("quantiles")));
            for (int l = 0; l < q.length; l++) {
                worst = Math.max(worst, relativeError(e.quantiles()[l], q[l]));
            }
            worst = Math.max(worst, relativeError(e.median(), doubles(r.getList(r.fieldIndex("median")))));
            worst = Math.max(worst, relativeError(e.mean(), doubles(r.getList(r.fieldIndex("mean")))));
        }
        assertTrue(worst <= 1e-6, "largest relative difference to forecast-eval " + worst);

        ForecastMetrics.Result m = ForecastMetrics.evaluate(out, Metrics.WQL_LEVELS);
        Benchmark.Result b = eval.result();
        assertEquals(22, m.series());
        assertEquals(b.relativeMase(), m.relativeMase(), 1e-6 * b.relativeMase());
        assertEquals(b.relativeWql(), m.relativeWql(), 1e-6 * b.relativeWql());
        assertEquals(b.meanSmape(), m.meanSmape(), 1e-6 * b.meanSmape());
        assertEquals(b.baselineMeanSmape(), m.baselineMeanSmape(), 1e-9 * b.baselineMeanSmape());
        assertEquals(b.geoMase(), m.geoMase(), 1e-6 * b.geoMase());
        assertEquals(b.baselineGeoMase(), m.baselineGeoMase(), 1e-9 * b.baselineGeoMase());
        // two tasks ran in this JVM; the model was read once
        assertEquals(1, ExecutorModels.loads(SeriesForecaster.KIND, BundleSource.path(model.toString())));
    }

    @Test
    void badRows_getAnErrorEach_orFailTheJob() {
        StructType schema = new StructType().add("name", DataTypes.StringType)
                .add("history", DataTypes.createArrayType(DataTypes.DoubleType, true))
                .add("horizon", DataTypes.IntegerType).add("period", DataTypes.IntegerType)
                .add("frequency", DataTypes.StringType);
        double[] ok = new double[40];
        for (int t = 0; t < ok.length; t++) {
            ok[t] = 10 + Math.sin(t);
        }
        List<Row> rows = new ArrayList<>(List.of(
                RowFactory.create("ok", box(ok), 5, 1, "monthly"),
                RowFactory.create("null", null, 5, 1, "monthly"),
                RowFactory.create("nan", box(new double[] {Double.NaN, Double.NaN, Double.NaN}), 5, 1, "monthly"),
                RowFactory.create("short", box(new double[] {1, 2}), 5, 1, "monthly"),
                RowFactory.create("inf", box(new double[] {1, 2, Double.POSITIVE_INFINITY, 4}), 5, 1, "monthly"),
                RowFactory.create("nohorizon", box(ok), null, 1, "monthly"),
                RowFactory.create("freq", box(ok), 5, null, "fortnightly")));
        Dataset<Row> in = spark.createDataFrame(rows, schema).coalesce(1);
        SeriesForecaster f = stage(model);
        f.with(f.frequencyCol(), "frequency");
        Map<String, String> errors = new HashMap<>();
        for (Row r : f.transform(in).collectAsList()) {
            errors.put(r.getAs("name"), r.getAs("error"));
            if (r.getAs("error") != null) {
                assertNull(r.getAs("quantiles"));
            }
        }
        assertNull(errors.get("ok"));
        assertContains(errors.get("null"), "series 'null'", "null");
        assertContains(errors.get("nan"), "series 'nan'", "all 3 history values are missing");
        assertContains(errors.get("short"), "series 'short'", "too short");
        assertContains(errors.get("inf"), "series 'inf'", "infinite value");
        assertContains(errors.get("nohorizon"), "series 'nohorizon'", "horizon is null");
        assertContains(errors.get("freq"), "series 'freq'", "unknown frequency 'fortnightly'");
        f.setOnError("fail");
        SparkException e = assertThrows(SparkException.class, () -> f.transform(in).collectAsList());
        assertContains(rootMessage(e), "series 'null'", "series is null");
    }

    @Test
    void broadcastBytes_giveTheSameForecasts_butCannotBeSaved() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            double[] v = new double[24 + 7 * i];
            for (int t = 0; t < v.length; t++) {
                v[t] = 5 + Math.sin(t / (1.0 + i));
            }
            rows.add(RowFactory.create("b" + i, box(v), 6, 1));
        }
        Dataset<Row> in = spark.createDataFrame(rows, new StructType().add("name", DataTypes.StringType)
                .add("history", DataTypes.createArrayType(DataTypes.DoubleType, true))
                .add("horizon", DataTypes.IntegerType).add("period", DataTypes.IntegerType)).repartition(2);
        SeriesForecaster byPath = stage(model);
        SeriesForecaster byBytes = stage(model);
        byBytes.setBundleBytes(org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(Files.readAllBytes(model)));
        List<Row> a = byPath.transform(in).orderBy("name").collectAsList();
        List<Row> b = byBytes.transform(in).orderBy("name").collectAsList();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getList(a.get(i).fieldIndex("median")), b.get(i).getList(b.get(i).fieldIndex("median")));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, byBytes::write);
        assertContains(e.getMessage(), "broadcast", "set bundlePath");
    }

    @Test
    void aFileThatIsNotAForecaster_failsWithItsName() throws Exception {
        Path bad = dir.resolve("not-a-model.tessera");
        Files.write(bad, new byte[] {1, 2, 3, 4});
        Dataset<Row> in = spark.createDataFrame(List.of(RowFactory.create("a", box(new double[] {1, 2, 3, 4}), 2, 1)),
                new StructType().add("name", DataTypes.StringType)
                        .add("history", DataTypes.createArrayType(DataTypes.DoubleType, true))
                        .add("horizon", DataTypes.IntegerType).add("period", DataTypes.IntegerType));
        SparkException e = assertThrows(SparkException.class, () -> stage(bad).transform(in).collectAsList());
        assertContains(rootMessage(e), "not-a-model.tessera", "cannot load");
    }

    static void assertContains(String text, String... parts) {
        assertNotNull(text);
        for (String p : parts) {
            assertTrue(text.contains(p), "'" + text + "' should contain '" + p + "'");
        }
    }

    static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    static Double[] box(double[] v) {
        return Arrays.stream(v).boxed().toArray(Double[]::new);
    }

    static double[] doubles(List<Object> l) {
        return l.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    static double[][] quantiles(List<Object> rows) {
        double[][] q = new double[rows.size()][];
        for (int i = 0; i < q.length; i++) {
            q[i] = doubles(scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<Object>) rows.get(i)));
        }
        return q;
    }

    static double relativeError(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int t = 0; t < expected.length; t++) {
            worst = Math.max(worst, Math.abs(expected[t] - actual[t]) / Math.max(1, Math.abs(expected[t])));
        }
        return worst;
    }
}
