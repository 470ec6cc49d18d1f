package dev.tessera.cli;

import dev.tessera.core.api.TesseraModel;
import dev.tessera.serve.load.LoadBenchmark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera serve-load}: the loopback load test of {@code tessera serve} (see {@link LoadBenchmark}). */
@Command(name = "serve-load", mixinStandardHelpOptions = true,
        description = "Load-test tessera serve on 127.0.0.1 with 1, 4, 16 and 64 concurrent streaming clients "
                + "(1 and 16 interleaved in pairs; 64 against a queue of 16); writes load.json and load.png.")
public final class ServeLoadCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A trained text .tessera bundle.")
    Path model;
    @Option(names = "--prompts", description = "Text file: one prompt per non-empty line (default: built in).")
    Path prompts;
    @Option(names = "--max-tokens", defaultValue = "64", description = "Tokens per request (default: ${DEFAULT-VALUE}).")
    int maxTokens;
    @Option(names = "--pairs", defaultValue = "3", description = "1-client / 16-client pairs (default: ${DEFAULT-VALUE}).")
    int pairs;
    @Option(names = "--requests", defaultValue = "48", description = "Requests per level below 64 clients, shared "
            + "among its clients (default: ${DEFAULT-VALUE}).")
    int requests;
    @Option(names = "--out", defaultValue = "out/serve-load", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (pairs < 1 || pairs > 20 || maxTokens < 1 || maxTokens > 4096 || requests < 16 || requests > 4096) {
            throw new IllegalArgumentException("--pairs must be 1 to 20, --max-tokens 1 to 4096, --requests 16 to 4096");
        }
        List<String> lines = new ArrayList<>();
        if (prompts != null) {
            for (String l : Files.readAllLines(prompts, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    lines.add(l.strip());
                }
            }
        } else {
            lines.addAll(List.of("Call me Ishmael. Some years ago", "The whale rose", "Captain Ahab stood",
                    "It was a grey morning when", "Queequeg and I", "The sea was", "Starbuck said", "In the hold"));
        }
        Files.createDirectories(out);
        try (TesseraModel m = TesseraModel.load(model)) {
            System.out.println(LoadBenchmark.header());
            LoadBenchmark.Summary s = LoadBenchmark.run(m, maxTokens, pairs, requests, lines, out, System.out);
            System.out.println("ratios 16/1: " + s.ratios().stream().map(r -> String.format(Locale.ROOT, "%.2f", r))
                    .toList() + "; seeded identical: " + s.seededIdentical() + "; wrote " + out.resolve("load.json")
                    + " and " + out.resolve("load.png"));
        }
        return 0;
    }
}
