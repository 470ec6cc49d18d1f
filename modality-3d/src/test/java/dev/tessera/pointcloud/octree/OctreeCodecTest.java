package dev.tessera.pointcloud.octree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.pointcloud.eval.PointSetMetrics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OctreeCodecTest {

    private static float[] randomUnit(int n, long seed, boolean clustered) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[3 * n];
        for (int i = 0; i < p.length; i++) {
            double v = clustered ? 0.1 * r.nextGaussian() : r.nextDouble() - 0.5;
            p[i] = (float) Math.max(-0.5, Math.min(0.5, v));
        }
        return p;
    }

    @Test
    void encodeDecode_isLosslessAtLeafResolution() {
        for (int depth = 1; depth <= 8; depth++) {
            OctreeCodec c = new OctreeCodec(depth);
            for (long seed = 0; seed < 5; seed++) {
                float[] p = randomUnit(1 + (int) (seed * 300), seed + 10L * depth, seed % 2 == 0);
                long[] voxels = Morton.occupied(p, depth);
                int[] tokens = c.encode(p);
                assertArrayEquals(voxels, c.decodeVoxels(tokens), "depth " + depth + " seed " + seed);
                // voxel centres re-encode to the identical stream
                assertArrayEquals(tokens, c.encode(Morton.centers(voxels, depth)));
                // every leaf is within half a voxel diagonal of each encoded point, and vice versa
                float[] centres = Morton.centers(voxels, depth);
                double halfDiag = Math.sqrt(3) / 2 / (1 << depth);
                assertEquals(1.0, PointSetMetrics.score(centres, p, halfDiag + 1e-6).fscore(), 0.0);
            }
        }
    }

    @Test
    void tokensPerLevel_sumOfPopcounts() {
        OctreeCodec c = new OctreeCodec(5);
        int[] t = c.encode(randomUnit(500, 3, true));
        int[] sizes = c.levelSizes(t);
        assertEquals(1, sizes[0]);
        int pos = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int pop = 0;
            for (int i = 0; i < sizes[l]; i++) {
                pop += Integer.bitCount(t[pos + i]);
            }
            pos += sizes[l];
            assertEquals(pop, sizes[l + 1]);
        }
    }

    @Test
    void invalidStreams_areRejectedWithPosition() {
        OctreeCodec c = new OctreeCodec(3);
        int[] t = c.encode(randomUnit(50, 1, false));
        int[] zero = t.clone();
        zero[2] = 0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.decodeVoxels(zero));
        assertTrue(e.getMessage().contains("position 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> c.decodeVoxels(java.util.Arrays.copyOf(t, t.length - 1)));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> c.decodeVoxels(java.util.Arrays.copyOf(t, t.length + 1)));
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
        int[] big = t.clone();
        big[0] = 256;
        assertThrows(IllegalArgumentException.class, () -> c.decodeVoxels(big));
    }

    @Test
    void outsideUnitCube_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OctreeCodec(4).encode(new float[] {0, 0, 0.7f}));
        assertTrue(e.getMessage().contains("0.7"), e.getMessage());
    }

    @Test
    void mortonCodec_isLosslessAndRejectsUnsortedStreams() {
        MortonVoxelCodec m = new MortonVoxelCodec(6);
        float[] p = randomUnit(400, 9, true);
        int[] t = m.encode(p);
        assertEquals(0, t.length % 3);
        assertArrayEquals(Morton.occupied(p, 6), m.decodeVoxels(t));
        int[] swapped = t.clone();
        for (int k = 0; k < 3; k++) {
            swapped[k] = t[3 + k];
            swapped[3 + k] = t[k];
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.decodeVoxels(swapped));
        assertTrue(e.getMessage().contains("Morton order"), e.getMessage());
    }

    @Test
    void mortonCode_roundTrips() {
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 1000; i++) {
            int d = 1 + r.nextInt(20);
            int x = r.nextInt(1 << d);
            int y = r.nextInt(1 << d);
            int z = r.nextInt(1 << d);
            assertArrayEquals(new int[] {x, y, z}, Morton.decode(Morton.encode(x, y, z, d), d));
        }
    }
}
