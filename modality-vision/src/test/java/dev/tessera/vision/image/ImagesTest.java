package dev.tessera.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.io.CorruptFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir
    Path tmp;

    private static ImageData gradient(int channels) {
        int w = 9;
        int h = 7;
        float[] p = new float[channels * w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.round((i * 37 % 256)) / 255f;
        }
        return new ImageData(w, h, channels, p);
    }

    @Test
    void pngRoundTrip_keepsGrayAndRgbPixelsExactly() throws IOException {
        for (int c : new int[] {1, 3}) {
            ImageData im = gradient(c);
            Path f = tmp.resolve("im" + c + ".png");
            Images.write(f, im);
            ImageData back = Images.read(f);
            assertEquals(c, back.channels());
            assertEquals(im.width(), back.width());
            float[] a = im.pixels();
            float[] b = back.pixels();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-6, "pixel " + i + " of the " + c + "-channel image");
            }
        }
    }

    @Test
    void jpegRoundTrip_isClose() throws IOException {
        float[] p = new float[3 * 16 * 16];
        Arrays.fill(p, 0.5f);
        Path f = tmp.resolve("flat.jpg");
        Images.write(f, new ImageData(16, 16, 3, p));
        ImageData back = Images.read(f);
        for (float v : back.pixels()) {
            assertEquals(0.5, v, 0.02);
        }
    }

    @Test
    void read_truncatedPng_throwsNamingTheFile() throws IOException {
        Path f = tmp.resolve("cut.png");
        Images.write(f, gradient(3));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> Images.read(f));
        assertTrue(e.getMessage().contains("cut.png") && e.getMessage().contains("truncated PNG"), e.getMessage());
    }

    @Test
    void read_truncatedJpeg_throws() throws IOException {
        Path f = tmp.resolve("cut.jpg");
        Images.write(f, gradient(3));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 10));
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> Images.read(f));
        assertTrue(e.getMessage().contains("truncated JPEG"), e.getMessage());
    }

    @Test
    void read_garbageOrEmpty_throwsClearly() throws IOException {
        Path g = tmp.resolve("noise.png");
        Files.write(g, "definitely not an image".getBytes());
        assertThrows(CorruptFileException.class, () -> Images.read(g));
        Path e = tmp.resolve("empty.png");
        Files.write(e, new byte[0]);
        IOException ex = assertThrows(IOException.class, () -> Images.read(e));
        assertTrue(ex.getMessage().contains("empty"), ex.getMessage());
    }

    @Test
    void resize_keepsAConstantImageConstant_andChangesTheSize() {
        float[] p = new float[3 * 10 * 10];
        Arrays.fill(p, 0.25f);
        ImageData r = Images.resize(new ImageData(10, 10, 3, p), 28, 14);
        assertEquals(28, r.width());
        assertEquals(14, r.height());
        for (float v : r.pixels()) {
            assertEquals(0.25, v, 1e-5);
        }
    }

    @Test
    void toChannels_grayOfPureGreenIsItsLuma() {
        float[] p = new float[3 * 4];
        Arrays.fill(p, 4, 8, 1f);
        ImageData g = Images.toChannels(new ImageData(2, 2, 3, p), 1);
        assertEquals(0.587, g.get(0, 0, 0), 1e-6);
    }

    @Test
    void imageData_rejectsNaNWithItsPosition() {
        float[] p = new float[4];
        p[3] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageData(2, 2, 1, p));
        assertTrue(e.getMessage().contains("y 1, x 1"), e.getMessage());
    }

    @Test
    void grid_writesAPngOfTheExpectedSize() throws IOException {
        Path f = tmp.resolve("grid.png");
        ImageGrid.write(f, List.of(List.of(gradient(1), gradient(1)), List.of(gradient(3))), List.of("a", "b"), 2);
        ImageData g = Images.read(f);
        assertTrue(g.width() > 2 * (18 + 2) + 2, "width " + g.width());
        assertEquals(2 * (14 + 2) + 2, g.height());
    }
}
