package dev.tessera.samples.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JointReportTest {

    /** A task that is only a name: the report reads names and scores. */
    private record NamedTask(String name) implements Task {
        @Override
        public Map<String, Integer> vocabularies() {
            return Map.of("text", 4);
        }

        @Override
        public int maxLength() {
            return 4;
        }

        @Override
        public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** 200 pass/fail items, the first {@code passed} of them passing. */
    private static TaskScore accuracy(int passed) {
        boolean[] ok = new boolean[200];
        java.util.Arrays.fill(ok, 0, passed, true);
        return TaskScore.of("exact_match", true, ItemScores.passes(ok), Map.of("examples", 200), List.of());
    }

    /** 100 error ratios around {@code level}, each {@code factor} times a fixed pattern. */
    private static TaskScore ratios(double factor) {
        double[] r = new double[100];
        for (int i = 0; i < r.length; i++) {
            r[i] = factor * (0.3 + 0.5 * ((i * 37) % 100) / 100.0);
        }
        return TaskScore.of("relative_mase", false, new ItemScores(r, ItemScores.Aggregate.GEOMETRIC_MEAN),
                Map.of(), List.of());
    }

    /**
     * Three tasks and a skipped one: an accuracy far below its single-task model's (0.80 vs 1.00), an error
     * exactly 2% above its single-task model's on every item, a task whose evaluation failed, and one skipped
     * for a missing data set.
     */
    private static JointDemo.Outcome outcome(Path out) throws Exception {
        Files.createDirectories(out);
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        curves.put("words", List.of(new double[] {1, 3.0}, new double[] {100, 0.5}));
        curves.put("numbers", List.of(new double[] {1, 1.0}, new double[] {100, 0.4}));
        Path png = out.resolve("curves-joint.png");
        CurvePlot.write(curves, "curves", png);
        List<JointDemo.TaskOutcome> tasks = List.of(
                new JointDemo.TaskOutcome(new NamedTask("words"), accuracy(160), accuracy(200), 120, out, out, null),
                new JointDemo.TaskOutcome(new NamedTask("numbers"), ratios(1.02), ratios(1.0), 80, out, out, null),
                new JointDemo.TaskOutcome(new NamedTask("broken"), null, null, 0, out, null,
                        "IllegalStateException: boom"));
        Map<String, JointDemo.TaskMix> mix = new LinkedHashMap<>();
        mix.put("words", new JointDemo.TaskMix(3, 1, 0.9));
        mix.put("numbers", new JointDemo.TaskMix(2, 0.4, 0.05));
        JointDemo.Settings s = new JointDemo.Settings(false, 7, out, out.resolve("cache"), 200, 0, true, null,
                JointDemo.Backbone.standard(), out);
        return new JointDemo.Outcome(s, ModelConfig.gpt2(16, 8, 2, 4, 64), 200, 10, 40_000, curves, png, tasks, mix,
                1, 2, out.resolve("joint.tessera"), Map.of("molecule", "data set 'molecules' is not at /x: fetch it"));
    }

    @Test
    void metricsJson_holdsOneObjectPerTask_withIntervalsAndVerdicts(@TempDir Path dir) throws Exception {
        JointReport.write(outcome(dir), 42.0);
        JsonObject m = JsonParser.parseString(Files.readString(dir.resolve("metrics.json"))).getAsJsonObject();
        assertEquals("full", m.get("mode").getAsString());
        assertEquals(42.0, m.get("seconds").getAsDouble());
        JsonObject words = m.getAsJsonObject("tasks").getAsJsonObject("words");
        assertEquals("exact_match", words.get("metric").getAsString());
        assertEquals(0.8, words.get("score").getAsDouble());
        assertEquals(1.0, words.get("single_modality_score").getAsDouble());
        assertTrue(words.get("higher_is_better").getAsBoolean());
        assertEquals("worse", words.get("within_5_percent_of_single").getAsString(), "0.80 is 20% below 1.00");
        double lo = words.getAsJsonArray("score_interval_95").get(0).getAsDouble();
        double hi = words.getAsJsonArray("score_interval_95").get(1).getAsDouble();
        assertTrue(lo < 0.8 && 0.8 < hi && hi - lo < 0.15, "a 95% interval around 0.80 over 200 items: " + lo + ".." + hi);
        assertTrue(words.getAsJsonArray("shortfall_interval_95").get(0).getAsDouble() > 0.05);
        JsonObject numbers = m.getAsJsonObject("tasks").getAsJsonObject("numbers");
        assertFalse(numbers.get("higher_is_better").getAsBoolean());
        assertEquals("within", numbers.get("within_5_percent_of_single").getAsString(), "2% above on every item");
        assertEquals(0.02, numbers.get("shortfall_vs_single").getAsDouble(), 1e-9);
        assertEquals(0.05, numbers.get("joint_gradient_norm").getAsDouble());
        JsonObject broken = m.getAsJsonObject("tasks").getAsJsonObject("broken");
        assertTrue(broken.get("error").getAsString().contains("boom"));
        assertEquals("not_run", broken.get("within_5_percent_of_single").getAsString());
        assertEquals(1, m.getAsJsonObject("within_5_percent").get("within").getAsInt());
        assertEquals(1, m.getAsJsonObject("within_5_percent").get("worse").getAsInt());
        assertTrue(m.getAsJsonObject("skipped").get("molecule").getAsString().contains("molecules"));
        JsonObject training = m.getAsJsonObject("training");
        assertEquals(0.4, training.getAsJsonObject("loss_weights").get("numbers").getAsDouble());
        assertEquals(3.0, training.getAsJsonObject("sample_weights").get("words").getAsDouble());
    }

    @Test
    void reports_showTheTable_theSkippedAndFailedTasks_andTheHtmlCarriesItsImagesInline(@TempDir Path dir)
            throws Exception {
        JointReport.write(outcome(dir), 42.0);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| words | exact_match ↑ | 0.8000 ["), md);
        assertTrue(md.contains("| more than 5% worse (shortfall +20.0% ["), md);
        assertTrue(md.contains("| numbers | relative_mase ↓ |"), md);
        assertTrue(md.contains("within 5% (shortfall +2.0% [+2.0%, +2.0%])"), md);
        assertTrue(md.contains("| broken | — | FAILED: IllegalStateException: boom |"), md);
        assertTrue(md.contains("| molecule | — | SKIPPED: data set 'molecules' is not at /x: fetch it |"), md);
        String html = Files.readString(dir.resolve("report.html"));
        Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/png;base64,"), "an image is not inline: " + src.group(1));
            images++;
        }
        assertTrue(images >= 1, "the curves are in the page");
        assertTrue(html.contains("class=\"bad\">more than 5% worse"), "the failing comparison is marked");
    }
}
