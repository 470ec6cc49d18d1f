package dev.tessera.cli;

import dev.tessera.core.io.Limits;
import dev.tessera.samples.lm.ByteLmTrainer;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.text.modality.ByteText;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera train-text}: byte-level LM training with the reference recipe. */
@Command(name = "train-text", mixinStandardHelpOptions = true,
        description = "Train a byte-level language model on a text file (first 90%% train, last 10%% validation), "
                + "AdamW + warm-up + cosine, clip 1.0, and save it as a .tessera bundle. Checkpoints go to <out>.ckpt "
                + "unless --checkpoint names another file.")
public final class TrainTextCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;
    @Mixin
    BackboneOptions backbone;
    @Option(names = "--data", required = true, description = "Text file.")
    Path data;
    @Option(names = "--steps", required = true, description = "Optimizer steps.")
    int steps;
    @Option(names = "--out", description = "Bundle to write (default: none).")
    Path out;
    @Option(names = "--batch", defaultValue = "32")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3")
    double lr;
    @Option(names = "--seed", defaultValue = "1337")
    long seed;
    @Option(names = "--metrics-log", description = "JSON-lines metrics log file.")
    Path metricsLog;
    @Mixin
    CheckpointOptions checkpointing;

    @Override
    public Integer call() throws Exception {
        Limits.argument(steps, 1, 100_000_000, "--steps");
        Limits.argument(batch, 1, 65_536, "--batch");
        Limits.argument(lr, Double.MIN_VALUE, 10, "--lr");
        Checkpoints cp = checkpointing.checkpoints(out == null ? null : out.resolveSibling(out.getFileName() + ".ckpt"));
        ByteLmTrainer.Options o = new ByteLmTrainer.Options(data,
                backbone.toConfig(ByteText.VOCABULARY), batch, steps, lr, seed, out, metricsLog, cp);
        ByteLmTrainer.Result r = ByteLmTrainer.run(o, System.err);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "train_text");
        m.put("arch", backbone.arch);
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
        if (cp.file() != null) {
            m.put("checkpoint", cp.file().toString());
        }
        output.print(m, report -> {
            report.printf("val bits/char %.4f, train %.0f tokens/s, %d params%s%n", r.valBpc(),
                    r.trainTokensPerSecond(), r.parameters(), out == null ? "" : ", saved " + out);
        });
        return 0;
    }
}
