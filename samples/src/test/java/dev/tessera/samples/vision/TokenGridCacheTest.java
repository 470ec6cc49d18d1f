package dev.tessera.samples.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.vision.kmeans.PatchCodebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenGridCacheTest {
    private static PatchCodebook codec(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] c = new float[16 * 16];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextDouble();
        }
        return new PatchCodebook(28, 1, 4, 16, c);
    }

    private static float[] images(int n) {
        SplittableRandom r = new SplittableRandom(1);
        float[] px = new float[n * 28 * 28];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextDouble();
        }
        return px;
    }

    @Test
    void cachedGrids_areReusedForTheSameCodec_andRecomputedForAnother(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.bin");
        float[] px = images(5);
        int[][] first = TokenGridCache.tokenize(f, codec(2), px, 5);
        assertArrayEquals(codec(2).tokenize(px, 5), first);
        long written = Files.getLastModifiedTime(f).toMillis();
        assertArrayEquals(first, TokenGridCache.tokenize(f, codec(2), px, 5));
        int[][] other = TokenGridCache.tokenize(f, codec(3), px, 5);
        assertArrayEquals(codec(3).tokenize(px, 5), other);
        assertNotEquals(Arrays.deepToString(first), Arrays.deepToString(other));
        assertTrue(Files.getLastModifiedTime(f).toMillis() >= written);
    }

    @Test
    void theSameCountOfImagesInAnotherOrder_isRecomputed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.bin");
        float[] px = images(5);
        int[][] first = TokenGridCache.tokenize(f, codec(2), px, 5);
        // swap images 0 and 4: same codec, same count, other order
        float[] swapped = px.clone();
        int per = 28 * 28;
        System.arraycopy(px, 4 * per, swapped, 0, per);
        System.arraycopy(px, 0, swapped, 4 * per, per);
        int[][] again = TokenGridCache.tokenize(f, codec(2), swapped, 5);
        assertArrayEquals(first[4], again[0]);
        assertArrayEquals(first[0], again[4]);
        assertArrayEquals(codec(2).tokenize(swapped, 5), again);
    }

    @Test
    void aTruncatedCache_givesAClearError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.bin");
        TokenGridCache.tokenize(f, codec(2), images(5), 5);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 10));
        CorruptFileException e = assertThrows(CorruptFileException.class,
                () -> TokenGridCache.tokenize(f, codec(2), images(5), 5));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
