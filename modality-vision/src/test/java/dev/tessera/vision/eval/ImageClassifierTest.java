package dev.tessera.vision.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.vision.data.LabeledImages;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageClassifierTest {
    private static final int SIDE = 28;

    /** Class 0: the left half is bright; class 1: the right half; noise everywhere. */
    private static LabeledImages halves(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[n * SIDE * SIDE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean lit = (x < SIDE / 2) == (labels[i] == 0);
                    px[i * SIDE * SIDE + y * SIDE + x] = (float) Math.min(1, (lit ? 0.7 : 0.1) + 0.2 * r.nextDouble());
                }
            }
        }
        return new LabeledImages(SIDE, SIDE, 1, px, labels, List.of("left", "right"), null);
    }

    @Test
    void learnsAnEasySplit_andItsFeaturesAndPredictionsDoNotDependOnChunking() throws Exception {
        LabeledImages train = halves(256, 1);
        LabeledImages test = halves(620, 2); // more than one 500-image chunk
        try (ImageClassifier c = new ImageClassifier(SIDE, 1, 2, 3)) {
            c.train(train, 2, 32, 2e-3, 4, null);
            assertTrue(c.accuracy(test) > 0.95, "accuracy " + c.accuracy(test));
            int[] all = c.predict(test.packedPixels(), test.size());
            double[][] feats = c.features(test.packedPixels(), test.size());
            assertEquals(test.size(), feats.length);
            int per = SIDE * SIDE;
            for (int i : new int[] {0, 499, 500, 619}) {
                float[] one = Arrays.copyOfRange(test.packedPixels(), i * per, (i + 1) * per);
                assertEquals(all[i], c.predict(one, 1)[0], "image " + i);
                double[] f = c.features(one, 1)[0];
                assertEquals(ImageClassifier.FEATURES, f.length);
                for (int j = 0; j < f.length; j++) {
                    assertEquals(feats[i][j], f[j], 1e-4 * Math.max(1, Math.abs(f[j])), "image " + i + " feature " + j);
                    assertTrue(f[j] >= 0, "ReLU features are never negative");
                }
            }
            // the two classes sit apart in feature space: further apart than two halves of one class
            double[][] left = new double[310][];
            double[][] right = new double[310][];
            for (int i = 0; i < 620; i++) {
                (i % 2 == 0 ? left : right)[i / 2] = feats[i];
            }
            double within = FrechetDistance.between(Arrays.copyOf(left, 155), Arrays.copyOfRange(left, 155, 310));
            assertTrue(FrechetDistance.between(left, right) > 10 * within, "classes apart in the judge's features");
            ImageClassifier back = ImageClassifier.fromBytes(c.toBytes(), "round trip");
            try (back) {
                assertArrayEquals(all, back.predict(test.packedPixels(), test.size()));
            }
        }
    }

    @Test
    void aPixelCountThatIsNotWholeImages_isRejectedWithTheCounts() {
        try (ImageClassifier c = new ImageClassifier(SIDE, 1, 2, 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.features(new float[700], 1));
            assertTrue(e.getMessage().contains("784") && e.getMessage().contains("700"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> c.predict(new float[784 * 2], 3));
        }
    }
}
