package dev.tessera.vision.vq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.vision.data.LabeledImages;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VqAutoencoderTest {
    private static final VqConfig TINY = new VqConfig(8, 1, 4, 16, 8, 0.25, 0.9, 0.01);

    /** 8x8 images made of four 4x4 blocks, each one of 5 fixed patches. */
    private static LabeledImages blocks(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] patches = new float[5][16];
        for (float[] p : patches) {
            for (int i = 0; i < 16; i++) {
                p[i] = r.nextInt(256) / 255f;
            }
        }
        float[] px = new float[n * 64];
        for (int i = 0; i < n; i++) {
            for (int g = 0; g < 4; g++) {
                float[] p = patches[r.nextInt(5)];
                for (int dy = 0; dy < 4; dy++) {
                    System.arraycopy(p, dy * 4, px, i * 64 + ((g / 2) * 4 + dy) * 8 + (g % 2) * 4, 4);
                }
            }
        }
        return new LabeledImages(8, 8, 1, px, new int[n], List.of("x"), null);
    }

    @Test
    void roundTrip_ofAFixedImage_isExactForTheInitialisedModel() {
        LabeledImages data = blocks(30, 2);
        try (VqAutoencoder m = new VqAutoencoder(TINY, 1, Device.cpu())) {
            m.initCodebook(data, 30, 3);
            int[][] t = m.tokenize(data.packedPixels(), 1);
            assertEquals(4, t[0].length);
            float[] back = m.detokenize(t);
            float[] orig = data.image(0).pixels();
            for (int i = 0; i < orig.length; i++) {
                assertEquals(orig[i], back[i], 1e-4, "pixel " + i);
            }
        }
    }

    @Test
    void training_keepsLossFinite_andSaveLoadGivesTheSameTokensAndPixels() throws IOException {
        LabeledImages data = blocks(64, 4);
        try (VqAutoencoder m = new VqAutoencoder(TINY, 1, Device.cpu())) {
            int before = m.manager().getManagedArrays().size();
            VqTrainer.Progress p = VqTrainer.train(m, data, new VqTrainer.Options(8, 16, 1e-3, 1, 64), null);
            assertTrue(Double.isFinite(p.reconMse()) && p.batchPsnrDb() > 20, "batch PSNR " + p.batchPsnrDb());
            assertTrue(m.manager().getManagedArrays().size() <= before + 2 * m.parameters().parameters().size(),
                    "native arrays grew from " + before + " to " + m.manager().getManagedArrays().size());
            int[][] t = m.tokenize(data.packedPixels(), 10);
            try (VqAutoencoder back = VqAutoencoder.fromBytes(m.toBytes(), "test", Device.cpu())) {
                assertArrayEquals(t, back.tokenize(data.packedPixels(), 10));
                assertArrayEquals(m.detokenize(t), back.detokenize(t));
            }
        }
    }

    @Test
    void fromBytes_truncated_throwsIOException() {
        try (VqAutoencoder m = new VqAutoencoder(TINY, 1, Device.cpu())) {
            byte[] b = m.toBytes();
            IOException e = assertThrows(IOException.class, () -> VqAutoencoder.fromBytes(Arrays.copyOf(b, b.length - 9), "cut",
                    Device.cpu()));
            assertTrue(e.getMessage().contains("cut"), e.getMessage());
        }
    }

    @Test
    void detokenize_rejectsCodesOutsideTheCodebook() {
        try (VqAutoencoder m = new VqAutoencoder(TINY, 1, Device.cpu())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.detokenize(new int[][] {{0, 1, 16, 2}}));
            assertTrue(e.getMessage().contains("code 16"), e.getMessage());
        }
    }

    @Test
    void config_rejectsBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> new VqConfig(28, 1, 3, 512, 64, 0.25, 0.99, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new VqConfig(30, 1, 4, 512, 64, 0.25, 0.99, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new VqConfig(28, 2, 4, 512, 64, 0.25, 0.99, 0.1));
    }
}
