package dev.tessera.cli;

import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.image.Images;
import dev.tessera.vision.modality.ImageModality;
import dev.tessera.vision.task.VisionGeneration;
import dev.tessera.vision.task.VisionSequences;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera caption}: a caption for an image, from a model trained to caption images. */
@Command(name = "caption", mixinStandardHelpOptions = true,
        description = "Captions an image (PNG, JPEG, BMP, GIF) with a model trained on image -> caption, e.g. the "
                + "demo's out/demo/joint.tessera.")
public final class CaptionCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A .tessera bundle with an image modality.")
    Path model;

    @Option(names = "--image", required = true, description = "The image; it is fitted to the model's image size.")
    Path image;

    @Option(names = "--captions", description = "A file of allowed captions, one per line: the model picks one "
            + "(default: free text).")
    Path captions;

    @Override
    public Integer call() throws Exception {
        List<String> allowed = captions == null ? List.of()
                : Files.readAllLines(captions, StandardCharsets.UTF_8).stream().map(String::strip)
                        .filter(l -> !l.isEmpty()).toList();
        if (captions != null && allowed.isEmpty()) {
            throw new IllegalArgumentException(captions + " holds no caption (one per line)");
        }
        ImageData picture = Images.read(image);
        try (ModelBundle b = ModelBundle.load(model)) {
            ImageModality modality = b.modality(VisionSequences.IMAGE, ImageData.class) instanceof ImageModality m ? m
                    : null;
            if (modality == null) {
                throw new IllegalArgumentException(model + ": the image modality is not a Tessera image codec");
            }
            int[] grid = modality.tokenizer().encode(picture).tokens();
            String caption = VisionGeneration.caption(b.model(), b.layout(), new int[][] {grid}, allowed).get(0);
            System.out.println(caption == null ? "(the model wrote bytes that are not UTF-8)" : caption);
        }
        return 0;
    }
}
