package dev.tessera.vision.data;

import dev.tessera.core.util.Permutations;
import dev.tessera.vision.image.ImageData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A labelled image set held as one packed float array (fast to batch): every image has the same
 * size and channel count. Labels index {@link #classNames()}; an optional caption per image
 * (synthetic shapes) overrides the class name as the image's text.
 */
public final class LabeledImages {
    private final int width;
    private final int height;
    private final int channels;
    private final float[] pixels;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> captions;

    /**
     * Creates a set.
     *
     * @param width the image width
     * @param height the image height
     * @param channels 1 or 3
     * @param pixels {@code n * channels * height * width} values in {@code [0, 1]} (not copied)
     * @param labels {@code n} labels in {@code [0, classNames.size())} (not copied)
     * @param classNames label names
     * @param captions one caption per image, or {@code null} to use the class names
     */
    public LabeledImages(int width, int height, int channels, float[] pixels, int[] labels, List<String> classNames,
            List<String> captions) {
        int per = width * height * channels;
        if (per <= 0 || pixels.length != (long) per * labels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + width + "x" + height + "x" + channels
                    + " need " + (long) per * labels.length + " values, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside [0, "
                        + classNames.size() + ")");
            }
        }
        if (captions != null && captions.size() != labels.length) {
            throw new IllegalArgumentException(captions.size() + " captions for " + labels.length + " images");
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.captions = captions == null ? null : List.copyOf(captions);
    }

    /**
     * Packs a list of images.
     *
     * @param images images of one size and channel count
     * @param labels their labels
     * @param classNames label names
     * @param captions captions or {@code null}
     * @return the set
     */
    public static LabeledImages of(List<ImageData> images, int[] labels, List<String> classNames, List<String> captions) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        ImageData first = images.get(0);
        int per = first.size();
        float[] p = new float[per * images.size()];
        for (int i = 0; i < images.size(); i++) {
            ImageData im = images.get(i);
            if (im.width() != first.width() || im.height() != first.height() || im.channels() != first.channels()) {
                throw new IllegalArgumentException("image " + i + " is " + im + " but image 0 is " + first);
            }
            System.arraycopy(im.pixels(), 0, p, i * per, per);
        }
        return new LabeledImages(first.width(), first.height(), first.channels(), p, labels.clone(), classNames, captions);
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /** @return the image width */
    public int width() {
        return width;
    }

    /** @return the image height */
    public int height() {
        return height;
    }

    /** @return the channel count */
    public int channels() {
        return channels;
    }

    /** @return values per image */
    public int imageSize() {
        return width * height * channels;
    }

    /** @return the packed pixels (shared, do not modify) */
    public float[] packedPixels() {
        return pixels;
    }

    /** @return the labels (shared, do not modify) */
    public int[] packedLabels() {
        return labels;
    }

    /** @return the class names */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns one image.
     *
     * @param i the index
     * @return the image
     */
    public ImageData image(int i) {
        int per = imageSize();
        float[] p = new float[per];
        System.arraycopy(pixels, i * per, p, 0, per);
        return new ImageData(width, height, channels, p);
    }

    /**
     * Returns one label.
     *
     * @param i the index
     * @return the label
     */
    public int label(int i) {
        return labels[i];
    }

    /**
     * Returns the text of one image: its caption, or else its class name.
     *
     * @param i the index
     * @return the text
     */
    public String text(int i) {
        return captions != null ? captions.get(i) : classNames.get(labels[i]);
    }

    /** @return whether the images carry captions */
    public boolean hasCaptions() {
        return captions != null;
    }

    /**
     * Returns the first {@code n} images (or all when fewer).
     *
     * @param n the count
     * @return the subset
     */
    public LabeledImages head(int n) {
        int k = Math.min(n, size());
        float[] p = new float[k * imageSize()];
        System.arraycopy(pixels, 0, p, 0, p.length);
        int[] l = new int[k];
        System.arraycopy(labels, 0, l, 0, k);
        return new LabeledImages(width, height, channels, p, l, classNames, captions == null ? null : captions.subList(0, k));
    }

    /**
     * Returns up to {@code perClass} images of every class, in order.
     *
     * @param perClass the count per class
     * @return the subset
     */
    public LabeledImages balanced(int perClass) {
        List<Integer> keep = new ArrayList<>();
        int[] seen = new int[classNames.size()];
        for (int i = 0; i < size(); i++) {
            if (seen[labels[i]]++ < perClass) {
                keep.add(i);
            }
        }
        return subset(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Returns the images in a seeded random order. A folder is read class by class, so its first or
     * last images are all of one class; shuffled, a head or a tail of the set holds every class.
     *
     * @param seed the permutation's seed
     * @return the same images, permuted
     */
    public LabeledImages shuffled(long seed) {
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Permutations.shuffle(order, new SplittableRandom(seed));
        return subset(order);
    }

    private LabeledImages subset(int[] keep) {
        int per = imageSize();
        float[] p = new float[keep.length * per];
        int[] l = new int[keep.length];
        List<String> caps = captions == null ? null : new ArrayList<>();
        for (int j = 0; j < keep.length; j++) {
            int i = keep[j];
            System.arraycopy(pixels, i * per, p, j * per, per);
            l[j] = labels[i];
            if (caps != null) {
                caps.add(captions.get(i));
            }
        }
        return new LabeledImages(width, height, channels, p, l, classNames, caps);
    }
}
