package dev.tessera.pointcloud.eval;

import dev.tessera.pointcloud.io.GeometryFiles;
import dev.tessera.pointcloud.io.Shape;
import dev.tessera.pointcloud.modality.PointCloudConfig;
import dev.tessera.pointcloud.modality.PointCloudModality;
import dev.tessera.pointcloud.octree.MortonVoxelCodec;
import java.io.IOException;
import java.nio.file.Path;

/** Runs one shape through the octree tokenizer and back and scores the result. */
public final class ShapeRoundTrip {
    private ShapeRoundTrip() { }

    /**
     * Reads a file and round-trips it.
     *
     * @param file a mesh or point-set file
     * @param points points per sample
     * @param depth octree depth
     * @param tau F-score threshold
     * @param seed sampling seed
     * @return the scores
     * @throws IOException if the file cannot be read or is malformed
     */
    public static RoundTripResult run(Path file, int points, int depth, double tau, long seed) throws IOException {
        if (points <= 0) {
            throw new IllegalArgumentException("points (" + points + ") must be positive");
        }
        Shape shape = GeometryFiles.read(file);
        return run(file.toString(), SamplePair.of(shape, points, seed), depth, tau);
    }

    /**
     * Round-trips an already drawn pair of samples.
     *
     * @param name a label for the result
     * @param pair the two unit-cube samples
     * @param depth octree depth
     * @param tau F-score threshold
     * @return the scores
     */
    public static RoundTripResult run(String name, SamplePair pair, int depth, double tau) {
        PointCloudModality m = new PointCloudModality("points", PointCloudConfig.octree(depth).withNormalize(false));
        int[] tokens = m.codec().encode(pair.encoded());
        float[] decoded = m.decodeUnit(tokens);
        PointIndex ia = new PointIndex(pair.encoded());
        PointIndex ib = new PointIndex(pair.independent());
        PointIndex id = new PointIndex(decoded);
        ShapeScore vsEncoded = PointSetMetrics.score(decoded, id, pair.encoded(), ia, tau);
        ShapeScore vsIndependent = PointSetMetrics.score(decoded, id, pair.independent(), ib, tau);
        ShapeScore ceiling = PointSetMetrics.score(pair.encoded(), ia, pair.independent(), ib, tau);
        int morton = new MortonVoxelCodec(Math.min(depth, 12)).encode(pair.encoded()).length;
        return new RoundTripResult(name, pair.encoded().length / 3, depth, tokens.length, m.codec().bytes(tokens.length),
                morton, vsEncoded.fscore(), vsEncoded.chamfer(), vsIndependent.fscore(), vsIndependent.chamfer(),
                ceiling.fscore(), ceiling.chamfer(), tau);
    }
}
