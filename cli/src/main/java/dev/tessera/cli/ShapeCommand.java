package dev.tessera.cli;

import dev.tessera.core.api.Prompt;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.pointcloud.geom.PointCloud;
import dev.tessera.pointcloud.io.GeometryFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    SamplingOptions sampling;

    @Override
    public Integer call() throws Exception {
        SamplingConfig cfg = sampling.toConfig(160, 1, SamplingConfig.OverflowPolicy.STOP);
        try (TesseraModel m = TesseraModel.load(model)) {
            PointCloud shape = m.generate(Prompt.of(Prompt.part("text", caption)), PointCloud.class, cfg);
            GeometryFiles.write(out, shape);
            System.out.println("wrote " + out + " (" + shape.size() + " points)");
        }
        return 0;
    }
}
