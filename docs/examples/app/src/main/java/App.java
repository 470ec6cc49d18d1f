import dev.tessera.core.api.Prompt;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.pointcloud.geom.PointCloud;
import dev.tessera.timeseries.data.TimeSeriesCsv;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.vision.image.Images;
import java.nio.file.Path;
import java.util.Arrays;

/** Loads the model `./tessera demo --quick` trained: a sum, a caption, a forecast and a 3D shape from one model. */
public class App {
    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args.length > 0 ? args[0] : "out/demo");
        try (TesseraModel model = TesseraModel.load(demo.resolve("joint.tessera"))) {
            // text in, text out: the model continues the prompt (sums are written backwards, units first)
            String sum = model.generate("$123+456=", SamplingConfig.greedy(8));
            System.out.println("$123+456=" + sum);

            // an image in, a caption out
            Prompt picture = Prompt.of(Images.read(demo.resolve("examples/shape.png")));
            String caption = model.generate(picture, String.class, SamplingConfig.greedy(60));
            System.out.println("caption: " + caption);

            // a series in, a probabilistic forecast out (quantiles and the median, 24 steps ahead)
            Forecast forecast = model.predict(TimeSeriesCsv.read(demo.resolve("examples/series.csv")), Forecast.class, 24);
            System.out.println("forecast median: " + Arrays.toString(forecast.median()));

            // a caption in, a 3D point set out
            PointCloud shape = model.generate(Prompt.of("a tall cylinder"), PointCloud.class, SamplingConfig.sample(0.8, 1, 160));
            System.out.println("shape: " + shape.size() + " points");
        }
    }
}
