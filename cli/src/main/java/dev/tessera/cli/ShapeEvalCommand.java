package dev.tessera.cli;

import dev.tessera.pointcloud.generate.ShapeGenConfig;
import dev.tessera.pointcloud.generate.ShapeGenerator;
import dev.tessera.samples.pointcloud.ShapeEval;
import dev.tessera.samples.pointcloud.ShapeEvalJson;
import dev.tessera.samples.pointcloud.ShapeEvalResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera shape-eval}: trains (or loads) the class-conditioned shape generator and scores it. */
@Command(name = "shape-eval", mixinStandardHelpOptions = true,
        description = "Trains (or loads --model) a class-conditioned octree shape generator on procedural solids,"
                + " generates shapes per class and scores them: class accuracy by a separate classifier, COV, MMD,"
                + " 1-NNA (also under PointFlow's squared Chamfer and an exact EMD, per class, with ties shared, each"
                + " beside a second real set's scores); plus the tokenizer round trip on the real CGAL meshes. Checkpoints of the training go to"
                + " <save>.ckpt unless --checkpoint names another file.")
public final class ShapeEvalCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;

    @Option(names = "--model", description = "Load this saved generator instead of training.")
    Path model;

    @Option(names = "--save", description = "Save the trained generator here (safetensors).")
    Path save;

    @Option(names = "--quick", description = "A tiny budget (shows the pipeline; quality floors not expected).")
    boolean quick;

    @Option(names = "--steps", description = "Override the number of training steps.")
    Integer steps;

    @Option(names = "--depth", description = "Octree depth of the generated shapes (default: the config's, 3);"
            + " 4 generates depth 3 first and then the finer level conditioned on it, in one coarse-to-fine stream.")
    Integer depth;

    @Option(names = "--train-per-class", description = "Procedural training shapes per class (default: config's).")
    Integer trainPerClass;

    @Option(names = "--per-class", description = "Generated and held-out shapes per class (default: config's).")
    Integer perClass;

    @Option(names = "--temperature", description = "A fixed sampling temperature (default: picked on a validation set,"
            + " see --pick-temperature; --quick: 0.5).")
    Double temperature;

    @Option(names = "--pick-temperature", split = ",", paramLabel = "T",
            description = "Pick the sampling temperature from these candidates on a validation set of real shapes"
                    + " (its own seed; never the scored reference set): the lowest validation 1-NNA among those whose"
                    + " class accuracy is at least 0.95 (default without --temperature or --quick: 0.8,0.9,1.0,1.1,1.2).")
    java.util.List<Double> pickTemperature;

    /** The candidates a full run picks its sampling temperature from when none is given. */
    static final java.util.List<Double> DEFAULT_TEMPERATURES = java.util.List.of(0.8, 0.9, 1.0, 1.1, 1.2);

    @Option(names = "--real-vs-real", split = ",", paramLabel = "DEPTH",
            description = "Train nothing: print what a second real held-out set scores against the reference set"
                    + " (COV, 1-NNA, MMD under every distance and protocol) at these octree depths (0: the raw"
                    + " 512-point surface samples), with --per-class shapes per class (default 20).")
    int[] realVsReal;

    @Option(names = "--meshes", description = "Real meshes folder (default: ${DEFAULT-VALUE}).")
    Path meshes = Path.of("data", "3d", "cgal", "data", "meshes");

    @Option(names = "--out", description = "Write generated PLY files and PNG renders here.")
    Path out;

    @Option(names = "--tau", description = "F-score threshold of the real-mesh round trip (default: ${DEFAULT-VALUE}).")
    double tau = 0.01;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Mixin
    CheckpointOptions checkpointing;

    @Override
    public Integer call() throws Exception {
        ShapeGenConfig c = quick ? ShapeGenConfig.quick(seed) : ShapeGenConfig.full(seed);
        if (depth != null) {
            c = c.withDepth(depth);
        }
        if (steps != null) {
            c = c.withSteps(steps);
        }
        if (trainPerClass != null) {
            c = c.withTrainPerClass(trainPerClass);
        }
        if (temperature != null) {
            c = c.withTemperature(temperature);
        }
        if (pickTemperature != null && temperature != null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--temperature fixes the temperature and --pick-temperature picks it; give one of them");
        }
        java.util.List<Double> candidates = pickTemperature != null ? pickTemperature
                : temperature != null || quick ? java.util.List.of() : DEFAULT_TEMPERATURES;
        if (perClass != null) {
            c = c.withEvalPerClass(perClass);
        }
        if (realVsReal != null) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (dev.tessera.samples.pointcloud.SetMetricRow row : ShapeEval.realVsReal(seed, c.evalPerClass(),
                    realVsReal)) {
                m.put(row.name(), ShapeEvalJson.metrics(row.realVsReal()));
            }
            output.print(m);
            return 0;
        }
        Path defaultCheckpoint = save != null ? save.resolveSibling(save.getFileName() + ".ckpt") : null;
        ShapeEvalResult r = ShapeEval.run(new ShapeEval.Options(c, model, save, meshes, out, tau, System.err,
                checkpointing.checkpoints(defaultCheckpoint, "shape_config", ShapeGenerator.trainingIdentity(c)),
                candidates));
        Map<String, Object> m = ShapeEvalJson.of(r);
        output.print(m);
        return 0;
    }
}
