package dev.tessera.samples.pointcloud;

import dev.tessera.core.api.Prompt;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.io.Limits;
import dev.tessera.pointcloud.geom.PointCloud;
import dev.tessera.pointcloud.io.GeometryFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera shape}: a 3D point set for a caption, from a model trained on caption -> shape. */
@Command(name = "shape", mixinStandardHelpOptions = true,
        description = "Generates a 3D shape for a caption (e.g. \\\"a tall cylinder\\\") with a model trained on "
                + "caption -> shape, e.g. the demo's out/demo/joint.tessera; writes PLY, OFF, OBJ or XYZ by extension.")
public final class ShapeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A .tessera bundle with a shape modality.")
    Path model;

    @Option(names = "--caption", required = true, description = "What to draw.")
    String caption;

    @Option(names = "--out", description = "The point set file (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("shape.ply");

    @Option(names = "--temperature", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature = 0.8;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--max-tokens", description = "Most octree masks (default: ${DEFAULT-VALUE}).")
    int maxTokens = 160;

    @Override
    public Integer call() throws Exception {
        Limits.argument(temperature, 0, 1e6, "--temperature");
        Limits.argument(maxTokens, 1, SamplingConfig.MAX_NEW_TOKENS, "--max-tokens");
        try (TesseraModel m = TesseraModel.load(model)) {
            SamplingConfig sampling = temperature == 0 ? SamplingConfig.greedy(maxTokens)
                    : SamplingConfig.sample(temperature, seed, maxTokens);
            PointCloud shape = m.generate(Prompt.of(Prompt.part("text", caption)), PointCloud.class, sampling);
            GeometryFiles.write(out, shape);
            System.out.println("wrote " + out + " (" + shape.size() + " points)");
        }
        return 0;
    }
}
