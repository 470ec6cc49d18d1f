package dev.tessera.serve.load;

import com.google.gson.GsonBuilder;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load test's protocol: {@code pairs} interleaved pairs of a 1-client and a 16-client level (so their ratio
 * is measured back to back), then 4 clients, then 64 clients against a queue of 16 (the excess must get 429);
 * a discarded 16-client level warms the JIT first; the 16-client texts of the first pair are compared with the same seeded requests sent one by one. Writes
 * {@code load.json} and {@code load.png}.
 */
public final class LoadBenchmark {
    private LoadBenchmark() { }

    /**
     * What the protocol found.
     *
     * @param runs every level, in the order run
     * @param ratios 16-client over 1-client tokens per second, one per pair
     * @param seededIdentical whether every 16-client text equalled its one-by-one twin
     * @param seededCompared how many texts were compared
     */
    public record Summary(List<LoadRun> runs, List<Double> ratios, boolean seededIdentical, int seededCompared) { }

    /**
     * Runs the protocol.
     *
     * @param model a trained text model
     * @param maxTokens tokens per request
     * @param pairs how many 1-client / 16-client pairs
     * @param requests requests per level below 64 clients (each client sends its share one after the other)
     * @param prompts the prompts
     * @param out the folder for {@code load.json} and {@code load.png}
     * @param log progress lines
     * @return the summary
     * @throws IOException if the results cannot be written
     * @throws InterruptedException if interrupted
     */
    public static Summary run(TesseraModel model, int maxTokens, int pairs, int requests, List<String> prompts,
            Path out, PrintStream log) throws IOException, InterruptedException {
        LoadTest test = new LoadTest(model, maxTokens, prompts);
        List<LoadRun> runs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        Map<String, String> concurrent = new ConcurrentHashMap<>();
        LoadRun warm = test.run(16, Math.max(1, requests / 16), 16, 64, null); // the JIT compiles the decode loop: not measured
        log.println("warm-up (not counted): " + row(warm));
        for (int p = 0; p < pairs; p++) {
            LoadRun one = level(test, 1, requests, 16, 64, null, runs, log);
            LoadRun sixteen = level(test, 16, Math.max(1, requests / 16), 16, 64, p == 0 ? concurrent : null, runs,
                    log);
            ratios.add(sixteen.tokensPerSecond() / one.tokensPerSecond());
            log.printf(Locale.ROOT, "pair %d: 16 clients / 1 client = %.2fx%n", p + 1, ratios.get(p));
        }
        level(test, 4, Math.max(1, requests / 4), 16, 64, null, runs, log);
        level(test, 64, 1, 16, 16, null, runs, log);
        Map<String, String> oneByOne = test.sequential(16, Math.max(1, requests / 16));
        boolean same = oneByOne.equals(concurrent);
        int shown = 0;
        for (Map.Entry<String, String> e : oneByOne.entrySet()) {
            String other = concurrent.get(e.getKey());
            if (!e.getValue().equals(other) && shown++ < 3) {
                log.println("differs " + e.getKey() + ":\n  one by one: " + e.getValue() + "\n  concurrent: " + other);
            }
        }
        log.println("seeded 16-client texts equal one-by-one: " + same + " (" + oneByOne.size() + " requests)");
        Summary s = new Summary(runs, ratios, same, oneByOne.size());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("max_tokens", maxTokens);
        json.put("runs", runs);
        json.put("ratios_16_over_1", ratios);
        json.put("seeded_identical", same);
        json.put("seeded_compared", oneByOne.size());
        AtomicFiles.writeString(out.resolve("load.json"), new GsonBuilder().setPrettyPrinting()
                .serializeSpecialFloatingPointValues().create().toJson(json));
        LoadPlot.write(out.resolve("load.png"), runs, "tessera serve, loopback load test (" + maxTokens
                + " tokens per request; batch 16; median of runs)");
        return s;
    }

    private static LoadRun level(LoadTest test, int clients, int perClient, int batch, int queue,
            Map<String, String> texts, List<LoadRun> runs, PrintStream log) throws InterruptedException {
        LoadRun r = test.run(clients, perClient, batch, queue, texts);
        runs.add(r);
        log.println(row(r));
        return r;
    }

    /**
     * @param r a level
     * @return one Markdown table row
     */
    public static String row(LoadRun r) {
        return String.format(Locale.ROOT, "| %d | %d/%d | %d | %d | %d | %d | %.1f | %.0f | %.0f | %.0f | %.0f | %.1f "
                + "| %.0f → %.0f | %.1f |", r.clients(), r.batch(), r.queue(), r.requests(), r.ok(), r.refused(),
                r.errors(), r.tokensPerSecond(), r.ttftP50Ms(), r.ttftP99Ms(), r.latencyP50Ms(), r.latencyP99Ms(),
                r.seconds(), r.rssStartMb(), r.rssEndMb(), r.loadAverage());
    }

    /** @return the header of {@link #row}'s table */
    public static String header() {
        return "| clients | batch/queue | requests | ok | 429 | errors | tok/s | TTFT p50 ms | TTFT p99 ms "
                + "| latency p50 ms | latency p99 ms | seconds | RSS MiB | load |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    }
}
