package dev.tessera.samples.lm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A file's bytes split as in {@code gpt_ref.py}: the first 90% for training, the rest for
 * validation.
 *
 * @param train training bytes as ids 0..255
 * @param valid validation bytes as ids 0..255
 */
public record ByteCorpus(int[] train, int[] valid) {

    /**
     * Reads a file.
     *
     * @param path the file
     * @param context the model's context (both parts must exceed it)
     * @return the corpus
     * @throws IOException if the file is missing or too short
     */
    public static ByteCorpus read(Path path, int context) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "training text not found");
        }
        byte[] b = Files.readAllBytes(path);
        int n = (int) (0.9 * b.length);
        if (n <= context + 1 || b.length - n <= context + 1) {
            throw new IllegalArgumentException(path + " has " + b.length + " bytes; both the 90% training part and "
                    + "the 10% validation part must exceed the context (" + context + ") + 1");
        }
        int[] train = new int[n];
        int[] valid = new int[b.length - n];
        for (int i = 0; i < b.length; i++) {
            if (i < n) {
                train[i] = b[i] & 0xff;
            } else {
                valid[i - n] = b[i] & 0xff;
            }
        }
        return new ByteCorpus(train, valid);
    }

    /**
     * Draws a training batch of random windows: rows of {@code context + 1} ids.
     *
     * @param rng the random source
     * @param batch rows
     * @param context window length
     * @return the windows
     */
    public int[][] sample(SplittableRandom rng, int batch, int context) {
        int[][] rows = new int[batch][];
        for (int i = 0; i < batch; i++) {
            int s = rng.nextInt(train.length - context - 1);
            rows[i] = java.util.Arrays.copyOfRange(train, s, s + context + 1);
        }
        return rows;
    }

    /**
     * Returns the validation set as consecutive non-overlapping windows of {@code context + 1} ids
     * (each window's last id is the next window's first input's target).
     *
     * @param context window length
     * @return the windows
     */
    public int[][] validationWindows(int context) {
        int n = (valid.length - 1) / context;
        int[][] rows = new int[n][];
        for (int w = 0; w < n; w++) {
            rows[w] = java.util.Arrays.copyOfRange(valid, w * context, w * context + context + 1);
        }
        return rows;
    }
}
