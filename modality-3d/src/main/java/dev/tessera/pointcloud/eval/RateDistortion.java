package dev.tessera.pointcloud.eval;

import dev.tessera.pointcloud.io.GeometryFiles;
import dev.tessera.pointcloud.io.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokenizer rate-distortion table on a set of real meshes: for each depth, tokens and bytes
 * per shape against Chamfer distance and F-score, scored against the encoded points and against an
 * independent second sample, beside the sample-versus-sample ceiling.
 */
public final class RateDistortion {
    /** The CGAL sample meshes used for the table (real scanned or modelled objects). */
    public static final List<String> CGAL_MESHES = List.of("armadillo.off", "bunny00.off", "camel.off", "cow.off",
            "elephant.off", "diplodocus.off", "ChineseDragon-10kv.off", "man.off", "mannequin-devil.off", "bear.off",
            "bull.off", "lion.off", "homer.off", "dino.off", "femur.off", "triceratops.off", "elk.off", "hand.off",
            "head.off", "boeing.off", "fandisk.off", "blade.off", "turbine.off", "rotor.off", "mushroom.off",
            "knot1.off");

    private RateDistortion() { }

    /**
     * One row of the table (averages over the shapes).
     *
     * @param depth octree depth
     * @param meanTokens mean tokens per shape
     * @param maxTokens most tokens of any shape
     * @param meanBytes mean bytes per shape (8 bits per mask)
     * @param meanMortonTokens mean tokens of the Morton voxel codec at the same depth
     * @param tau the threshold of this row
     * @param fscore mean F@tau against the encoded points
     * @param chamfer mean Chamfer distance against the encoded points
     * @param fscoreIndependent mean F@tau against the independent sample
     * @param chamferIndependent mean Chamfer distance against the independent sample
     * @param fscoreCeiling mean F@tau of sample versus sample
     * @param minFscore lowest F@tau against the encoded points over the shapes
     */
    public record Row(int depth, double meanTokens, int maxTokens, double meanBytes, double meanMortonTokens,
            double tau, double fscore, double chamfer, double fscoreIndependent, double chamferIndependent,
            double fscoreCeiling, double minFscore) { }

    /**
     * Loads the meshes that exist in a folder, in {@link #CGAL_MESHES} order.
     *
     * @param meshDir the folder (e.g. {@code data/3d/cgal/data/meshes})
     * @return the shapes with their names
     * @throws IOException if a file is malformed
     */
    public static List<Named> load(Path meshDir) throws IOException {
        List<Named> out = new ArrayList<>();
        for (String f : CGAL_MESHES) {
            Path p = meshDir.resolve(f);
            if (Files.exists(p)) {
                out.add(new Named(f, GeometryFiles.read(p)));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("none of the CGAL meshes " + CGAL_MESHES + " is in " + meshDir
                    + " (run scripts/fetch-data.sh)");
        }
        return out;
    }

    /**
     * A shape with its file name.
     *
     * @param name the file name
     * @param shape the shape
     */
    public record Named(String name, Shape shape) { }

    /**
     * Computes the table.
     *
     * @param shapes the shapes
     * @param depths depths to tabulate
     * @param taus thresholds
     * @param points samples per shape
     * @param seed sampling seed
     * @return one row per (depth, tau)
     */
    public static List<Row> compute(List<Named> shapes, int[] depths, double[] taus, int points, long seed) {
        List<SamplePair> pairs = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            pairs.add(SamplePair.of(shapes.get(i).shape(), points, seed + 1000L * i));
        }
        List<Row> rows = new ArrayList<>();
        for (int d : depths) {
            for (double tau : taus) {
                double tok = 0;
                int max = 0;
                double bytes = 0;
                double morton = 0;
                double f = 0;
                double cd = 0;
                double fi = 0;
                double cdi = 0;
                double fc = 0;
                double fmin = 1;
                for (int i = 0; i < pairs.size(); i++) {
                    RoundTripResult r = ShapeRoundTrip.run(shapes.get(i).name(), pairs.get(i), d, tau);
                    tok += r.tokens();
                    max = Math.max(max, r.tokens());
                    bytes += r.bytes();
                    morton += r.mortonTokens();
                    f += r.fscore();
                    cd += r.chamfer();
                    fi += r.fscoreIndependent();
                    cdi += r.chamferIndependent();
                    fc += r.fscoreCeiling();
                    fmin = Math.min(fmin, r.fscore());
                }
                int n = pairs.size();
                rows.add(new Row(d, tok / n, max, bytes / n, morton / n, tau, f / n, cd / n, fi / n, cdi / n, fc / n,
                        fmin));
            }
        }
        return rows;
    }

    /**
     * Formats rows as a Markdown table.
     *
     * @param rows the rows
     * @return the table
     */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| depth | tokens/shape (mean / max) | bytes/shape | Morton tokens | tau | F vs encoded (min)"
                + " | CD vs encoded | F vs independent | CD vs independent | F ceiling (sample vs sample) |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %d | %.0f / %d | %.0f | %.0f | %.2f | %.3f (%.3f) | %.4f | %.3f | %.4f"
                    + " | %.3f |%n", r.depth(), r.meanTokens(), r.maxTokens(), r.meanBytes(), r.meanMortonTokens(),
                    r.tau(), r.fscore(), r.minFscore(), r.chamfer(), r.fscoreIndependent(), r.chamferIndependent(),
                    r.fscoreCeiling()));
        }
        return sb.toString();
    }
}
