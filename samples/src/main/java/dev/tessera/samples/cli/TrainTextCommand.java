package dev.tessera.samples.cli;

import dev.tessera.core.io.Json;
import dev.tessera.core.model.Architecture;
import dev.tessera.samples.lm.ByteLmTrainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera train-text}: byte-level LM training with the reference recipe. */
@Command(name = "train-text", mixinStandardHelpOptions = true,
        description = "Train a byte-level language model on a text file (first 90% train, last 10% validation), "
                + "AdamW + warm-up + cosine, clip 1.0, and save it as a .tessera bundle.")
public final class TrainTextCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Text file.")
    Path data;
    @Option(names = "--steps", required = true, description = "Optimizer steps.")
    int steps;
    @Option(names = "--out", description = "Bundle to write (default: none).")
    Path out;
    @Option(names = "--arch", defaultValue = "modern", description = "modern | gpt2 (default: ${DEFAULT-VALUE}).")
    String arch;
    @Option(names = "--layers", defaultValue = "4")
    int layers;
    @Option(names = "--heads", defaultValue = "4")
    int heads;
    @Option(names = "--d-model", defaultValue = "128")
    int dModel;
    @Option(names = "--context", defaultValue = "128")
    int context;
    @Option(names = "--batch", defaultValue = "32")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3")
    double lr;
    @Option(names = "--seed", defaultValue = "1337")
    long seed;
    @Option(names = "--metrics-log", description = "JSON-lines metrics log file.")
    Path metricsLog;
    @Option(names = "--json", description = "Print ONE JSON object as the last line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ByteLmTrainer.Options o = new ByteLmTrainer.Options(data, Architectures.parse(arch), layers, heads, dModel,
                context, batch, steps, lr, seed, out, metricsLog);
        ByteLmTrainer.Result r = ByteLmTrainer.run(o, System.err);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "train_text");
        m.put("arch", arch);
        m.put("file_bytes", r.fileBytes());
        m.put("steps", steps);
        m.put("params", r.parameters());
        m.put("train_loss_last20", r.trainLoss());
        m.put("val_loss_nats", r.valLossNats());
        m.put("val_bpc", r.valBpc());
        m.put("train_seconds", r.trainSeconds());
        m.put("train_tokens_per_s", r.trainTokensPerSecond());
        if (out != null) {
            m.put("out", out.toString());
        }
        if (json) {
            System.out.println(Json.COMPACT.toJson(m));
        } else {
            System.out.printf("val bits/char %.4f, train %.0f tokens/s, %d params%s%n", r.valBpc(),
                    r.trainTokensPerSecond(), r.parameters(), out == null ? "" : ", saved " + out);
        }
        return 0;
    }
}
