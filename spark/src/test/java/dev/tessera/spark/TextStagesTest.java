package dev.tessera.spark;

import static dev.tessera.spark.SeriesForecasterTest.assertContains;
import static dev.tessera.spark.SeriesForecasterTest.rootMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.modality.TextModality;
import dev.tessera.text.TokenFiles;
import dev.tessera.text.bpe.ByteLevelBpe;
import dev.tessera.text.bpe.Gpt2Vocabulary;
import dev.tessera.text.bpe.SpecialTokenPolicy;
import dev.tessera.text.chars.ByteTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkException;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokenizer, shard writer, generator and scorer stages against the single-JVM APIs. */
class TextStagesTest {
    private static final StructType TEXT = new StructType().add("doc", DataTypes.StringType)
            .add("text", DataTypes.StringType);
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static Path bundle;

    @BeforeAll
    static void start() throws Exception {
        spark = LocalSpark.start("TextStagesTest");
        bundle = dir.resolve("bytes.tessera");
        VocabularyLayout layout = VocabularyLayout.plain("text", 256);
        DecoderModel m = DecoderModel.create(ModelConfig.gpt2(256, 64, 2, 2, 32), 7, Device.cpu());
        try (ModelBundle b = ModelBundle.of(m, layout, List.of(TextModality.of("text",
                new ByteTokenizer(SurrogatePolicy.REJECT))), Map.of("note", "random weights, for tests"))) {
            b.save(bundle);
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Path projectData(String sub) {
        Path p = Path.of(System.getProperty("tessera.project.dir", ".."), "data", "text", sub);
        return Files.isDirectory(p) ? p : null;
    }

    @Test
    void gpt2Ids_equalTheSingleJvmEncoder_andShardsReadBack() throws Exception {
        Path sotu = projectData("sotu");
        Path gpt2 = projectData("gpt2");
        Assumptions.assumeTrue(sotu != null && gpt2 != null, "data/text/sotu or data/text/gpt2 missing");
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(sotu)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().limit(12).toList()) {
                rows.add(RowFactory.create(f.getFileName().toString(), Files.readString(f)));
            }
        }
        rows.add(RowFactory.create("null", null));
        rows.add(RowFactory.create("special", "the end<|endoftext|>"));
        TextTokenizer t = new TextTokenizer();
        t.setBundlePath(gpt2.toString());
        Dataset<Row> out = t.transform(spark.createDataFrame(rows, TEXT).coalesce(2)).cache();
        ByteLevelBpe bpe = Gpt2Vocabulary.load(gpt2);
        List<Row> got = out.collectAsList();
        int[] all = new int[0];
        for (Row r : got) {
            String doc = r.getString(0);
            if (doc.endsWith(".txt")) {
                assertNull(r.getAs("error"));
                int[] ids = r.getList(2).stream().mapToInt(x -> (Integer) x).toArray();
                assertArrayEquals(bpe.encode(r.getString(1), SpecialTokenPolicy.REJECT), ids, doc);
                int[] sep = java.util.Arrays.copyOf(ids, ids.length + 1);
                sep[ids.length] = 50256;
                all = concat(all, sep);
            }
        }
        Map<String, String> errors = new HashMap<>();
        got.forEach(r -> errors.put(r.getString(0), r.getAs("error")));
        assertContains(errors.get("null"), "text is null");
        assertContains(errors.get("special"), "<|endoftext|>");

        List<TokenShards.Shard> shards = TokenShards.write(out, "ids", dir.resolve("shards"), 50256);
        assertEquals(2, shards.size());
        int[] back = new int[0];
        for (TokenShards.Shard s : shards) {
            int[] ids = TokenFiles.readIds(dir.resolve("shards").resolve(s.file()));
            assertEquals(s.tokens(), ids.length);
            back = concat(back, ids);
        }
        assertArrayEquals(all, back); // collect and the shards both keep partition order
        assertTrue(Files.readString(dir.resolve("shards/shards.json")).contains("shard-00001.ids"));
    }

