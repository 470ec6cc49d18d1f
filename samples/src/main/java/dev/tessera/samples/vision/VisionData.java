package dev.tessera.samples.vision;

import dev.tessera.vision.data.FashionMnist;
import dev.tessera.vision.data.ImageFolderDataset;
import dev.tessera.vision.data.LabeledImages;
import dev.tessera.vision.data.SyntheticShapes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The images one {@code vision-eval} run uses: Fashion-MNIST, the synthetic shapes, or an image folder
 * ({@code train/} and {@code test/}, one sub-folder per label). A folder's training images are
 * shuffled with the run's seed: it is read class by class, and the evaluation takes its last images as
 * the held-out set that picks the captioner's weight (and the first ones for the k-means and quick
 * judge fits), which would otherwise be all of the last (or first) classes and never trained on.
 *
 * @param train the training images
 * @param test the test images
 * @param key the cache key of the data set ({@code fashion-mnist}, {@code shapes} or {@code dir-<hash>})
 * @param shapes whether these are the synthetic shapes (judged by their checker, not a classifier)
 * @param captions every text the model may write: the class names, or every shapes caption
 */
record VisionData(LabeledImages train, LabeledImages test, String key, boolean shapes, List<String> captions) {

    /**
     * Loads a data set.
     *
     * @param data {@code fashion-mnist}, {@code shapes} or a folder with {@code train/} and {@code test/}
     * @param seed the run's seed (the synthetic images and a folder's training order)
     * @return the data
     * @throws IOException if the data cannot be read
     */
    static VisionData load(String data, long seed) throws IOException {
        if (data.equals("fashion-mnist")) {
            Path dir = FashionMnist.locate();
            LabeledImages train = FashionMnist.train(dir);
            return new VisionData(train, FashionMnist.test(dir), "fashion-mnist", false, train.classNames());
        }
        if (data.equals("shapes")) {
            return new VisionData(SyntheticShapes.generate(20_000, seed), SyntheticShapes.generate(2_000, seed + 1),
                    "shapes", true, SyntheticShapes.allCaptions());
        }
        Path root = Path.of(data);
        int channels = ImageFolderDataset.hasColour(root.resolve("train")) ? 3 : 1;
        LabeledImages train = ImageFolderDataset.load(root.resolve("train"), 28, channels, null).shuffled(seed);
        LabeledImages test = ImageFolderDataset.load(root.resolve("test"), 28, channels, train.classNames());
        String key = "dir-" + Integer.toHexString(root.toAbsolutePath().normalize().toString().hashCode());
        return new VisionData(train, test, key, false, train.classNames());
    }

    /** @return the texts of the training images, in order */
    List<String> trainTexts() {
        return texts(train);
    }

    /** @return the texts of the test images, in order */
    List<String> testTexts() {
        return texts(test);
    }

    /** @return the class name of each test image, in order */
    List<String> testClasses() {
        return java.util.stream.IntStream.range(0, test.size()).mapToObj(i -> test.classNames().get(test.label(i)))
                .toList();
    }

    private static List<String> texts(LabeledImages images) {
        return java.util.stream.IntStream.range(0, images.size()).mapToObj(images::text).toList();
    }
}
