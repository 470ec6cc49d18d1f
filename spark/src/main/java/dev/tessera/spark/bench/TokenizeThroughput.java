package dev.tessera.spark.bench;

import dev.tessera.spark.BundleSource;
import dev.tessera.spark.TextTokenizer;
import dev.tessera.text.bpe.BatchEncoder;
import dev.tessera.text.bpe.Gpt2Vocabulary;
import dev.tessera.text.bpe.SpecialTokenPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Tokens per second encoding a folder of documents (the SOTU corpus) with GPT-2's BPE, interleaved in
 * every repetition: a per-document loop on one thread, the single-JVM {@link BatchEncoder} on two
 * threads, and the {@link TextTokenizer} stage on each Spark master.
 */
public final class TokenizeThroughput {
    private TokenizeThroughput() { }

    /**
     * What to run.
     *
     * @param corpus a folder of {@code .txt} documents
     * @param gpt2 the folder with {@code encoder.json} and {@code vocab.bpe}
     * @param partitions Spark partitions
     * @param repeats repetitions
     * @param masters Spark masters
     */
    public record Options(Path corpus, Path gpt2, int partitions, int repeats, List<String> masters) { }

    /**
     * Runs the benchmark.
     *
     * @param o the options
     * @param log progress lines
     * @return the measurements (items = tokens)
     * @throws IOException if the corpus or vocabulary cannot be read
     */
    public static List<Measurement> run(Options o, Consumer<String> log) throws IOException {
        List<String> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(o.corpus())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                docs.add(Files.readString(f));
            }
        }
        if (docs.isEmpty()) {
            throw new IOException("no .txt documents in " + o.corpus());
        }
        Function<String, int[]> enc = TextTokenizer.encoder(BundleSource.path(o.gpt2().toString()), TextTokenizer.GPT2,
                "", "text");
        long tokens = 0;
        for (String d : docs) {
            tokens += enc.apply(d).length; // also the warm-up
        }
        log.accept(String.format("%d documents, %d tokens", docs.size(), tokens));
        List<Row> rows = new ArrayList<>();
        for (String d : docs) {
            rows.add(RowFactory.create(d));
        }
        StructType schema = new StructType().add("text", DataTypes.StringType);
        List<Measurement> out = new ArrayList<>();
        try (BatchEncoder batch = Gpt2Vocabulary.load(o.gpt2()).batchEncoder(2)) {
            batch.encode(docs, SpecialTokenPolicy.ENCODE_AS_TEXT);
            for (int rep = 0; rep < o.repeats(); rep++) {
                long s = System.nanoTime();
                for (String d : docs) {
                    enc.apply(d);
                }
                out.add(report(log, new Measurement("loop", rep, tokens, secs(s))));
                s = System.nanoTime();
                batch.encode(docs, SpecialTokenPolicy.ENCODE_AS_TEXT);
                out.add(report(log, new Measurement("batched-2-threads", rep, tokens, secs(s))));
                for (String master : o.masters()) {
                    SparkSession spark = SparkSession.builder().master(master).appName("tessera-tokenize-bench")
                            .config("spark.ui.enabled", "false").config("spark.sql.adaptive.enabled", "false")
                            .config("spark.driver.host", "127.0.0.1").getOrCreate();
                    try {
                        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(o.partitions()).cache();
                        df.count();
                        TextTokenizer t = new TextTokenizer();
                        t.setBundlePath(o.gpt2().toString());
                        t.with(t.specialTokens(), "text");
                        // warm-up over the whole corpus: BPE keeps a word cache per thread, and the loop's is warm
                        t.transform(df).write().format("noop").mode("overwrite").save();
                        s = System.nanoTime();
                        t.transform(df).write().format("noop").mode("overwrite").save();
                        out.add(report(log, new Measurement(master, rep, tokens, secs(s))));
                    } finally {
                        spark.stop();
                    }
                }
            }
        }
        return out;
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static Measurement report(Consumer<String> log, Measurement m) {
        log.accept(String.format("repeat %d %-18s %9d tokens in %6.2f s = %10.0f tokens/s", m.repeat(), m.way(),
                m.items(), m.seconds(), m.perSecond()));
        return m;
    }
}