    @Test
    void bundleTokenizer_generator_scorer_equalTheSingleJvmApi_andSaveInAPipeline() throws Exception {
        List<Row> rows = List.of(RowFactory.create("a", "Hello, Spark"), RowFactory.create("b", "abc"),
                RowFactory.create("c", "Hello, Spark"), RowFactory.create("d", "x".repeat(80)),
                RowFactory.create("e", null));
        Dataset<Row> in = spark.createDataFrame(rows, TEXT).repartition(2);
        TextTokenizer tok = new TextTokenizer();
        tok.setBundlePath(bundle.toString());
        tok.with(tok.vocabulary(), TextTokenizer.BUNDLE).with(tok.idsCol(), "ids").with(tok.errorCol(), "tok_error");
        Generator gen = new Generator();
        gen.setBundlePath(bundle.toString());
        gen.with(gen.promptCol(), "text").with(gen.seed(), 11L).with(gen.temperature(), 0.9)
                .with(gen.maxNewTokens(), 6).with(gen.errorCol(), "gen_error");
        Scorer sc = new Scorer();
        sc.setBundlePath(bundle.toString());
        sc.with(sc.promptCol(), "text").with(sc.errorCol(), "score_error");
        PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {tok, gen, sc}).fit(in);
        pipeline.write().overwrite().save(dir.resolve("text-pipeline").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("text-pipeline").toString());
        List<Row> first = loaded.transform(in).orderBy("doc").collectAsList();
        List<Row> rerun = pipeline.transform(in.repartition(3)).orderBy("doc").collectAsList();

        try (TesseraModel m = TesseraModel.load(bundle)) {
            ByteTokenizer bytes = new ByteTokenizer(SurrogatePolicy.REJECT);
            for (int i = 0; i < first.size(); i++) {
                Row r = first.get(i);
                String text = r.getString(1);
                assertEquals(r.<String>getAs("generated"), rerun.get(i).getAs("generated"), "rerun of " + r.get(0));
                if (text == null) {
                    assertContains(r.getAs("gen_error"), "prompt is null");
                    assertContains(r.getAs("tok_error"), "text is null");
                    continue;
                }
                int[] ids = r.getList(r.fieldIndex("ids")).stream().mapToInt(x -> (Integer) x).toArray();
                assertArrayEquals(bytes.encode(text), ids);
                if (text.length() > 63) {
                    assertContains(r.getAs("gen_error"), "context is 64 tokens");
                    assertContains(r.getAs("score_error"), "over the model's context of 64");
                } else {
                    assertEquals(m.generate(text, Generator.sampling(0.9, Generator.rowSeed(11, text), 6)),
                            r.getAs("generated"), "row " + r.get(0));
                    assertEquals(reference(m, bytes.encode(text)), (Double) r.getAs("log_likelihood"), 1e-3,
                            "row " + r.get(0));
                }
            }
        }
        assertEquals(first.get(0).<String>getAs("generated"), first.get(2).getAs("generated"), "same prompt, same seed");

        TextTokenizer wrong = new TextTokenizer();
        wrong.setBundlePath(bundle.toString());
        wrong.with(wrong.vocabulary(), TextTokenizer.BUNDLE).with(wrong.modality(), "series");
        SparkException e = assertThrows(SparkException.class, () -> wrong.transform(in).collectAsList());
        assertContains(rootMessage(e), "no text modality 'series'", "[text]");
    }

    /** Log-likelihood from the full logits with a double log-sum-exp (independent of the stage's code). */
    private static double reference(TesseraModel m, int[] ids) {
        DecoderModel d = m.bundle().model();
        try (NDManager s = NDManager.newBaseManager()) {
            float[] logits = d.logits(d.forward(s.create(ids, new Shape(1, ids.length)), null)).toFloatArray();
            int v = d.config().vocabSize();
            double total = 0;
            for (int t = 1; t < ids.length; t++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < v; k++) {
                    max = Math.max(max, logits[(t - 1) * v + k]);
                }
                double sum = 0;
                for (int k = 0; k < v; k++) {
                    sum += Math.exp(logits[(t - 1) * v + k] - max);
                }
                total += logits[(t - 1) * v + ids[t]] - max - Math.log(sum);
            }
            return total;
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
