package dev.tessera.vision.image;

import boofcv.abst.distort.FDistort;
import boofcv.alg.interpolate.InterpolationType;
import boofcv.io.image.ConvertBufferedImage;
import boofcv.struct.border.BorderType;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.ImageType;
import boofcv.struct.image.Planar;
import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Limits;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Image I/O and preprocessing on BoofCV types: read PNG/JPEG (and what else ImageIO reads) as
 * gray or RGB {@link ImageData}, write PNG atomically, resize (bilinear, through BoofCV's
 * {@link FDistort}) and convert between gray and RGB.
 *
 * <p>Reading checks the container first, so a truncated PNG (no {@code IEND} chunk) or JPEG (no
 * end-of-image marker) gives a {@link CorruptFileException} naming the file instead of a silently
 * half-grey picture.
 */
public final class Images {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

    private Images() {
    }

    /**
     * Reads an image file, keeping gray images gray and anything with colour as RGB (alpha dropped).
     *
     * @param path the file
     * @return the image with values in [0, 1]
     * @throws IOException if the file is missing, truncated, corrupt or in an unknown format
     */
    public static ImageData read(Path path) throws IOException {
        return read(Limits.readFile(path), path.toString());
    }

    /**
     * Decodes an image held in memory (PNG, JPEG, BMP, GIF), with the same checks as a file: gray images stay
     * gray, anything with colour becomes RGB (alpha dropped).
     *
     * @param bytes the encoded image
     * @param source where it came from, for messages (e.g. a request field)
     * @return the image with values in [0, 1]
     * @throws IOException if the bytes are empty, truncated, corrupt, too large or in an unknown format
     */
    public static ImageData read(byte[] bytes, String source) throws IOException {
        checkContainer(bytes, source);
        BufferedImage bi = decode(bytes, source);
        boolean gray = bi.getColorModel().getNumColorComponents() == 1;
        return gray ? fromGray(ConvertBufferedImage.convertFrom(bi, (GrayF32) null))
                : fromPlanar(ConvertBufferedImage.convertFrom(bi, true, ImageType.pl(3, GrayF32.class)));
    }

    /**
     * Reads an image and fits it to a size and channel count.
     *
     * @param path the file
     * @param size the square side to resize to
     * @param channels 1 or 3
     * @return the image
     * @throws IOException if the file cannot be read
     */
    public static ImageData read(Path path, int size, int channels) throws IOException {
        return fit(read(path), size, channels);
    }

