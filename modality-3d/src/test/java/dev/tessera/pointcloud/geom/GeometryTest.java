package dev.tessera.pointcloud.geom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeometryTest {

    @Test
    void pointCloud_rejectsNanWithIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointCloud.of(new float[] {0, 0, 0, 1, Float.NaN, 0}));
        assertTrue(e.getMessage().contains("point 1") && e.getMessage().contains("axis y"), e.getMessage());
    }

    @Test
    void mesh_rejectsFacePastVertices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Mesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 3}));
        assertTrue(e.getMessage().contains("vertex 3"), e.getMessage());
    }

    @Test
    void unitCube_centresAndScalesLongestSide_andInverts() {
        float[] p = {1, 2, 3, 5, 3, 4, 2, 2.5f, 3.5f};
        Normalized n = Normalized.of(PointCloud.of(p));
        Bounds b = n.cloud().bounds();
        assertEquals(1.0, b.longestSide(), 1e-6);
        assertEquals(-0.5, b.minX(), 1e-6);
        assertEquals(0.0, b.center(1), 1e-6);
        assertArrayEquals(p, n.transform().invert(n.cloud().xyz()), 1e-6f);
    }

    @Test
    void sampler_pointsLieOnSurface_andFollowArea() {
        // two triangles in the z = 0 plane: left has area 0.5, right has area 1.5
        float[] v = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 4, 0, 0, 1, 1, 0};
        Mesh m = new Mesh(v, new int[] {0, 1, 2, 3, 4, 5});
        assertEquals(2.0, m.area(), 1e-9);
        PointCloud s = SurfaceSampler.sample(m, 20000, 3);
        int right = 0;
        for (int i = 0; i < s.size(); i++) {
            assertEquals(0f, s.get(i, 2), 0f);
            if (s.get(i, 0) > 1) {
                right++;
            }
            assertTrue(s.get(i, 1) >= 0 && s.get(i, 1) <= 1);
        }
        assertEquals(0.75, right / 20000.0, 0.015);
        assertArrayEquals(s.xyz(), SurfaceSampler.sample(m, 20000, 3).xyz());
    }

    @Test
    void sampler_zeroAreaMesh_isRejected() {
        Mesh flat = new Mesh(new float[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, new int[] {0, 1, 2});
        assertThrows(IllegalArgumentException.class, () -> SurfaceSampler.sample(flat, 10, 1));
    }
}
