package dev.tessera.pointcloud.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.pointcloud.geom.Bounds;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProceduralShapesTest {

    @Test
    void everyClass_isNormalisedWithPositiveArea_andCaptioned() {
        SplittableRandom r = new SplittableRandom(1);
        for (ShapeClass c : ShapeClass.values()) {
            for (int i = 0; i < 5; i++) {
                ProceduralShape s = ProceduralShapes.generate(c, r);
                assertTrue(s.mesh().area() > 0.1, c + " area " + s.mesh().area());
                Bounds b = s.mesh().vertexCloud().bounds();
                assertEquals(1.0, b.longestSide(), 1e-5);
                assertFalse(s.caption().isBlank());
            }
        }
    }

    @Test
    void dataset_isBalancedAndReproducible() {
        List<ProceduralShapes.Sample> a = ProceduralShapes.dataset(3, 256, 42);
        List<ProceduralShapes.Sample> b = ProceduralShapes.dataset(3, 256, 42);
        assertEquals(3 * ShapeClass.values().length, a.size());
        for (ShapeClass c : ShapeClass.values()) {
            assertEquals(3, a.stream().filter(s -> s.shapeClass() == c).count());
        }
        assertArrayEquals(a.get(5).points().xyz(), b.get(5).points().xyz());
        assertFalse(java.util.Arrays.equals(a.get(5).points().xyz(),
                ProceduralShapes.dataset(3, 256, 43).get(5).points().xyz()));
    }
}
