package dev.tessera.vision.data;

import dev.tessera.vision.image.ImageData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded captioned shapes on a black 28x28 RGB canvas: one shape (circle, square or triangle),
 * of a colour (red, green, blue or yellow), a size (small or large) and a position (the four
 * quadrants, jittered by a pixel), captioned like {@code "a small red circle top left"}. Because
 * the generator knows the truth, {@link ShapeCaptionChecker} can score generated images.
 */
public final class SyntheticShapes {
    /** Canvas side in pixels. */
    public static final int SIZE = 28;
    /** Shape names. */
    public static final List<String> SHAPES = List.of("circle", "square", "triangle");
    /** Colour names. */
    public static final List<String> COLOURS = List.of("red", "green", "blue", "yellow");
    /** RGB of each colour, in [0, 1]. */
    static final float[][] RGB = {{1f, 0.1f, 0.1f}, {0.1f, 0.85f, 0.1f}, {0.15f, 0.35f, 1f}, {1f, 0.9f, 0.1f}};
    /** Size names. */
    public static final List<String> SIZES = List.of("small", "large");
    /** Half extents (pixels) of each size. */
    static final float[] HALF = {3.6f, 6.2f};
    /** Position names. */
    public static final List<String> POSITIONS = List.of("top left", "top right", "bottom left", "bottom right");

    private SyntheticShapes() {
    }

    /**
     * One shape's attributes.
     *
     * @param shape index into {@link #SHAPES}
     * @param colour index into {@link #COLOURS}
     * @param size index into {@link #SIZES}
     * @param position index into {@link #POSITIONS}
     */
    public record Spec(int shape, int colour, int size, int position) {
        /** Validates the indices. */
        public Spec {
            check("shape", shape, SHAPES.size());
            check("colour", colour, COLOURS.size());
            check("size", size, SIZES.size());
            check("position", position, POSITIONS.size());
        }

        private static void check(String what, int v, int n) {
            if (v < 0 || v >= n) {
                throw new IllegalArgumentException(what + " (" + v + ") must be in [0, " + n + ")");
            }
        }

        /** @return the caption, e.g. {@code "a small red circle top left"} */
        public String caption() {
            return "a " + SIZES.get(size) + " " + COLOURS.get(colour) + " " + SHAPES.get(shape) + " " + POSITIONS.get(position);
        }

        /** @return a class index in [0, {@link #classCount()}) */
        public int classIndex() {
            return ((shape * COLOURS.size() + colour) * SIZES.size() + size) * POSITIONS.size() + position;
        }

        /**
         * Parses a caption written by {@link #caption()}.
         *
         * @param caption the caption
         * @return the spec
         * @throws IllegalArgumentException if the caption is not of that form (the message quotes it)
         */
        public static Spec parse(String caption) {
            for (int s = 0; s < SHAPES.size(); s++) {
                for (int c = 0; c < COLOURS.size(); c++) {
                    for (int z = 0; z < SIZES.size(); z++) {
                        for (int p = 0; p < POSITIONS.size(); p++) {
                            Spec sp = new Spec(s, c, z, p);
                            if (sp.caption().equals(caption.trim())) {
                                return sp;
                            }
                        }
                    }
                }
            }
            throw new IllegalArgumentException("'" + caption + "' is not a shapes caption like 'a small red circle top left'");
        }
    }

    /** @return the number of distinct captions */
    public static int classCount() {
        return SHAPES.size() * COLOURS.size() * SIZES.size() * POSITIONS.size();
    }

    /** @return every caption, indexed by {@link Spec#classIndex()} */
    public static List<String> allCaptions() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < classCount(); i++) {
            out.add(fromIndex(i).caption());
        }
        return out;
    }

    /**
     * Returns the spec of a class index.
     *
     * @param index in [0, {@link #classCount()})
     * @return the spec
     */
    public static Spec fromIndex(int index) {
        int p = index % POSITIONS.size();
        int r = index / POSITIONS.size();
        int z = r % SIZES.size();
        r /= SIZES.size();
        int c = r % COLOURS.size();
        return new Spec(r / COLOURS.size(), c, z, p);
    }

    /**
     * Draws one shape.
     *
     * @param spec what to draw
     * @param random jitter source
     * @return the 28x28 RGB image
     */
    public static ImageData draw(Spec spec, SplittableRandom random) {
        int s = SIZE;
        float[] px = new float[3 * s * s];
        float cx = (spec.position() % 2 == 0 ? 7f : 20f) + random.nextInt(3) - 1;
        float cy = (spec.position() < 2 ? 7f : 20f) + random.nextInt(3) - 1;
        float r = HALF[spec.size()];
        float[] rgb = RGB[spec.colour()];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                float dx = x + 0.5f - cx - 0.5f;
                float dy = y + 0.5f - cy - 0.5f;
                boolean in;
                switch (spec.shape()) {
                    case 0:
                        in = dx * dx + dy * dy <= r * r;
                        break;
                    case 1:
                        in = Math.abs(dx) <= r && Math.abs(dy) <= r;
                        break;
                    default:
                        in = dy >= -r && dy <= r && Math.abs(dx) <= r * (dy + r) / (2 * r) + 0.5f;
                        break;
                }
                if (in) {
                    for (int c = 0; c < 3; c++) {
                        px[(c * s + y) * s + x] = rgb[c];
                    }
                }
            }
        }
        return new ImageData(s, s, 3, px);
    }

    /**
     * Generates a captioned set with uniformly random attributes.
     *
     * @param count the number of images
     * @param seed the seed
     * @return images labelled by class index, with captions
     */
    public static LabeledImages generate(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ImageData> images = new ArrayList<>(count);
        int[] labels = new int[count];
        List<String> captions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Spec sp = fromIndex(rnd.nextInt(classCount()));
            images.add(draw(sp, rnd));
            labels[i] = sp.classIndex();
            captions.add(sp.caption());
        }
        return LabeledImages.of(images, labels, allCaptions(), captions);
    }
}
