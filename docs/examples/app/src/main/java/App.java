import dev.tessera.core.api.Prompt;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.image.Images;
import java.nio.file.Path;

/** Loads the model `./tessera demo --quick` trained, asks it for a sum and for a caption. */
public class App {
    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args.length > 0 ? args[0] : "out/demo");
        try (TesseraModel model = TesseraModel.load(demo.resolve("joint.tessera"))) {
            // text in, text out: the model continues the prompt (sums are written backwards, units first)
            String sum = model.generate("$123+456=", SamplingConfig.greedy(8));
            System.out.println("$123+456=" + sum);

            // an image in, a caption out
            ImageData shape = Images.read(demo.resolve("examples/shape.png"));
            String caption = model.generate(Prompt.of(shape), String.class, SamplingConfig.greedy(60));
            System.out.println("caption: " + caption);
        }
    }
}
