package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.bundle.Provenance;
import dev.tessera.samples.joint.JointDemo;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.data.TimeSeriesCsv;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.task.JointModelForecaster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short quick-demo run saves a model that the command line can use afterwards: it generates text, captions
 * the example image, forecasts the example series and draws a shape, all from the one bundle; and its
 * metrics carry an interval per score.
 */
class DemoModelCommandsTest {
    @TempDir
    static Path dir;
    private static JointDemo.Outcome outcome;

    @BeforeAll
    static void trainBriefly() throws Exception {
        JointDemo.Settings s = new JointDemo.Settings(true, 3, dir.resolve("demo"), dir.resolve("cache"), 40, 0,
                false, List.of("arithmetic", "image_to_caption", "series_forecast", "caption_to_shape"),
                JointDemo.Backbone.standard(), dir);
        Files.createDirectories(s.outDir());
        outcome = JointDemo.run(s, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        JointDemo.writeReport(outcome, 1.0);
    }

    /** Runs a command and returns its standard output; fails on a non-zero status. */
    private static String run(String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = TesseraCli.commandLine().execute(args);
        } finally {
            System.setOut(before);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, String.join(" ", args) + " printed: " + text);
        return text;
    }

    private static String bundle() {
        return outcome.bundle().toString();
    }

    @Test
    void theBundleCarriesEveryModalityTheTasksUse_andItsProvenance() throws Exception {
        assertTrue(outcome.allEvaluated());
        try (TesseraModel m = TesseraModel.load(outcome.bundle())) {
            assertEquals(Set.of("image", "series_patch", "shape", "text"), m.modalities().keySet());
            assertEquals(40, m.provenance().steps());
            assertTrue(m.provenance().madeBy().contains("demo"));
            assertNotEquals(Provenance.UNKNOWN, m.provenance().sdkVersion());
            assertNotEquals(Provenance.UNKNOWN, m.provenance().created());
        }
    }

    @Test
    void generate_continuesTheArithmeticPrompt() {
        String out = run("generate", "--model", bundle(), "--prompt", "$123+456=", "--temperature", "0",
                "--max-tokens", "8");
        assertTrue(out.startsWith("$123+456="), out);
    }

    @Test
    void caption_writesTextForTheExampleImage() {
        String out = run("caption", "--model", bundle(), "--image",
                outcome.settings().outDir().resolve("examples/shape.png").toString());
        assertFalse(out.isBlank());
    }

    @Test
    void forecast_writesTwentyFourStepsAndAPlot() throws Exception {
        Path csv = dir.resolve("f.csv");
        Path png = dir.resolve("f.png");
        run("forecast", "--model", bundle(), "--csv", outcome.settings().outDir().resolve("examples/series.csv")
                .toString(), "--horizon", "30", "--out", csv.toString(), "--plot", png.toString());
        assertTrue(Files.size(png) > 1000);
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.size() >= 30, "a row per step (longer than the model's 24: autoregressive): " + rows.size());
    }

    @Test
    void predict_forecastsThroughTheSeriesModality_asTheForecasterDoes() throws Exception {
        TimeSeries series = TimeSeriesCsv.read(outcome.settings().outDir().resolve("examples/series.csv"));
        try (TesseraModel m = TesseraModel.load(outcome.bundle())) {
            Forecast viaFacade = m.predict(series, Forecast.class, 30);
            Forecast direct = new JointModelForecaster(m.bundle().model(), m.bundle().layout())
                    .forecast(series, 30, ForecastConfig.defaults());
            assertEquals(30, viaFacade.median().length);
            assertArrayEquals(direct.median(), viaFacade.median(), 0.0);
            assertTrue(Arrays.stream(viaFacade.median()).allMatch(Double::isFinite));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.predict("not a series", Forecast.class, 5));
            assertTrue(e.getMessage().contains("series_patch"), e.getMessage());
        }
    }

    @Test
    void shape_writesAPointSet() throws Exception {
        Path ply = dir.resolve("s.ply");
        String out = run("shape", "--model", bundle(), "--caption", "a tall cylinder", "--out", ply.toString());
        assertTrue(Files.size(ply) > 0 && out.contains("points"), out);
    }

    @Test
    void metrics_giveEveryScoreAnInterval() throws Exception {
        JsonObject m = JsonParser.parseString(Files.readString(outcome.settings().outDir().resolve("metrics.json")))
                .getAsJsonObject();
        for (String task : List.of("arithmetic", "image_to_caption", "series_forecast", "caption_to_shape")) {
            JsonObject t = m.getAsJsonObject("tasks").getAsJsonObject(task);
            double score = t.get("score").getAsDouble();
            double lo = t.getAsJsonArray("score_interval_95").get(0).getAsDouble();
            double hi = t.getAsJsonArray("score_interval_95").get(1).getAsDouble();
            assertTrue(lo <= score + 1e-4 && score <= hi + 1e-4, task + ": " + lo + " <= " + score + " <= " + hi);
        }
        assertEquals(40, m.getAsJsonObject("training").get("steps").getAsInt());
    }
}
