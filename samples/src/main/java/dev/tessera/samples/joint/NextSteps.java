package dev.tessera.samples.joint;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.vision.data.SyntheticShapes;
import dev.tessera.vision.image.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The things to try with the model a demo just trained (text, a forecast, a caption, a shape): commands that
 * work on its bundle, with example
 * inputs the demo writes beside it ({@code examples/shape.png}, {@code examples/series.csv}).
 */
final class NextSteps {
    /**
     * One thing to try.
     *
     * @param what what it shows
     * @param command the command line, runnable from the folder the demo was started in
     * @param note how to read its output
     */
    record Step(String what, String command, String note) { }

    private NextSteps() { }

    /**
     * Writes the example inputs the steps use: a synthetic shape image of a caption the model was trained on
     * and a monthly series with a trend and a yearly season.
     *
     * @param outDir the demo's output folder
     * @param seed the run's seed
     * @throws IOException if a file cannot be written
     */
    static void writeExamples(Path outDir, long seed) throws IOException {
        Path dir = Files.createDirectories(outDir.resolve("examples"));
        SyntheticShapes.Spec spec = SyntheticShapes.Spec.parse("a large red circle top left");
        Images.write(dir.resolve("shape.png"), SyntheticShapes.draw(spec, new SplittableRandom(seed)));
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        SplittableRandom rng = new SplittableRandom(seed + 1);
        LocalDate month = LocalDate.of(2015, 1, 1);
        for (int t = 0; t < 120; t++, month = month.plusMonths(1)) {
            double v = 100 + 0.5 * t + 12 * Math.sin(2 * Math.PI * t / 12) + 3 * rng.nextGaussian();
            csv.append(month).append(',').append(String.format(Locale.ROOT, "%.2f", v)).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("series.csv"), csv.toString());
    }

    /**
     * The steps that apply to a run: text generation when the arithmetic task was trained, a forecast when the
     * series forecast was, a caption when image captioning was.
     *
     * @param o the run
     * @return the steps, in that order
     */
    static List<Step> of(JointDemo.Outcome o) {
        Set<String> trained = o.tasks().stream().map(t -> t.task().name()).collect(Collectors.toSet());
        String model = shown(o.bundle());
        String examples = shown(o.settings().outDir().resolve("examples"));
        List<Step> steps = new ArrayList<>();
        if (trained.contains("arithmetic")) {
            steps.add(new Step("generate text: the model adds two 3-digit numbers",
                    "./tessera generate --model " + model + " --prompt '$123+456=' --temperature 0",
                    "the sum is written backwards, least significant digit first, as the model was trained: "
                            + "$123+456=9750$ means 0579"));
        }
        if (trained.contains("series_forecast")) {
            steps.add(new Step("forecast a CSV series (24 steps, quantiles and a plot)",
                    "./tessera forecast --model " + model + " --csv " + examples + "/series.csv --horizon 24 --out "
                            + examples + "/forecast.csv --plot " + examples + "/forecast.png",
                    "any CSV with a date column and a value column works; the model reads the last "
                            + "96 values"));
        }
        if (trained.contains("image_to_caption")) {
            steps.add(new Step("caption an image",
                    "./tessera caption --model " + model + " --image " + examples + "/shape.png",
                    "the model knows the demo's synthetic shapes (3 shapes, 4 colours, 2 sizes, 4 places)"));
        }
        if (trained.contains("caption_to_shape")) {
            steps.add(new Step("draw a 3D shape from a caption (a point set in PLY)",
                    "./tessera shape --model " + model + " --caption 'a chair with a high back' --out " + examples
                            + "/chair.ply",
                    "captions like the training shapes': a tall cylinder, a thick torus, a square table, ..."));
        }
        return steps;
    }

    /** A path as the user should type it: relative to the working folder when it is below it. */
    private static String shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /**
     * Formats the steps for a terminal.
     *
     * @param o the run
     * @return the text, or an empty string when no step applies
     */
    static String text(JointDemo.Outcome o) {
        StringBuilder sb = new StringBuilder();
        List<Step> steps = of(o);
        if (!steps.isEmpty()) {
            sb.append("\nTry the model it just trained:\n");
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(String.format(Locale.ROOT, "  %d. %s%n     %s%n     (%s)%n", i + 1, s.what(), s.command(),
                    s.note()));
        }
        return sb.toString();
    }

    /** @return the steps as a Markdown section */
    static String markdown(JointDemo.Outcome o) {
        StringBuilder sb = new StringBuilder("\n## Try the model\n\n");
        for (Step s : of(o)) {
            sb.append("- ").append(s.what()).append(":\n\n  ```\n  ").append(s.command()).append("\n  ```\n\n  ")
                    .append(s.note()).append(".\n");
        }
        return sb.toString();
    }

    /** @return the steps as an HTML section */
    static String html(JointDemo.Outcome o) {
        StringBuilder sb = new StringBuilder("<h2>Try the model</h2>\n<ol>");
        for (Step s : of(o)) {
            sb.append("<li>").append(JointReport.esc(s.what())).append("<pre>").append(JointReport.esc(s.command())).append("</pre>")
                    .append(JointReport.esc(s.note())).append(".</li>");
        }
        return sb.append("</ol>\n").toString();
    }
}
