package dev.tessera.samples.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.vision.data.ImageFolderDataset;
import dev.tessera.vision.data.LabeledImages;
import dev.tessera.vision.image.ImageData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsFolderTest {
    /** A vertical bar in column 3 or 4, labelled by its line's index mod 10. */
    private static Path csv(Path dir, int lines, String extra) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < lines; n++) {
            for (int i = 0; i < 64; i++) {
                b.append(i % 8 == 3 + n % 2 ? 16 : 0).append(',');
            }
            b.append(n % 10).append('\n');
        }
        b.append(extra);
        Path f = dir.resolve("d.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write(b.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return f;
    }

    @Test
    void everyFifthImageOfADigit_isATestImage_andAugmentationOnlyAddsTrainingImages(@TempDir Path dir) throws IOException {
        Path f = csv(dir, 100, "");
        DigitsFolder.Written w = DigitsFolder.write(f, dir.resolve("out"), 2, 7);
        // 10 per digit: 2 test, 8 training, each training image written 3 times
        assertEquals(20, w.testImages());
        assertEquals(80 * 3, w.trainImages());
        LabeledImages train = ImageFolderDataset.load(dir.resolve("out/train"), 28, 1, null);
        LabeledImages test = ImageFolderDataset.load(dir.resolve("out/test"), 28, 1, train.classNames());
        assertEquals(240, train.size());
        assertEquals(20, test.size());
        assertEquals(java.util.List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), train.classNames());
    }

    @Test
    void aDigitIsDrawnIntoTheCentralBox_theMnistWay() {
        int[] counts = new int[64];
        java.util.Arrays.fill(counts, 16);
        ImageData im = DigitsFolder.draw(counts, 0, 1, 0, 0);
        float[] p = im.pixels();
        assertEquals(1f, p[14 * 28 + 14], 1e-6f, "centre is full");
        assertEquals(0f, p[0], 0f, "corner is empty");
        assertEquals(0f, p[14 * 28 + 1], 0f, "left margin is empty");
        int lit = 0;
        for (float v : p) {
            lit += v > 0.5f ? 1 : 0;
        }
        // an 8x8 block of full counts covers about the 20x20 box
        assertTrue(lit >= 18 * 18 && lit <= 22 * 22, lit + " lit pixels");
    }

    @Test
    void aMalformedLine_isNamedWithItsNumber(@TempDir Path dir) throws IOException {
        Path f = csv(dir, 3, "1,2,3\n");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> DigitsFolder.read(f));
        assertTrue(e.getMessage().contains("line 4 has 3 fields"), e.getMessage());
        Path g = csv(dir, 2, "0,".repeat(64) + "12\n");
        e = assertThrows(CorruptFileException.class, () -> DigitsFolder.read(g));
        assertTrue(e.getMessage().contains("line 3, field 65: 12 is outside 0..9"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> DigitsFolder.read(dir.resolve("none.csv.gz")));
        assertTrue(missing.getMessage().contains("fetch-data.sh digits"), missing.getMessage());
    }
}
