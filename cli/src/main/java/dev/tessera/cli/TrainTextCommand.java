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
                + "AdamW + warm-up + cosine, clip 1.0, and save it as a .tessera bundle.")
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
    @Option(names = "--checkpoint-every", defaultValue = "0", description = "Write a checkpoint (weights, "
            + "optimizer state, step) atomically every N steps and at the end; 0 = never (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;
    @Option(names = "--checkpoint", description = "Checkpoint file (default: the --resume file, else <out>.ckpt).")
    Path checkpoint;
    @Option(names = "--resume", description = "Continue the run from this checkpoint (same data and options); "
            + "the result is bit-identical to an uninterrupted run.")
    Path resume;
    @Override
    public Integer call() throws Exception {
        Limits.argument(steps, 1, 100_000_000, "--steps");
        Limits.argument(batch, 1, 65_536, "--batch");
        Limits.argument(lr, Double.MIN_VALUE, 10, "--lr");
        Path file = checkpoint != null ? checkpoint : resume != null ? resume
                : checkpointEvery > 0 && out != null ? out.resolveSibling(out.getFileName() + ".ckpt") : null;
        ByteLmTrainer.Options o = new ByteLmTrainer.Options(data,
                backbone.toConfig(ByteText.VOCABULARY), batch, steps,
                lr, seed, out, metricsLog, new Checkpoints(file, checkpointEvery, resume));
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
        if (file != null) {
            m.put("checkpoint", file.toString());
        }
        output.print(m, report -> {
            report.printf("val bits/char %.4f, train %.0f tokens/s, %d params%s%n", r.valBpc(),
                    r.trainTokensPerSecond(), r.parameters(), out == null ? "" : ", saved " + out);
        });
        return 0;
    }
}
