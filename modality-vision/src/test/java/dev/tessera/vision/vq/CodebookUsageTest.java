package dev.tessera.vision.vq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodebookUsageTest {
    @Test
    void usage_countsDistinctCodes_andPerplexity() {
        CodebookUsage u = CodebookUsage.of(8, new int[][] {{0, 1, 1, 3}, {3, 3, 0, 1}});
        assertEquals(3, u.used());
        assertEquals(3.0 / 8, u.fraction(), 1e-12);
        assertEquals(8, u.tokens());
        assertArrayEquals(new long[] {2, 3, 0, 3, 0, 0, 0, 0}, u.counts());
        double h = -(2 / 8.0 * Math.log(2 / 8.0) + 2 * 3 / 8.0 * Math.log(3 / 8.0));
        assertEquals(Math.exp(h), u.perplexity(), 1e-9);
    }

    @Test
    void usage_uniform_hasPerplexityEqualToTheCodebook() {
        int[][] g = {{0, 1, 2, 3}};
        CodebookUsage u = CodebookUsage.of(4, g);
        assertEquals(1.0, u.fraction());
        assertEquals(4.0, u.perplexity(), 1e-9);
    }

    @Test
    void usage_rejectsCodesOutsideTheCodebook() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodebookUsage.of(4, new int[][] {{0, 1}, {2, 9}}));
        assertTrue(e.getMessage().contains("image 1, token 1"), e.getMessage());
    }

    @Test
    void psnr_ofKnownMse() {
        assertEquals(20.0, Psnr.fromMse(0.01), 1e-9);
        assertEquals(Psnr.MAX_DB, Psnr.fromMse(0));
        assertEquals(20.0, Psnr.meanPerImage(new float[] {0.1f, 0.1f}, new float[] {0.2f, 0.0f}, 2), 1e-4);
    }
}