    /** Decodes after checking the size in the header against {@link Limits#MAX_PIXELS}. */
    private static BufferedImage decode(byte[] bytes, String source) throws CorruptFileException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new CorruptFileException(source, "not an image format this reader knows (PNG, JPEG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w < 1 || h < 1 || w * h > Limits.MAX_PIXELS) {
                    throw new CorruptFileException(source, "the header declares " + w + " x " + h + " pixels; images must "
                            + "have 1 to " + Limits.MAX_PIXELS + " pixels");
                }
                BufferedImage bi = reader.read(0);
                if (bi == null) {
                    throw new CorruptFileException(source, "the image decodes to nothing");
                }
                return bi;
            } finally {
                reader.dispose();
            }
        } catch (CorruptFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptFileException(source, "cannot decode image: " + e.getMessage(), e);
        }
    }

    private static void checkContainer(byte[] b, String source) throws CorruptFileException {
        if (b.length == 0) {
            throw new CorruptFileException(source, "empty file");
        }
        if (startsWith(b, PNG_MAGIC)) {
            // a complete PNG ends with the IEND chunk: length 0, "IEND", 4-byte CRC
            int n = b.length;
            if (n < 20 || b[n - 8] != 'I' || b[n - 7] != 'E' || b[n - 6] != 'N' || b[n - 5] != 'D') {
                throw new CorruptFileException(source, "truncated PNG: " + n + " bytes and no IEND chunk at the end");
            }
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            int end = b.length;
            while (end > 2 && b[end - 1] == 0) {
                end--;
            }
            if (end < 4 || (b[end - 2] & 0xff) != 0xff || (b[end - 1] & 0xff) != 0xd9) {
                throw new CorruptFileException(source, "truncated JPEG: " + b.length + " bytes and no end-of-image marker");
            }
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes a PNG (or a JPEG when the name ends in {@code .jpg}/{@code .jpeg}) atomically; values
     * are clamped to [0, 1] and scaled to 8 bits.
     *
     * @param path the target
     * @param image the image
     * @throws IOException if writing fails (the target is then untouched)
     */
    public static void write(Path path, ImageData image) throws IOException {
        writeBuffered(path, toBufferedImage(image));
    }

    /**
     * Writes a {@link BufferedImage} atomically as PNG or JPEG (by file suffix).
     *
     * @param path the target
     * @param bi the picture
     * @throws IOException if writing fails
     */
    public static void writeBuffered(Path path, BufferedImage bi) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".jpg") || name.endsWith(".jpeg") ? "jpeg" : "png";
        BufferedImage out = bi;
        if (format.equals("jpeg") && bi.getType() != BufferedImage.TYPE_INT_RGB && bi.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            out = new BufferedImage(bi.getWidth(), bi.getHeight(), BufferedImage.TYPE_INT_RGB);
            out.getGraphics().drawImage(bi, 0, 0, null);
        }
        BufferedImage fin = out;
        AtomicFiles.write(path, os -> {
            if (!ImageIO.write(fin, format, os)) {
                throw new IOException("no ImageIO writer for " + format);
            }
        });
    }

    /**
     * Converts to an 8-bit {@link BufferedImage} (gray or RGB).
     *
     * @param image the image
     * @return the picture
     */
    public static BufferedImage toBufferedImage(ImageData image) {
        ImageData c = image.clamped();
        float[] p = c.pixels();
        int w = c.width();
        int h = c.height();
        BufferedImage bi = new BufferedImage(w, h, c.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (c.channels() == 1) {
                    int v = Math.round(p[y * w + x] * 255);
                    bi.getRaster().setSample(x, y, 0, v);
                } else {
                    int r = Math.round(p[y * w + x] * 255);
                    int g = Math.round(p[(h + y) * w + x] * 255);
                    int b = Math.round(p[(2 * h + y) * w + x] * 255);
                    bi.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return bi;
    }

    /**
     * Wraps a BoofCV gray image whose values are 0..255.
     *
     * @param gray the image
     * @return the image in [0, 1]
     */
    public static ImageData fromGray(GrayF32 gray) {
        float[] p = new float[gray.width * gray.height];
        for (int y = 0; y < gray.height; y++) {
            for (int x = 0; x < gray.width; x++) {
                p[y * gray.width + x] = gray.get(x, y) / 255f;
            }
        }
        return new ImageData(gray.width, gray.height, 1, p);
    }

    /**
     * Wraps a 3-band BoofCV planar image whose values are 0..255 (extra bands are ignored).
     *
     * @param planar the image
     * @return the RGB image in [0, 1]
     */
    public static ImageData fromPlanar(Planar<GrayF32> planar) {
        if (planar.getNumBands() < 3) {
            throw new IllegalArgumentException("an RGB image needs 3 bands, got " + planar.getNumBands());
        }
        int w = planar.width;
        int h = planar.height;
        float[] p = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            GrayF32 band = planar.getBand(c);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    p[(c * h + y) * w + x] = band.get(x, y) / 255f;
                }
            }
        }
        return new ImageData(w, h, 3, p);
    }

    /**
     * Converts to a BoofCV planar image (one band per channel) with values in [0, 1].
     *
     * @param image the image
     * @return the planar image
     */
    public static Planar<GrayF32> toPlanar(ImageData image) {
        int w = image.width();
        int h = image.height();
        Planar<GrayF32> pl = new Planar<>(GrayF32.class, w, h, image.channels());
        float[] p = image.pixels();
        for (int c = 0; c < image.channels(); c++) {
            GrayF32 band = pl.getBand(c);
            for (int y = 0; y < h; y++) {
                System.arraycopy(p, (c * h + y) * w, band.data, band.startIndex + y * band.stride, w);
            }
        }
        return pl;
    }

    /**
     * Resizes with bilinear interpolation (BoofCV {@link FDistort}, edge pixels extended).
     *
     * @param image the image
     * @param width the new width
     * @param height the new height
     * @return the resized image
     */
    public static ImageData resize(ImageData image, int width, int height) {
        if (width == image.width() && height == image.height()) {
            return image;
        }
        Planar<GrayF32> src = toPlanar(image);
        Planar<GrayF32> dst = new Planar<>(GrayF32.class, width, height, image.channels());
        new FDistort(src, dst).interp(InterpolationType.BILINEAR).border(BorderType.EXTENDED).scaleExt().apply();
        float[] p = new float[image.channels() * width * height];
        for (int c = 0; c < image.channels(); c++) {
            GrayF32 band = dst.getBand(c);
            for (int y = 0; y < height; y++) {
                System.arraycopy(band.data, band.startIndex + y * band.stride, p, (c * height + y) * width, width);
            }
        }
        return new ImageData(width, height, image.channels(), p);
    }

    /**
     * Converts RGB to gray (ITU-R 601 luma) or gray to RGB (replicated); same-channel input is returned.
     *
     * @param image the image
     * @param channels 1 or 3
     * @return the converted image
     */
    public static ImageData toChannels(ImageData image, int channels) {
        if (image.channels() == channels) {
            return image;
        }
        int n = image.width() * image.height();
        float[] p = image.pixels();
        float[] q;
        if (channels == 1) {
            q = new float[n];
            for (int i = 0; i < n; i++) {
                q[i] = 0.299f * p[i] + 0.587f * p[n + i] + 0.114f * p[2 * n + i];
            }
        } else if (channels == 3) {
            q = new float[3 * n];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(p, 0, q, c * n, n);
            }
        } else {
            throw new IllegalArgumentException("channels (" + channels + ") must be 1 or 3");
        }
        return new ImageData(image.width(), image.height(), channels, q);
    }

    /**
     * Resizes to a square and converts the channel count, then clamps to [0, 1].
     *
     * @param image the image
     * @param size the square side
     * @param channels 1 or 3
     * @return the fitted image
     */
    public static ImageData fit(ImageData image, int size, int channels) {
        return resize(toChannels(image, channels), size, size).clamped();
    }
}
