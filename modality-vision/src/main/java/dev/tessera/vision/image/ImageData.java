package dev.tessera.vision.image;

import java.util.Arrays;

/**
 * An image as planar float pixels in {@code [0, 1]}: channel-major, then row-major
 * ({@code pixels[(c * height + y) * width + x]}). One channel is gray, three are RGB. Immutable:
 * the array is copied on the way in and out.
 *
 * @param width the width in pixels, at least 1
 * @param height the height in pixels, at least 1
 * @param channels 1 (gray) or 3 (RGB)
 * @param pixels {@code channels * height * width} finite values
 */
public record ImageData(int width, int height, int channels, float[] pixels) {

    /** Validates the shape and that every value is finite. */
    public ImageData {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " must be at least 1x1");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels (" + channels + ") must be 1 (gray) or 3 (RGB)");
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("a " + width + "x" + height + "x" + channels + " image needs "
                    + channels * height * width + " pixel values, got " + pixels.length);
        }
        for (int i = 0; i < pixels.length; i++) {
            if (!Float.isFinite(pixels[i])) {
                int plane = width * height;
                throw new IllegalArgumentException("pixel value " + pixels[i] + " at channel " + i / plane + ", y "
                        + (i % plane) / width + ", x " + i % width + " is not finite");
            }
        }
        pixels = pixels.clone();
    }

    @Override
    public float[] pixels() {
        return pixels.clone();
    }

    /**
     * Returns one value.
     *
     * @param c the channel
     * @param y the row
     * @param x the column
     * @return the value
     */
    public float get(int c, int y, int x) {
        return pixels[(c * height + y) * width + x];
    }

    /** @return the number of values, {@code channels * height * width} */
    public int size() {
        return pixels.length;
    }

    /**
     * Returns a copy with every value clamped to {@code [0, 1]}.
     *
     * @return the clamped image
     */
    public ImageData clamped() {
        float[] p = pixels.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(0f, Math.min(1f, p[i]));
        }
        return new ImageData(width, height, channels, p);
    }

    /**
     * Creates a gray image from 8-bit values (0..255).
     *
     * @param width the width
     * @param height the height
     * @param bytes {@code width * height} unsigned bytes, row-major
     * @return the image, scaled to {@code [0, 1]}
     */
    public static ImageData grayFromBytes(int width, int height, byte[] bytes) {
        float[] p = new float[bytes.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (bytes[i] & 0xff) / 255f;
        }
        return new ImageData(width, height, 1, p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageData && ((ImageData) o).width == width && ((ImageData) o).height == height
                && ((ImageData) o).channels == channels && Arrays.equals(((ImageData) o).pixels, pixels);
    }

    @Override
    public int hashCode() {
        return (width * 31 + height) * 31 + channels + 7 * Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "ImageData[" + width + "x" + height + "x" + channels + "]";
    }
}
