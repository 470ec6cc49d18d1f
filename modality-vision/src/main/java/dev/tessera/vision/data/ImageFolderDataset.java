package dev.tessera.vision.data;

import boofcv.io.image.UtilImageIO;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.image.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An image folder: one sub-folder per label ({@code root/<label>/<file>.png}), labels sorted by
 * name. Every image is fitted to a square size and channel count on load.
 */
public final class ImageFolderDataset {
    private ImageFolderDataset() {
    }

    /**
     * Loads a folder.
     *
     * @param root the folder holding one sub-folder per label
     * @param size the square side to resize to
     * @param channels 1 or 3
     * @param classNames the label order to use, or {@code null} to use the sorted sub-folder names
     * @return the images
     * @throws IOException if the folder has no labelled images, a label is unknown, or an image is corrupt (named)
     */
    public static LabeledImages load(Path root, int size, int channels, List<String> classNames) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("image folder " + root + " does not exist");
        }
        List<String> labels;
        try (Stream<Path> s = Files.list(root)) {
            labels = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        if (labels.isEmpty()) {
            throw new IOException(root + " has no label sub-folders (expected e.g. " + root.resolve("cat/0001.png") + ")");
        }
        List<String> names = classNames != null ? classNames : labels;
        List<ImageData> images = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (String label : labels) {
            int y = names.indexOf(label);
            if (y < 0) {
                throw new IOException(root.resolve(label) + ": label '" + label + "' is not one of " + names);
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(root.resolve(label))) {
                files = s.filter(p -> Files.isRegularFile(p) && UtilImageIO.isKnownSuffix(suffix(p))).sorted()
                        .collect(Collectors.toList());
            }
            for (Path f : files) {
                images.add(Images.read(f, size, channels));
                ys.add(y);
            }
        }
        if (images.isEmpty()) {
            throw new IOException(root + " holds no image files");
        }
        return LabeledImages.of(images, ys.stream().mapToInt(Integer::intValue).toArray(), names, null);
    }

    /**
     * Tells whether any image under a folder has colour (checks up to 50 files).
     *
     * @param root the folder
     * @return {@code true} if a sampled image is RGB with unequal channels
     * @throws IOException if an image cannot be read
     */
    public static boolean hasColour(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> Files.isRegularFile(p) && UtilImageIO.isKnownSuffix(suffix(p))).limit(50)
                    .collect(Collectors.toList());
        }
        for (Path f : files) {
            ImageData im = Images.read(f);
            if (im.channels() == 3) {
                int n = im.width() * im.height();
                float[] p = im.pixels();
                for (int i = 0; i < n; i++) {
                    if (Math.abs(p[i] - p[n + i]) > 0.02 || Math.abs(p[i] - p[2 * n + i]) > 0.02) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String suffix(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
