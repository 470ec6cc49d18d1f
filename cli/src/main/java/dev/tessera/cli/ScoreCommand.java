package dev.tessera.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.io.Json;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.DecoderModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera score --model M --ids 3,14,15 --json}: the logits at every position. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Print the model's logits at every position of a sequence of global token ids.")
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;
    @Option(names = "--model", required = true)
    Path model;
    @Option(names = "--ids", required = true, split = ",", description = "Comma-separated global ids.")
    List<Integer> ids;
    @Override
    public Integer call() throws Exception {
        try (ModelBundle b = ModelBundle.load(model); NDManager s = NDManager.newBaseManager()) {
            DecoderModel m = b.model();
            int[] x = ids.stream().mapToInt(Integer::intValue).toArray();
            if (x.length == 0) {
                throw new IllegalArgumentException("--ids is empty; give at least one global id");
            }
            for (int i = 0; i < x.length; i++) {
                b.layout().checkId(x[i], i);
            }
            if (x.length > m.config().contextLength()) {
                throw new IllegalArgumentException("--ids has " + x.length + " ids, over the model's context of "
                        + m.config().contextLength());
            }
            NDArray logits = m.logits(m.forward(s.create(x, new Shape(1, x.length)), null));
            float[] flat = logits.toFloatArray();
            int v = m.config().vocabSize();
            float[][] rows = new float[x.length][v];
            for (int t = 0; t < x.length; t++) {
                System.arraycopy(flat, t * v, rows[t], 0, v);
                for (int i = 0; i < v; i++) {
                    if (!Float.isFinite(rows[t][i])) {
                        // JSON has no NaN: say where instead of printing an invalid document
                        throw new IllegalStateException("position " + t + ": the model's logit for id " + i + " is "
                                + rows[t][i] + "; its activations are not finite");
                    }
                }
            }
            output.print(Map.of("logits", rows));
        }
        return 0;
    }
}
