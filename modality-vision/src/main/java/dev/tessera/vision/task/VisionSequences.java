package dev.tessera.vision.task;

import dev.tessera.core.task.TaskExample;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.util.Arrays;

/**
 * Framed sequences of text and images in any {@link VocabularyLayout} that holds the
 * {@code "text"} (UTF-8 bytes) and {@code "image"} modalities; global ids come from the layout, so
 * the same sequences work in a vision-only layout and in a joint layout of many tasks.
 *
 * <ul>
 *   <li>text to image: {@code BOS BEGIN:text bytes END:text BEGIN:image codes END:image EOS};</li>
 *   <li>image to text: {@code BOS BEGIN:image codes END:image BEGIN:text bytes END:text EOS}.</li>
 * </ul>
 */
public final class VisionSequences {
    /** The image modality's name in every layout. */
    public static final String IMAGE = "image";

    private VisionSequences() {
    }

    /**
     * Builds the prompt of a text-to-image generation (ends with {@code BEGIN:image}).
     *
     * @param layout the layout
     * @param text the caption
     * @return global ids
     */
    public static int[] textToImagePrompt(VocabularyLayout layout, String text) {
        int[] t = ByteText.encode(text);
        int[] ids = new int[t.length + 4];
        int k = 0;
        ids[k++] = layout.bos();
        ids[k++] = layout.begin(ByteText.NAME);
        for (int c : t) {
            ids[k++] = layout.toGlobal(ByteText.NAME, c);
        }
        ids[k++] = layout.end(ByteText.NAME);
        ids[k] = layout.begin(IMAGE);
        return ids;
    }

    /**
     * Builds the prompt of an image-to-text generation (ends with {@code BEGIN:text}).
     *
     * @param layout the layout
     * @param grid the image's local codes
     * @return global ids
     */
    public static int[] captionPrompt(VocabularyLayout layout, int[] grid) {
        int[] ids = new int[grid.length + 4];
        int k = 0;
        ids[k++] = layout.bos();
        ids[k++] = layout.begin(IMAGE);
        for (int c : grid) {
            ids[k++] = layout.toGlobal(IMAGE, c);
        }
        ids[k++] = layout.end(IMAGE);
        ids[k] = layout.begin(ByteText.NAME);
        return ids;
    }

    /**
     * A text-to-image training example: loss 1 on the image codes, END:image and EOS; 0 on the prompt.
     *
     * @param layout the layout
     * @param text the caption
     * @param grid the image's local codes
     * @return the example
     */
    public static TaskExample textToImage(VocabularyLayout layout, String text, int[] grid) {
        int[] prompt = textToImagePrompt(layout, text);
        int[] ids = Arrays.copyOf(prompt, prompt.length + grid.length + 2);
        int k = prompt.length;
        for (int c : grid) {
            ids[k++] = layout.toGlobal(IMAGE, c);
        }
        ids[k++] = layout.end(IMAGE);
        ids[k] = layout.eos();
        // target index t predicts ids[t + 1]; the first image code is ids[prompt.length]
        return TaskExample.lossFrom(ids, prompt.length - 1);
    }

    /**
     * An image-to-text training example: loss 1 on the text bytes, END:text and EOS, and
     * {@code imageWeight} on the image codes (unconditional image modelling), 0 elsewhere.
     *
     * @param layout the layout
     * @param grid the image's local codes
     * @param text the caption
     * @param imageWeight loss weight of the image codes (0 for a pure captioning loss)
     * @return the example
     */
    public static TaskExample imageToText(VocabularyLayout layout, int[] grid, String text, float imageWeight) {
        return imageToText(layout, grid, text, imageWeight, 1f);
    }

    /**
     * An image-to-text training example: loss {@code textWeight} on the text bytes, END:text and EOS, and
     * {@code imageWeight} on the image codes, 0 elsewhere.
     *
     * @param layout the layout
     * @param grid the image's local codes
     * @param text the caption
     * @param imageWeight loss weight of the image codes (0 for a pure captioning loss)
     * @param textWeight loss weight of the caption (1 in {@link #imageToText(VocabularyLayout, int[], String, float)})
     * @return the example
     */
    public static TaskExample imageToText(VocabularyLayout layout, int[] grid, String text, float imageWeight,
            float textWeight) {
        int[] prompt = captionPrompt(layout, grid);
        int[] t = ByteText.encode(text);
        int[] ids = Arrays.copyOf(prompt, prompt.length + t.length + 2);
        int k = prompt.length;
        for (int c : t) {
            ids[k++] = layout.toGlobal(ByteText.NAME, c);
        }
        ids[k++] = layout.end(ByteText.NAME);
        ids[k] = layout.eos();
        float[] w = new float[ids.length - 1];
        // targets 2 .. 1 + grid.length are the image codes (ids[2..]); target index t predicts ids[t + 1]
        for (int i = 1; i < 1 + grid.length; i++) {
            w[i] = imageWeight;
        }
        Arrays.fill(w, prompt.length - 1, w.length, textWeight);
        return new TaskExample(ids, w);
    }
}
