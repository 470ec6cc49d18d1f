package dev.tessera.vision.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.vision.data.LabeledImages;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchCodebookTest {
    /** Images made of 4x4 blocks, each one of 6 fixed random patches. */
    static LabeledImages blockImages(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] patches = new float[6][16];
        for (float[] p : patches) {
            for (int i = 0; i < 16; i++) {
                p[i] = r.nextInt(256) / 255f;
            }
        }
        float[] px = new float[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            for (int gy = 0; gy < 7; gy++) {
                for (int gx = 0; gx < 7; gx++) {
                    float[] p = patches[r.nextInt(6)];
                    for (int dy = 0; dy < 4; dy++) {
                        for (int dx = 0; dx < 4; dx++) {
                            px[i * 784 + (gy * 4 + dy) * 28 + gx * 4 + dx] = p[dy * 4 + dx];
                        }
                    }
                }
            }
        }
        return new LabeledImages(28, 28, 1, px, new int[n], List.of("x"), null);
    }

    @Test
    void roundTrip_ofAFixedImage_isExactWhenEveryPatchIsACentroid() {
        LabeledImages data = blockImages(40, 5);
        PatchCodebook cb = PatchCodebook.fit(data, 4, 6, 40, 10, 1, null);
        int[][] tokens = cb.tokenize(data.packedPixels(), 1);
        assertEquals(49, tokens[0].length);
        float[] back = cb.detokenize(tokens);
        float[] orig = data.image(0).pixels();
        for (int i = 0; i < orig.length; i++) {
            assertEquals(orig[i], back[i], 1e-5, "pixel " + i);
        }
    }

    @Test
    void bytes_roundTrip_givesTheSameTokens() throws IOException {
        LabeledImages data = blockImages(20, 6);
        PatchCodebook cb = PatchCodebook.fit(data, 4, 8, 20, 5, 2, null);
        PatchCodebook back = PatchCodebook.fromBytes(cb.toBytes(), "test");
        assertArrayEquals(cb.tokenize(data.packedPixels(), 20), back.tokenize(data.packedPixels(), 20));
    }

    @Test
    void detokenize_rejectsOutOfRangeCodesAndWrongLengths() {
        PatchCodebook cb = new PatchCodebook(28, 1, 4, 4, new float[4 * 16]);
        int[] bad = new int[49];
        bad[7] = 4;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cb.detokenize(new int[][] {bad}));
        assertTrue(e.getMessage().contains("token 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cb.detokenize(new int[][] {new int[48]}));
    }

    @Test
    void kmeans_findsWellSeparatedClusters() {
        float[] data = new float[300 * 2];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 300; i++) {
            int c = i % 3;
            data[2 * i] = c * 10 + (float) r.nextGaussian() * 0.1f;
            data[2 * i + 1] = (float) r.nextGaussian() * 0.1f;
        }
        float[] cents = KMeans.fit(data, 2, new KMeans.Config(3, 10, 300, 4), null);
        boolean[] found = new boolean[3];
        for (int j = 0; j < 3; j++) {
            int c = Math.round(cents[2 * j] / 10);
            assertTrue(c >= 0 && c < 3 && Math.abs(cents[2 * j] - 10 * c) < 0.2, "centroid " + cents[2 * j]);
            found[c] = true;
        }
        assertTrue(found[0] && found[1] && found[2]);
    }
}
