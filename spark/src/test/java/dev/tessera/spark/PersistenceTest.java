package dev.tessera.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.forecast.PatchModelConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PipelineModel holding Tessera stages saves, and loads in a fresh JVM with the same output. */
class PersistenceTest {
    private static SparkSession spark;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("PersistenceTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void savedPipeline_loadsInAFreshJvm_andGivesTheSameOutput() throws Exception {
        Path bundle = dir.resolve("m.tessera");
        try (PatchForecastModel m = PatchForecastModel.create(PatchModelConfig.small(), 9)) {
            m.save(bundle);
        }
        SeriesForecaster f = SeriesForecasterTest.stage(bundle);
        f.with(f.seed(), 3L).with(f.samples(), 7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double[] v = new double[30 + 5 * i];
            for (int t = 0; t < v.length; t++) {
                v[t] = 50 + i * Math.cos(t * 0.4) + t;
            }
            rows.add(RowFactory.create("s" + i, SeriesForecasterTest.box(v), 4 + i, 12));
        }
        StructType schema = new StructType().add("name", DataTypes.StringType)
                .add("history", DataTypes.createArrayType(DataTypes.DoubleType, true))
                .add("horizon", DataTypes.IntegerType).add("period", DataTypes.IntegerType);
        Dataset<Row> in = spark.createDataFrame(rows, schema);
        in.write().parquet(dir.resolve("in.parquet").toString());
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {f}).fit(in);
        model.write().overwrite().save(dir.resolve("pipeline").toString());
        List<Row> here = model.transform(in).orderBy("name").collectAsList();

        // same process: the reader restores every param
        PipelineModel back = PipelineModel.load(dir.resolve("pipeline").toString());
        SeriesForecaster restored = (SeriesForecaster) back.stages()[0];
        assertEquals(7, (Integer) restored.getOrDefault(restored.samples()));
        assertEquals(3L, (Long) restored.getOrDefault(restored.seed()));

        // a fresh JVM
        Path out = dir.resolve("out.parquet");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(Arrays.asList(System.getProperty("spark.jvm.flags", "").trim().split("\\s+")));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            // the same JVM engine kernels as here (the scalar ones add up in another order: ~1e-9 apart)
            cmd.add("--add-modules=jdk.incubator.vector");
        }
        cmd.addAll(List.of("-Dai.djl.offline=true", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                PipelineRoundTrip.class.getName(), dir.resolve("pipeline").toString(),
                dir.resolve("in.parquet").toString(), out.toString()));
        Path log = dir.resolve("fork.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the fresh JVM did not finish in 180 s");
        assertEquals(0, p.exitValue(), () -> "fresh JVM failed:\n" + tail(log));
        List<Row> there = spark.read().parquet(out.toString()).orderBy("name").collectAsList();
        assertEquals(here.size(), there.size());
        for (int i = 0; i < here.size(); i++) {
            assertEquals(here.get(i).<Object>getAs("name"), there.get(i).getAs("name"));
            assertEquals(here.get(i).getList(here.get(i).fieldIndex("median")),
                    there.get(i).getList(there.get(i).fieldIndex("median")), "row " + i);
            assertEquals(here.get(i).getList(here.get(i).fieldIndex("quantiles")).toString(),
                    there.get(i).getList(there.get(i).fieldIndex("quantiles")).toString(), "row " + i);
        }
        assertTrue(new File(dir.resolve("pipeline").toFile(), "stages").isDirectory());
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
