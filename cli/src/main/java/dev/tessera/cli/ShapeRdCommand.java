package dev.tessera.cli;

import dev.tessera.core.io.Limits;
import dev.tessera.pointcloud.eval.RateDistortion;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera shape-rd}: the octree tokenizer's rate-distortion table on the real CGAL meshes. */
@Command(name = "shape-rd", mixinStandardHelpOptions = true,
        description = "Rate-distortion of the octree tokenizer on the real CGAL meshes: depth -> tokens -> bytes ->"
                + " Chamfer and F-score against the encoded points and against an independent second sample, beside"
                + " the sample-versus-sample ceiling (2,048 area-weighted samples, unit cube).")
public final class ShapeRdCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;

    @Option(names = "--meshes", description = "Real meshes folder (default: ${DEFAULT-VALUE}).")
    Path meshes = Path.of("data", "3d", "cgal", "data", "meshes");

    @Option(names = "--points", description = "Samples per shape (default: ${DEFAULT-VALUE}).")
    int points = 2048;

    @Option(names = "--depths", split = ",", description = "Depths (default: 4,5,6,7).")
    int[] depths = {4, 5, 6, 7};

    @Option(names = "--taus", split = ",", description = "Thresholds (default: 0.01,0.02).")
    double[] taus = {0.01, 0.02};

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Override
    public Integer call() throws Exception {
        Limits.argument(points, 1, ShapeRoundtripCommand.MAX_POINTS, "--points");
        for (int d : depths) {
            Limits.argument(d, 1, ShapeRoundtripCommand.MAX_DEPTH, "--depths");
        }
        for (double t : taus) {
            Limits.argument(t, Double.MIN_VALUE, 1, "--taus");
        }
        List<RateDistortion.Named> shapes = RateDistortion.load(meshes);
        List<RateDistortion.Row> rows = RateDistortion.compute(shapes, depths, taus, points, seed);
        output.print(rows, report -> {
            report.println(shapes.size() + " meshes, " + points + " area-weighted samples each, bounding box"
                    + " centred and longest side scaled to 1; Chamfer = L2 (not squared), mean of both directions;"
                    + " F = harmonic mean of precision and recall of points closer than tau. Bytes at 8 bits per"
                    + " mask.\n");
            report.print(RateDistortion.markdown(rows));
        });
        return 0;
    }
}
