package dev.tessera.vision.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (28x28 gray, 10 classes) from its four gzipped IDX files, as shipped by the Debian
 * package {@code dataset-fashion-mnist} ({@code /usr/share/datasets/fashion-mnist}) or copied by
 * {@code scripts/fetch-data.sh} into {@code data/images/fashion-mnist}.
 */
public final class FashionMnist {
    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("t-shirt", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle boot");

    /** The folder the Debian package installs. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnist() {
    }

    /**
     * Finds the data folder: {@code data/images/fashion-mnist} under the project folder (system
     * property {@code tessera.project.dir}, else the working directory), else the Debian folder.
     *
     * @return the folder holding the four files
     * @throws IOException if none holds them (the message lists where it looked)
     */
    public static Path locate() throws IOException {
        String project = System.getProperty("tessera.project.dir", ".");
        List<Path> candidates = List.of(Path.of(project, "data", "images", "fashion-mnist"),
                Path.of("data", "images", "fashion-mnist"), DEBIAN_DIR);
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("t10k-images-idx3-ubyte.gz"))) {
                return p;
            }
        }
        throw new IOException("Fashion-MNIST not found in " + candidates
                + "; run scripts/fetch-data.sh or install the Debian package dataset-fashion-mnist");
    }

    /**
     * Loads the training split (60,000 images).
     *
     * @param dir the folder holding the files
     * @return the images
     * @throws IOException if a file is missing, truncated or inconsistent
     */
    public static LabeledImages train(Path dir) throws IOException {
        return load(dir, "train");
    }

    /**
     * Loads the test split (10,000 images).
     *
     * @param dir the folder holding the files
     * @return the images
     * @throws IOException if a file is missing, truncated or inconsistent
     */
    public static LabeledImages test(Path dir) throws IOException {
        return load(dir, "t10k");
    }

    private static LabeledImages load(Path dir, String prefix) throws IOException {
        Path imgFile = dir.resolve(prefix + "-images-idx3-ubyte.gz");
        Path lblFile = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
        IdxReader.IdxArray img = IdxReader.read(imgFile);
        IdxReader.IdxArray lbl = IdxReader.read(lblFile);
        if (img.shape().length != 3) {
            throw new IOException(imgFile + ": expected a 3-d IDX image tensor, got " + img.shape().length + " dimensions");
        }
        if (lbl.shape().length != 1 || lbl.count() != img.count()) {
            throw new IOException(lblFile + ": " + lbl.count() + " labels for " + img.count() + " images in " + imgFile);
        }
        int h = img.shape()[1];
        int w = img.shape()[2];
        byte[] raw = img.data();
        float[] p = new float[raw.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (raw[i] & 0xff) / 255f;
        }
        int[] labels = new int[lbl.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = lbl.data()[i] & 0xff;
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new IOException(lblFile + ": label " + labels[i] + " at index " + i + " is not in [0, 10)");
            }
        }
        return new LabeledImages(w, h, 1, p, labels, CLASS_NAMES, null);
    }
}
