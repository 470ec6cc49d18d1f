package dev.tessera.cli;

import dev.tessera.core.io.Limits;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskScore;
import dev.tessera.pointcloud.task.ShapeTaskConfig;
import dev.tessera.samples.pointcloud.ShapeTaskRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera shape-tasks}: trains one backbone on caption_to_shape + shape_to_caption and scores both. */
@Command(name = "shape-tasks", mixinStandardHelpOptions = true,
        description = "Trains one GPT-2-block backbone on the two shape tasks (caption -> shape, shape -> caption)"
                + " through the Task SPI and prints each task's score (class accuracy by a separate classifier;"
                + " caption class accuracy), with renders in --out.")
public final class ShapeTasksCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;

    @Option(names = "--steps", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps = ShapeTaskRun.Settings.defaults().steps();

    @Option(names = "--batch", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batch = ShapeTaskRun.Settings.defaults().batch();

    @Option(names = "--layers", description = "Blocks (default: ${DEFAULT-VALUE}).")
    int layers = ShapeTaskRun.Settings.defaults().layers();

    @Option(names = "--dim", description = "Width (default: ${DEFAULT-VALUE}).")
    int dim = ShapeTaskRun.Settings.defaults().dModel();

    @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr = ShapeTaskRun.Settings.defaults().learningRate();

    @Option(names = "--quick", description = "Score 6 instead of 20 held-out shapes per class.")
    boolean quick;

    @Option(names = "--out", description = "Renders go here (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "shape-tasks");

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Override
    public Integer call() throws Exception {
        Limits.argument(steps, 1, 10_000_000, "--steps");
        Limits.argument(batch, 1, 4096, "--batch");
        Limits.argument(layers, 1, ModelConfig.MAX_LAYERS, "--layers");
        Limits.argument(dim, 1, ModelConfig.MAX_WIDTH, "--dim");
        Limits.argument(lr, Double.MIN_VALUE, 10, "--lr");
        ShapeTaskRun.Settings d = ShapeTaskRun.Settings.defaults();
        ShapeTaskRun.Settings s = new ShapeTaskRun.Settings(ShapeTaskConfig.defaults(), layers, d.heads(), dim, steps,
                batch, lr);
        TaskContext ctx = new TaskContext(out, out.resolve("cache"), quick, seed, System.err);
        ShapeTaskRun.Result r = ShapeTaskRun.run(s, ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, TaskScore> e : r.scores().entrySet()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("metric", e.getValue().metric());
            t.put("score", e.getValue().score());
            t.put("details", e.getValue().details());
            t.put("files", e.getValue().files());
            m.put(e.getKey(), t);
        }
        m.put("train_loss", r.trainLoss());
        m.put("train_seconds", r.trainSeconds());
        m.put("parameters", r.parameters());
        m.put("seconds", r.seconds());
        output.print(m);
        return 0;
    }
}
