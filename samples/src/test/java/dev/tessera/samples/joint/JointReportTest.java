package dev.tessera.samples.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
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

    private static TaskScore score(String metric, double v, boolean higherIsBetter) {
        return new TaskScore(metric, v, higherIsBetter, Map.of("examples", 200), List.of());
    }

    /** Two tasks: an accuracy 7% below its single-task model's, an error 2% above its single-task model's. */
    private static JointDemo.Outcome outcome(Path out) throws Exception {
        Files.createDirectories(out);
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        curves.put("words", List.of(new double[] {1, 3.0}, new double[] {100, 0.5}));
        curves.put("numbers", List.of(new double[] {1, 1.0}, new double[] {100, 0.4}));
        Path png = out.resolve("curves-joint.png");
        CurvePlot.write(curves, "curves", png);
        List<JointDemo.TaskOutcome> tasks = List.of(
                new JointDemo.TaskOutcome(new NamedTask("words"), score("exact_match", 0.93, true),
                        score("exact_match", 1.0, true), 120, out, out),
                new JointDemo.TaskOutcome(new NamedTask("numbers"), score("relative_mase", 0.53, false),
                        score("relative_mase", 0.52, false), 80, out, out));
        Map<String, JointDemo.TaskMix> mix = new LinkedHashMap<>();
        mix.put("words", new JointDemo.TaskMix(3, 1, 0.9));
        mix.put("numbers", new JointDemo.TaskMix(2, 0.4, 0.05));
        JointDemo.Settings s = new JointDemo.Settings(false, 7, out, out.resolve("cache"), 10, true, null,
                JointDemo.Backbone.standard());
        return new JointDemo.Outcome(s, ModelConfig.gpt2(16, 8, 2, 4, 64), 200, 10, 40_000, curves, png, tasks, mix,
                1, 2, out.resolve("joint.tessera"));
    }

    @Test
    void metricsJson_holdsOneObjectPerTask_withTheFieldsTheIssueNames(@TempDir Path dir) throws Exception {
        JointReport.write(outcome(dir), 42.0);
        JsonObject m = JsonParser.parseString(Files.readString(dir.resolve("metrics.json"))).getAsJsonObject();
        assertEquals("full", m.get("mode").getAsString());
        assertEquals(42.0, m.get("seconds").getAsDouble());
        JsonObject words = m.getAsJsonObject("tasks").getAsJsonObject("words");
        assertEquals("exact_match", words.get("metric").getAsString());
        assertEquals(0.93, words.get("score").getAsDouble());
        assertEquals(1.0, words.get("single_modality_score").getAsDouble());
        assertTrue(words.get("higher_is_better").getAsBoolean());
        assertFalse(words.get("within_5_percent_of_single").getAsBoolean(), "0.93 is 7% below 1.0");
        JsonObject numbers = m.getAsJsonObject("tasks").getAsJsonObject("numbers");
        assertFalse(numbers.get("higher_is_better").getAsBoolean());
        assertTrue(numbers.get("within_5_percent_of_single").getAsBoolean(), "0.53 is 2% above 0.52");
        assertEquals(0.05, numbers.get("joint_gradient_norm").getAsDouble());
        JsonObject training = m.getAsJsonObject("training");
        assertEquals(0.4, training.getAsJsonObject("loss_weights").get("numbers").getAsDouble());
        assertEquals(3.0, training.getAsJsonObject("sample_weights").get("words").getAsDouble());
    }

    @Test
    void reports_showTheTable_andTheHtmlCarriesItsImagesInline(@TempDir Path dir) throws Exception {
        JointReport.write(outcome(dir), 42.0);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| words | exact_match ↑ | 0.9300 | 1.0000 | 120 | sharing hurts (-0.0700) | 3.00 / 1.00 · 0.900 |"),
                md);
        assertTrue(md.contains("| numbers | relative_mase ↓ | 0.5300 | 0.5200 | 80 | within 5% (+0.0100)"), md);
        String html = Files.readString(dir.resolve("report.html"));
        Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/png;base64,"), "an image is not inline: " + src.group(1));
            images++;
        }
        assertTrue(images >= 1, "the curves are in the page");
        assertTrue(html.contains("class=\"bad\">sharing hurts"), "the failing comparison is marked");
    }
}
