package dev.tessera.cli;

import dev.tessera.core.infer.EngineChoice;
import dev.tessera.core.io.Limits;
import dev.tessera.samples.infer.GenerationMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera bench-memory}: resident memory over many generation calls of one loaded model, per engine. */
@Command(name = "bench-memory", mixinStandardHelpOptions = true,
        description = "Loads a text bundle and makes many short seeded generation calls on each engine, printing the "
                + "resident set (VmRSS), the Java heap in use and the model's native arrays at the start and every "
                + "N calls. Run with a fixed heap (TESSERA_JAVA_OPTS='-Xms1g -Xmx1g -XX:+AlwaysPreTouch') so that "
                + "RSS growth is native memory.")
public final class BenchMemoryCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;

    @Option(names = "--model", required = true, description = "A text bundle (.tessera).")
    Path model;

    @Option(names = "--calls", description = "Generation calls per engine (default: ${DEFAULT-VALUE}).")
    int calls = 10_000;

    @Option(names = "--every", description = "A sample every N calls (default: ${DEFAULT-VALUE}).")
    int every = 1_000;

    @Option(names = "--warmup", description = "Calls before the first sample (default: ${DEFAULT-VALUE}).")
    int warmup = 50;

    @Option(names = "--tokens", description = "New tokens per call (default: ${DEFAULT-VALUE}).")
    int tokens = 8;

    @Option(names = "--prompt", description = "The prompt (default: ${DEFAULT-VALUE}).")
    String prompt = "The ";

    @Option(names = "--engines", split = ",", description = "jvm, djl or both (default: jvm,djl).")
    List<String> engines = List.of("jvm", "djl");

    @Override
    public Integer call() throws Exception {
        Limits.argument(calls, 1, 100_000_000, "--calls");
        Limits.argument(every, 1, 100_000_000, "--every");
        Limits.argument(warmup, 0, 1_000_000, "--warmup");
        Limits.argument(tokens, 1, 4096, "--tokens");
        List<Map<String, Object>> runs = new ArrayList<>();
        for (String e : engines) {
            EngineChoice engine = Flags.oneOf(EngineChoice.class, e, "--engines");
            GenerationMemory.Result r = GenerationMemory.run(new GenerationMemory.Options(model, engine, calls, every,
                    warmup, prompt, tokens), s -> output.log().printf(Locale.ROOT,
                            "%s: %6d calls  RSS %8.1f MiB  heap %7.1f MiB  native arrays %d  %.1f s%n", e, s.calls(),
                            s.rssKb() / 1024.0, s.heapKb() / 1024.0, s.managedArrays(), s.seconds()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", e);
            m.put("calls", calls);
            m.put("tokens_per_call", tokens);
            m.put("rss_mb_start", r.samples().get(0).rssKb() / 1024.0);
            m.put("rss_mb_end", r.samples().get(r.samples().size() - 1).rssKb() / 1024.0);
            m.put("rss_mb_growth", r.rssGrowthMb());
            m.put("native_arrays_start", r.samples().get(0).managedArrays());
            m.put("native_arrays_end", r.samples().get(r.samples().size() - 1).managedArrays());
            m.put("rss_mb", r.samples().stream().map(s -> s.rssKb() / 1024.0).toList());
            m.put("generated_chars", r.generatedChars());
            runs.add(m);
        }
        output.print(Map.of("runs", runs), report -> runs.forEach(m -> report.printf(Locale.ROOT,
                "%s: RSS %.1f -> %.1f MiB over %d calls (%+.1f MiB), native arrays %s -> %s%n", m.get("engine"),
                m.get("rss_mb_start"), m.get("rss_mb_end"), calls, m.get("rss_mb_growth"), m.get("native_arrays_start"),
                m.get("native_arrays_end"))));
        return 0;
    }
}
