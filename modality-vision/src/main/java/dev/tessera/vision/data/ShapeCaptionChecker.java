package dev.tessera.vision.data;

import boofcv.alg.filter.binary.BinaryImageOps;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.GrayU8;
import dev.tessera.vision.image.ImageData;

/**
 * Decides whether an RGB image shows what a {@link SyntheticShapes} caption says, with no people
 * in the loop: pixels are classified into the palette colours (or background), BoofCV labels the
 * 8-connected blobs of each colour, and the largest blob is measured: its colour, size (bounding
 * box extent), position (centroid quadrant) and shape (a triangle is much narrower in its top third
 * than in its bottom third; a square fills its bounding box, a circle about 80% of it).
 */
public final class ShapeCaptionChecker {
    private static final float BACKGROUND = 0.35f;

    private ShapeCaptionChecker() {
    }

    /**
     * What the checker saw.
     *
     * @param spec the detected attributes, or {@code null} when no shape was found
     * @param area the main blob's pixel count
     * @param strayPixels foreground pixels outside the main blob
     */
    public record Detection(SyntheticShapes.Spec spec, int area, int strayPixels) { }

    /**
     * Detects the main shape.
     *
     * @param image a 28x28 RGB image
     * @return the detection
     */
    public static Detection detect(ImageData image) {
        if (image.channels() != 3) {
            throw new IllegalArgumentException("the shape checker needs an RGB image, got " + image.channels() + " channel(s)");
        }
        int w = image.width();
        int h = image.height();
        int k = SyntheticShapes.COLOURS.size();
        GrayU8[] masks = new GrayU8[k];
        for (int c = 0; c < k; c++) {
            masks[c] = new GrayU8(w, h);
        }
        int foreground = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float r = image.get(0, y, x);
                float g = image.get(1, y, x);
                float b = image.get(2, y, x);
                if (Math.max(r, Math.max(g, b)) < BACKGROUND) {
                    continue;
                }
                foreground++;
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int c = 0; c < k; c++) {
                    float[] p = SyntheticShapes.RGB[c];
                    double d = sq(r - p[0]) + sq(g - p[1]) + sq(b - p[2]);
                    if (d < bestD) {
                        bestD = d;
                        best = c;
                    }
                }
                masks[best].set(x, y, 1);
            }
        }
        int bestColour = -1;
        int bestArea = 0;
        GrayS32 bestLabels = null;
        int bestLabel = 0;
        for (int c = 0; c < k; c++) {
            GrayS32 labels = new GrayS32(w, h);
            int blobs = BinaryImageOps.contour(masks[c], ConnectRule.EIGHT, labels).size();
            int[] area = new int[blobs + 1];
            for (int i = 0; i < labels.data.length; i++) {
                area[labels.data[i]]++;
            }
            for (int l = 1; l <= blobs; l++) {
                if (area[l] > bestArea) {
                    bestArea = area[l];
                    bestColour = c;
                    bestLabels = labels;
                    bestLabel = l;
                }
            }
        }
        if (bestColour < 0 || bestArea < 6) {
            return new Detection(null, bestArea, foreground - bestArea);
        }
        int minX = w;
        int maxX = -1;
        int minY = h;
        int maxY = -1;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (bestLabels.get(x, y) == bestLabel) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                    sx += x;
                    sy += y;
                }
            }
        }
        int bw = maxX - minX + 1;
        int bh = maxY - minY + 1;
        double fill = (double) bestArea / (bw * bh);
        int third = Math.max(1, bh / 3);
        double top = meanRowWidth(bestLabels, bestLabel, minY, minY + third - 1, w);
        double bottom = meanRowWidth(bestLabels, bestLabel, maxY - third + 1, maxY, w);
        int shape;
        if (top < 0.6 * bottom) {
            shape = 2;
        } else if (fill >= 0.9) {
            shape = 1;
        } else {
            shape = 0;
        }
        int size = Math.max(bw, bh) >= 11 ? 1 : 0;
        double cx = sx / bestArea;
        double cy = sy / bestArea;
        int position = (cy < h / 2.0 ? 0 : 2) + (cx < w / 2.0 ? 0 : 1);
        return new Detection(new SyntheticShapes.Spec(shape, bestColour, size, position), bestArea, foreground - bestArea);
    }

    private static double meanRowWidth(GrayS32 labels, int label, int y0, int y1, int w) {
        double sum = 0;
        int rows = 0;
        for (int y = y0; y <= y1; y++) {
            int n = 0;
            for (int x = 0; x < w; x++) {
                if (labels.get(x, y) == label) {
                    n++;
                }
            }
            sum += n;
            rows++;
        }
        return rows == 0 ? 0 : sum / rows;
    }

    private static double sq(double v) {
        return v * v;
    }

    /**
     * Tells whether an image matches a caption: the main shape has the caption's colour, shape,
     * size and position, and stray foreground pixels are fewer than half the shape's area.
     *
     * @param image a 28x28 RGB image
     * @param caption a {@link SyntheticShapes} caption
     * @return {@code true} if it matches
     */
    public static boolean matches(ImageData image, String caption) {
        SyntheticShapes.Spec want = SyntheticShapes.Spec.parse(caption);
        Detection d = detect(image);
        return d.spec() != null && d.spec().equals(want) && d.strayPixels() * 2 < d.area();
    }
}
