package dev.tessera.cli;

import dev.tessera.samples.vision.DigitsFolder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera digits-folder}: writes the handwritten-digits folder that {@code vision-eval --data} reads. */
@Command(name = "digits-folder", mixinStandardHelpOptions = true,
        description = "Writes the 1,797 real handwritten digits (UCI, from Debian's python3-sklearn) as a 28x28 PNG"
                + " folder with train/ and test/ (one sub-folder per digit, every fifth image a test image),"
                + " optionally with augmented training copies.")
public final class DigitsFolderCommand implements Callable<Integer> {

    @Option(names = "--csv", description = "The digits file (default: ${DEFAULT-VALUE}, from scripts/fetch-data.sh digits).")
    Path csv = Path.of("data", "images", "digits", "digits.csv.gz");

    @Option(names = "--out", required = true, description = "The folder to write.")
    Path out;

    @Option(names = "--augment", description = "Augmented copies per training image (default: ${DEFAULT-VALUE}).")
    int augment = 5;

    @Option(names = "--seed", description = "Augmentation seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Override
    public Integer call() throws Exception {
        DigitsFolder.Written w = DigitsFolder.write(csv, out, augment, seed);
        System.out.println("digits-folder: " + w.trainImages() + " training and " + w.testImages() + " test images in "
                + out);
        return 0;
    }
}
