package dev.tessera.pointcloud.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.pointcloud.octree.OctreeCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstrainedGenerationTest {

    /** An untrained model samples near-uniform masks: the constraint alone must keep every tree valid. */
    @Test
    void generatedStreams_alwaysDecodeToValidOctrees() {
        ShapeGenConfig c = new ShapeGenConfig(3, 1, 2, 16, 64, 1, 2, 1e-3, 1, 2, 1.5, 3);
        try (ShapeGenerator g = ShapeGenerator.create(c)) {
            List<ShapeClass> wanted = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                wanted.add(ShapeClass.values()[i % ShapeClass.values().length]);
            }
            for (long seed = 0; seed < 3; seed++) {
                for (int[] masks : g.generateMasks(wanted, seed)) {
                    assertTrue(masks.length <= c.maskBudget(), masks.length + " > " + c.maskBudget());
                    long[] leaves = new OctreeCodec(3).decodeVoxels(masks); // throws if invalid
                    assertTrue(leaves.length >= 1);
                }
            }
        }
    }

    @Test
    void savedGenerator_loadsAndGeneratesTheSameShapes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        ShapeGenConfig c = new ShapeGenConfig(2, 1, 2, 16, 40, 1, 2, 1e-3, 1, 2, 1.0, 5);
        List<ShapeClass> wanted = List.of(ShapeClass.TORUS, ShapeClass.CHAIR, ShapeClass.CUBE);
        java.nio.file.Path file = dir.resolve("g.safetensors");
        int[][] before;
        try (ShapeGenerator g = ShapeGenerator.create(c)) {
            before = g.generateMasks(wanted, 11);
            g.save(file);
        }
        try (ShapeGenerator g = ShapeGenerator.load(file)) {
            assertEquals(c, g.config());
            int[][] after = g.generateMasks(wanted, 11);
            for (int i = 0; i < before.length; i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(before[i], after[i]);
            }
        }
        java.nio.file.Files.writeString(dir.resolve("bad.safetensors"), "not a model");
        assertThrows(java.io.IOException.class, () -> ShapeGenerator.load(dir.resolve("bad.safetensors")));
    }
}
