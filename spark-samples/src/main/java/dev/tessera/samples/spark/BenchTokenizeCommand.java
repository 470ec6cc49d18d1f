package dev.tessera.samples.spark;

import dev.tessera.core.io.Json;
import dev.tessera.spark.bench.Measurement;
import dev.tessera.spark.bench.TokenizeThroughput;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera-spark bench-tokenize}: GPT-2 tokens/s of a loop, the batch encoder, Spark local[1] and local[2]. */
@Command(name = "bench-tokenize", mixinStandardHelpOptions = true,
        description = "Tokens/s encoding a folder of .txt documents with GPT-2's BPE: per-document loop, the "
                + "2-thread batch encoder, and the TextTokenizer stage on each --master, interleaved.")
public final class BenchTokenizeCommand implements Callable<Integer> {
    @Mixin
    BenchOptions bench;
    @Option(names = "--corpus", description = "Folder of .txt documents (default: ${DEFAULT-VALUE}).")
    Path corpus = Path.of("data/text/sotu");
    @Option(names = "--gpt2", description = "Folder with encoder.json and vocab.bpe (default: ${DEFAULT-VALUE}).")
    Path gpt2 = Path.of("data/text/gpt2");

    @Override
    public Integer call() throws Exception {
        String loadBefore = Summary.loadAverage();
        List<Measurement> ms = TokenizeThroughput.run(new TokenizeThroughput.Options(corpus, gpt2, bench.partitions, bench.repeats,
                bench.masters), System.err::println);
        Map<String, Object> j = new LinkedHashMap<>();
        for (String w : Summary.ways(ms)) {
            System.out.println(Summary.line(w, Summary.rates(ms, w), "tokens/s"));
            j.put(w + "_tokens_per_s", Summary.describe(Summary.rates(ms, w)));
        }
        for (String w : Summary.ways(ms)) {
            if (!w.equals("loop")) {
                double[] r = Summary.ratios(ms, w, "loop");
                System.out.println(Summary.line(w + " / loop", r, "x"));
                j.put(w + "_over_loop", Summary.describe(r));
            }
        }
        String loadAfter = Summary.loadAverage();
        System.out.println("load average before: " + loadBefore + "; after: " + loadAfter);
        j.put("load_before", loadBefore);
        j.put("load_after", loadAfter);
        if (bench.json) {
            System.out.println(Json.COMPACT.toJson(j));
        }
        return 0;
    }
}
