package dev.tessera.cli;

import dev.tessera.core.io.Limits;
import dev.tessera.pointcloud.eval.RoundTripResult;
import dev.tessera.pointcloud.eval.ShapeRoundTrip;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera shape-roundtrip}: one mesh or point-set file through the octree tokenizer and back. */
@Command(name = "shape-roundtrip", mixinStandardHelpOptions = true,
        description = "Samples a mesh (or splits a point set) into two independent unit-cube samples, encodes one"
                + " as octree tokens, decodes it and scores the result against both samples.")
public final class ShapeRoundtripCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;

    @Option(names = "--in", required = true, description = "A .ply, .off, .obj, .xyz or .pwn file.")
    Path in;

    @Option(names = "--points", description = "Points per sample (default: ${DEFAULT-VALUE}).")
    int points = 2048;

    @Option(names = "--depth", description = "Octree depth (default: ${DEFAULT-VALUE}).")
    int depth = 6;

    @Option(names = "--tau", description = "F-score threshold in unit-cube units (default: ${DEFAULT-VALUE}).")
    double tau = 0.01;

    @Option(names = "--seed", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    /** Most points one sample may have. */
    static final int MAX_POINTS = 1_000_000;
    /** Deepest octree (2^12 cells a side). */
    static final int MAX_DEPTH = 12;

    @Override
    public Integer call() throws Exception {
        Limits.argument(points, 1, MAX_POINTS, "--points");
        Limits.argument(depth, 1, MAX_DEPTH, "--depth");
        Limits.argument(tau, Double.MIN_VALUE, 1, "--tau");
        RoundTripResult r = ShapeRoundTrip.run(in, points, depth, tau, seed);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file());
        m.put("points", r.points());
        m.put("depth", r.depth());
        m.put("tokens", r.tokens());
        m.put("bytes", r.bytes());
        m.put("morton_tokens", r.mortonTokens());
        m.put("fscore", r.fscore());
        m.put("chamfer", r.chamfer());
        m.put("fscore_independent", r.fscoreIndependent());
        m.put("chamfer_independent", r.chamferIndependent());
        m.put("fscore_ceiling", r.fscoreCeiling());
        m.put("chamfer_ceiling", r.chamferCeiling());
        m.put("tau", r.tau());
        m.put("normalization", "bounding box centred, longest side 1");
        m.put("chamfer_definition", "L2 (not squared), mean of both directions");
        output.print(m, report -> {
            report.printf(Locale.ROOT, "%s: depth %d, %d tokens (%d bytes; Morton voxels %d tokens)%n"
                    + "  vs encoded points:     F@%.3f = %.3f, Chamfer %.5f%n"
                    + "  vs independent sample: F@%.3f = %.3f, Chamfer %.5f (ceiling F = %.3f)%n",
                    r.file(), r.depth(), r.tokens(), r.bytes(), r.mortonTokens(), tau, r.fscore(), r.chamfer(), tau,
                    r.fscoreIndependent(), r.chamferIndependent(), r.fscoreCeiling());
        });
        return 0;
    }
}
