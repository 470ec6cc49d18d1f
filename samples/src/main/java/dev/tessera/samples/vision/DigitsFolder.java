package dev.tessera.samples.vision;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.image.Images;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * A real 10-class digit folder for {@code vision-eval --data}: the 1,797 handwritten digits of the UCI
 * optical-recognition set (8x8 blocks of counts 0..16, 43 writers' forms; shipped by Debian's
 * {@code python3-sklearn} as {@code sklearn/datasets/data/digits.csv.gz}, fetched by
 * {@code scripts/fetch-data.sh digits}), drawn as 28x28 gray PNGs the MNIST way (the digit scaled
 * into the central 20x20 pixels, bilinear) in {@code train/<digit>/} and {@code test/<digit>/}.
 *
 * <p>Every fifth image of each digit (in file order) is a test image; the rest are training images. A
 * training image can also be written {@code augment} more times, each through a small random affine
 * map (rotation within 12 degrees, scale 0.9-1.1, shift within 1.5 pixels) seeded per image, which
 * brings about 140 training images per digit to the ~800 of the folder; test images are never
 * augmented.
 */
public final class DigitsFolder {
    /** Side of a source digit. */
    static final int SOURCE = 8;
    /** Side of a written image. */
    static final int SIZE = 28;
    /** Side of the box the digit is scaled into (MNIST's 20 of 28). */
    static final int BOX = 20;
    /** Largest count in a source block. */
    static final int MAX_COUNT = 16;

    private DigitsFolder() {
    }

    /**
     * What was written.
     *
     * @param trainImages training PNGs (originals and augmented copies)
     * @param testImages test PNGs
     */
    public record Written(int trainImages, int testImages) { }

    /**
     * One source digit.
     *
     * @param label the digit 0..9
     * @param counts the 64 block counts, row by row, in 0..16
     */
    record Digit(int label, int[] counts) { }

    /**
     * Reads the gzipped CSV: 65 integers a line, 64 block counts in 0..16 and then the label 0..9.
     *
     * @param csvGz the file
     * @return the digits in file order
     * @throws IOException if the file cannot be read, or a line is malformed (named with its number)
     */
    static List<Digit> read(Path csvGz) throws IOException {
        if (!Files.isRegularFile(csvGz)) {
            throw new IOException("digits file " + csvGz + " does not exist; run scripts/fetch-data.sh digits");
        }
        List<Digit> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(csvGz)),
                StandardCharsets.US_ASCII))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                if (out.size() >= 100_000) {
                    throw new CorruptFileException(csvGz.toString(), "more than 100,000 digits (line " + no + ")");
                }
                String[] f = line.split(",", -1);
                if (f.length != SOURCE * SOURCE + 1) {
                    throw new CorruptFileException(csvGz.toString(), "line " + no + " has " + f.length
                            + " fields, expected " + (SOURCE * SOURCE + 1));
                }
                int[] counts = new int[SOURCE * SOURCE];
                for (int i = 0; i < f.length; i++) {
                    int v;
                    try {
                        v = Integer.parseInt(f[i].trim());
                    } catch (NumberFormatException e) {
                        throw new CorruptFileException(csvGz.toString(), "line " + no + ", field " + (i + 1) + ": '" + f[i]
                                + "' is not an integer");
                    }
                    int max = i < counts.length ? MAX_COUNT : 9;
                    if (v < 0 || v > max) {
                        throw new CorruptFileException(csvGz.toString(), "line " + no + ", field " + (i + 1) + ": " + v
                                + " is outside 0.." + max);
                    }
                    if (i < counts.length) {
                        counts[i] = v;
                    } else {
                        out.add(new Digit(v, counts));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new CorruptFileException(csvGz.toString(), "no digits");
        }
        return out;
    }

    /**
     * Writes the folder.
     *
     * @param csvGz the digits file
     * @param outDir the folder to fill ({@code train/} and {@code test/} are created in it)
     * @param augment augmented copies per training image (0: originals only)
     * @param seed the augmentation seed
     * @return the image counts
     * @throws IOException if reading or writing fails
     */
    public static Written write(Path csvGz, Path outDir, int augment, long seed) throws IOException {
        if (augment < 0 || augment > 100) {
            throw new IllegalArgumentException("augment (" + augment + ") must be in 0..100");
        }
        List<Digit> digits = read(csvGz);
        int[] seen = new int[10];
        int train = 0;
        int test = 0;
        for (int i = 0; i < digits.size(); i++) {
            Digit d = digits.get(i);
            boolean isTest = seen[d.label()]++ % 5 == 4;
            Path dir = outDir.resolve(isTest ? "test" : "train").resolve(Integer.toString(d.label()));
            Files.createDirectories(dir);
            String name = String.format(java.util.Locale.ROOT, "%04d", i);
            Images.write(dir.resolve(name + ".png"), draw(d.counts(), 0, 1, 0, 0));
            if (isTest) {
                test++;
                continue;
            }
            train++;
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            for (int a = 0; a < augment; a++) {
                double angle = Math.toRadians(r.nextDouble(-12, 12));
                double scale = r.nextDouble(0.9, 1.1);
                ImageData im = draw(d.counts(), angle, scale, r.nextDouble(-1.5, 1.5), r.nextDouble(-1.5, 1.5));
                Images.write(dir.resolve(name + "-a" + a + ".png"), im);
                train++;
            }
        }
        return new Written(train, test);
    }

    /**
     * Draws a digit at 28x28: each output pixel is mapped back through the inverse of (scale into the
     * central box, rotate, shift) and samples the 8x8 counts bilinearly (zero outside).
     *
     * @param counts the 64 counts
     * @param angle rotation in radians
     * @param scale extra scale around the centre
     * @param dx shift in output pixels
     * @param dy shift in output pixels
     * @return the gray image in [0, 1]
     */
    static ImageData draw(int[] counts, double angle, double scale, double dx, double dy) {
        float[] px = new float[SIZE * SIZE];
        double k = (double) BOX / SOURCE * scale;
        double c = (SIZE - 1) / 2.0;
        double sc = (SOURCE - 1) / 2.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double ux = x - c - dx;
                double uy = y - c - dy;
                double sx = (cos * ux + sin * uy) / k + sc;
                double sy = (-sin * ux + cos * uy) / k + sc;
                px[y * SIZE + x] = (float) (bilinear(counts, sx, sy) / MAX_COUNT);
            }
        }
        return new ImageData(SIZE, SIZE, 1, px);
    }

    private static double bilinear(int[] counts, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fx) * (1 - fy) * at(counts, x0, y0) + fx * (1 - fy) * at(counts, x0 + 1, y0)
                + (1 - fx) * fy * at(counts, x0, y0 + 1) + fx * fy * at(counts, x0 + 1, y0 + 1);
    }

    private static double at(int[] counts, int x, int y) {
        return x < 0 || y < 0 || x >= SOURCE || y >= SOURCE ? 0 : counts[y * SOURCE + x];
    }
}
