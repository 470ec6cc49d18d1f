package dev.tessera.pointcloud.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The floors on the real CGAL meshes (2,048 area-weighted samples, unit cube). */
class RateDistortionTest {

    @Test
    void depth6_meetsFloorsOnRealMeshes() throws Exception {
        Path meshes = Path.of(System.getProperty("tessera.project.dir", "..")).resolve("data/3d/cgal/data/meshes");
        Assumptions.assumeTrue(Files.isDirectory(meshes), "CGAL data not fetched (scripts/fetch-data.sh)");
        List<RateDistortion.Named> shapes = RateDistortion.load(meshes);
        assertEquals(RateDistortion.CGAL_MESHES.size(), shapes.size());
        List<RateDistortion.Row> rows = RateDistortion.compute(shapes, new int[] {6}, new double[] {0.01, 0.02},
                2048, 7);
        RateDistortion.Row f01 = rows.get(0);
        RateDistortion.Row f02 = rows.get(1);
        assertTrue(f01.fscore() >= 0.85, "F@0.01 vs encoded " + f01.fscore());
        // voxel half-diagonal at depth 6 is sqrt(3)/128 = 0.0135 < 0.02, so every point is matched
        assertEquals(1.0, f02.fscore(), 0.0);
        assertEquals(1.0, f02.minFscore(), 0.0);
        assertTrue(f02.fscoreCeiling() - f02.fscoreIndependent() <= 0.03,
                "independent F@0.02 " + f02.fscoreIndependent() + " vs ceiling " + f02.fscoreCeiling());
        assertTrue(f01.meanTokens() > 1000 && f01.meanTokens() < 3000, "tokens " + f01.meanTokens());
    }
}
