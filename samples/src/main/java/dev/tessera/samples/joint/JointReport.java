package dev.tessera.samples.joint;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.io.Json;
import dev.tessera.core.task.TaskScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the demo's results: {@code metrics.json} (one object per task under {@code tasks}),
 * {@code report.md} and a self-contained {@code report.html} (images inline), all atomically.
 */
final class JointReport {
    private JointReport() { }

    /**
     * Builds the metrics object.
     *
     * @param o the outcome
     * @param seconds the demo's wall time so far
     * @return the metrics, ready for JSON
     */
    static Map<String, Object> metrics(JointDemo.Outcome o, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", o.settings().quick() ? "quick" : "full");
        m.put("seconds", round(seconds, 1));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("architecture", o.model().architecture().name());
        model.put("layers", o.model().layers());
        model.put("d_model", o.model().dModel());
        model.put("heads", o.model().heads());
        model.put("learning_rate", o.settings().backbone().learningRate());
        model.put("context", o.model().contextLength());
        model.put("vocabulary", o.model().vocabSize());
        model.put("bundle", o.settings().outDir().relativize(o.bundle()).toString());
        m.put("model", model);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("steps", o.steps());
        training.put("seconds", round(o.trainSeconds(), 1));
        training.put("tokens_per_s", Math.round(o.tokensPerSecond()));
        training.put("prepare_seconds", round(o.prepareSeconds(), 1));
        training.put("single_task_seconds", round(o.baselineSeconds(), 1));
        Map<String, Double> sample = new LinkedHashMap<>();
        Map<String, Double> lossWeights = new LinkedHashMap<>();
        o.mixing().forEach((k, v) -> {
            sample.put(k, v.sampleWeight());
            lossWeights.put(k, v.lossWeight());
        });
        training.put("sample_weights", sample);
        training.put("loss_weights", lossWeights);
        training.put("balanced_gradients", JointDemo.BALANCED_GRADIENTS);
        m.put("training", training);
        Map<String, Object> tasks = new LinkedHashMap<>();
        int[] verdicts = new int[TaskComparison.Verdict.values().length];
        for (JointDemo.TaskOutcome t : o.tasks()) {
            Map<String, Object> e = new LinkedHashMap<>();
            TaskScore any = t.joint() != null ? t.joint() : t.single();
            TaskComparison c = t.comparison();
            verdicts[c.verdict().ordinal()]++;
            e.put("metric", any == null ? null : any.metric());
            e.put("score", t.joint() == null ? null : round(t.joint().score(), 4));
            e.put("score_interval_95", interval(c.jointInterval()));
            e.put("single_modality_score", t.single() == null ? null : round(t.single().score(), 4));
            e.put("single_modality_interval_95", interval(c.singleInterval()));
            e.put("higher_is_better", any == null ? null : any.higherIsBetter());
            e.put("shortfall_vs_single", c.shortfall() == null ? null : round(c.shortfall()[0], 4));
            e.put("shortfall_interval_95", c.shortfall() == null ? null
                    : interval(new double[] {c.shortfall()[1], c.shortfall()[2]}));
            e.put("within_5_percent_of_single", c.verdict().name().toLowerCase(Locale.ROOT));
            e.put("single_modality_steps", t.single() == null ? null : t.singleSteps());
            JointTasks.Floor floor = JointTasks.floor(t.task().name(), o.settings().quick());
            e.put("floor", floor == null ? null : floor.describe());
            e.put("floor_met", floor == null || t.joint() == null ? null : floor.met(t.joint()));
            JointDemo.TaskMix mix = o.mixing().get(t.task().name());
            e.put("joint_gradient_norm", mix == null ? null : round(mix.gradientNorm(), 4));
            e.put("error", t.error());
            e.put("details", t.joint() == null ? Map.of() : t.joint().details());
            tasks.put(t.task().name(), e);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        for (TaskComparison.Verdict v : TaskComparison.Verdict.values()) {
            summary.put(v.name().toLowerCase(Locale.ROOT), verdicts[v.ordinal()]);
        }
        m.put("within_5_percent", summary);
        m.put("skipped", o.skipped());
        m.put("tasks", tasks);
        return m;
    }

    /**
     * Writes the three files.
     *
     * @param o the outcome
     * @param seconds the demo's wall time
     * @throws Exception if a file cannot be written
     */
    static void write(JointDemo.Outcome o, double seconds) throws Exception {
        Path out = o.settings().outDir();
        Map<String, Object> metrics = metrics(o, seconds);
        AtomicFiles.writeString(out.resolve("metrics.json"), Json.GSON.toJson(metrics) + "\n");
        AtomicFiles.writeString(out.resolve("report.md"), markdown(o, seconds));
        AtomicFiles.writeString(out.resolve("report.html"), html(o, seconds));
    }

    private static List<Double> interval(double[] ci) {
        return ci == null ? null : List.of(round(ci[0], 4), round(ci[1], 4));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Double.isFinite(v) ? Math.round(v * f) / f : v;
    }

    private static String fmt(TaskScore s, double[] ci) {
        if (s == null) {
            return "—";
        }
        return ci == null ? String.format(Locale.ROOT, "%.4f", s.score())
                : String.format(Locale.ROOT, "%.4f [%.3f, %.3f]", s.score(), ci[0], ci[1]);
    }

    private static String verdict(TaskComparison c) {
        if (c.verdict() == TaskComparison.Verdict.NOT_RUN) {
            return "not run";
        }
        double[] d = c.shortfall();
        String range = String.format(Locale.ROOT, "shortfall %+.1f%% [%+.1f%%, %+.1f%%]", 100 * d[0], 100 * d[1],
                100 * d[2]);
        return switch (c.verdict()) {
            case WITHIN -> "within 5% (" + range + ")";
            case WORSE -> "more than 5% worse (" + range + ")";
            default -> "can't tell: the interval spans 5% (" + range + ")";
        };
    }

    private static String floorCell(JointDemo.Outcome o, JointDemo.TaskOutcome t) {
        JointTasks.Floor f = JointTasks.floor(t.task().name(), o.settings().quick());
        if (f == null) {
            return "—";
        }
        return f.describe() + (t.joint() == null ? "" : f.met(t.joint()) ? " ✔" : " ✘");
    }

    private static List<String[]> rows(JointDemo.Outcome o) {
        List<String[]> rows = new ArrayList<>();
        for (JointDemo.TaskOutcome t : o.tasks()) {
            TaskScore any = t.joint() != null ? t.joint() : t.single();
            TaskComparison c = t.comparison();
            rows.add(new String[] {t.task().name(),
                any == null ? "—" : any.metric() + (any.higherIsBetter() ? " ↑" : " ↓"),
                t.joint() == null ? "FAILED: " + t.error() : fmt(t.joint(), c.jointInterval()),
                fmt(t.single(), c.singleInterval()), t.single() == null ? "—" : Integer.toString(t.singleSteps()),
                verdict(c), floorCell(o, t), mixCell(o.mixing().get(t.task().name()))});
        }
        for (Map.Entry<String, String> e : o.skipped().entrySet()) {
            rows.add(new String[] {e.getKey(), "—", "SKIPPED: " + e.getValue(), "—", "—", "not run", "—", "—"});
        }
        return rows;
    }

    private static final String[] HEADER = {"task", "metric", "joint model [95% interval]",
        "single-task model [95% interval]", "single-task steps", "joint vs single", "floor",
        "weights: sample / loss · gradient norm"};

    private static String mixCell(JointDemo.TaskMix m) {
        return m == null ? "—" : String.format(Locale.ROOT, "%.2f / %.2f · %.3f", m.sampleWeight(), m.lossWeight(),
                m.gradientNorm());
    }

    private static String intro(JointDemo.Outcome o, double seconds) {
        String run = String.format(Locale.ROOT, "Mode **%s**, seed %d, total %.0f s. One %s backbone (%d layers, "
                + "width %d, context %d, vocabulary %d over %d tasks) trained %d steps in %.0f s (%,d tokens/s); data "
                + "and tokenizers prepared in %.0f s.", o.settings().quick() ? "quick" : "full", o.settings().seed(),
                seconds, o.model().architecture(), o.model().layers(), o.model().dModel(), o.model().contextLength(),
                o.model().vocabSize(), o.tasks().size(), o.steps(), o.trainSeconds(), Math.round(o.tokensPerSecond()),
                o.prepareSeconds());
        String baselines = o.settings().baselines() ? String.format(Locale.ROOT, " Single-task models of the same "
                + "size, each trained on as many examples of its task as the joint model saw (the same budget), took "
                + "%.0f s.", o.baselineSeconds()) : " **Single-task baselines were not run in this mode** (use the full "
                + "demo); the quick demo trains fewer tasks for fewer steps than the full one.";
        String balance = JointDemo.BALANCED_GRADIENTS ? " Each step's gradient is balanced before the shared AdamW "
                + "update: divided by the running mean of its task's gradient norms and scaled by the task's loss "
                + "weight (last column: the weights, then the mean norm before balancing)." : "";
        String intervals = " Intervals are 95% bootstrap intervals over each task's evaluation set"
                + (o.settings().baselines() ? "; \"within 5%\" is judged on the interval of the joint model's "
                + "shortfall against the single-task model (a paired bootstrap over the same items), so a task can "
                + "read \"can't tell\"" : "") + ". They do not cover the spread between training seeds.";
        return run + baselines + balance + intervals;
    }

    private static List<Path> images(JointDemo.TaskOutcome t, boolean single) {
        List<Path> p = new ArrayList<>();
        TaskScore s = single ? t.single() : t.joint();
        Path dir = single ? t.singleDir() : t.jointDir();
        if (s == null || dir == null) {
            return p;
        }
        for (String f : s.files()) {
            Path file = dir.resolve(f);
            if (f.toLowerCase(Locale.ROOT).endsWith(".png") && Files.isRegularFile(file)) {
                p.add(file);
            }
        }
        return p;
    }

    private static String markdown(JointDemo.Outcome o, double seconds) {
        Path out = o.settings().outDir();
        StringBuilder sb = new StringBuilder("# Tessera demo: one model, every modality\n\n");
        sb.append(intro(o, seconds)).append("\n\n## Scores\n\n| ").append(String.join(" | ", HEADER)).append(" |\n|");
        sb.append("---|".repeat(HEADER.length)).append('\n');
        for (String[] r : rows(o)) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        sb.append("\n## Training curves\n\n![curves](").append(out.relativize(o.curvesPng())).append(")\n");
        sb.append(NextSteps.markdown(o));
        for (JointDemo.TaskOutcome t : o.tasks()) {
            if (t.joint() == null) {
                continue;
            }
            sb.append("\n## ").append(t.task().name()).append("\n\n");
            sb.append(String.format(Locale.ROOT, "%s = **%.4f** (joint)%s.%n", t.joint().metric(), t.joint().score(),
                    t.single() == null ? "" : String.format(Locale.ROOT, ", %.4f (single task)", t.single().score())));
            for (Map.Entry<String, Object> d : t.joint().details().entrySet()) {
                sb.append("- ").append(d.getKey()).append(": ").append(detail(d.getValue())).append('\n');
            }
            for (Path img : images(t, false)) {
                sb.append("\n![").append(t.task().name()).append("](").append(out.relativize(img)).append(")\n");
            }
        }
        return sb.toString();
    }

    private static String detail(Object v) {
        String s = v instanceof Double ? String.format(Locale.ROOT, "%.4f", (Double) v) : String.valueOf(v);
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    /** Escapes text for HTML (element content and quoted attributes). */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String inline(Path png) throws Exception {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png));
    }

    private static String html(JointDemo.Outcome o, double seconds) throws Exception {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Tessera demo</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}"
                + "th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}"
                + ".good{color:#176b2c}.bad{color:#a3201c}img{max-width:100%;border:1px solid #ddd;margin:.5em 0}"
                + "section{margin-top:2em}ul{font-size:.9em}pre{white-space:pre-wrap;background:#f6f6f6;padding:4px}</style></head><body>\n");
        sb.append("<h1>Tessera demo: one model, every modality</h1>\n<p>")
                .append(esc(intro(o, seconds)).replace("**", "")).append("</p>\n<h2>Scores</h2>\n<table><tr>");
        for (String h : HEADER) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (String[] r : rows(o)) {
            sb.append("<tr>");
            for (int i = 0; i < r.length; i++) {
                String cls = i >= 2 && i <= 4 || i == 7 ? " class=\"num\"" : i == 5 ? (r[5].startsWith("more than")
                        ? " class=\"bad\"" : r[5].startsWith("within") ? " class=\"good\"" : "")
                        : i == 6 ? (r[6].endsWith("✘") ? " class=\"bad\"" : r[6].endsWith("✔") ? " class=\"good\"" : "")
                        : "";
                sb.append("<td").append(cls).append('>').append(esc(r[i])).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<h2>Training curves</h2>\n<img alt=\"curves\" src=\"").append(inline(o.curvesPng()))
                .append("\">\n");
        sb.append(NextSteps.html(o));
        for (JointDemo.TaskOutcome t : o.tasks()) {
            if (t.joint() == null) {
                continue;
            }
            sb.append("<section><h2>").append(esc(t.task().name())).append("</h2><p>")
                    .append(esc(t.joint().metric())).append(" = <b>")
                    .append(String.format(Locale.ROOT, "%.4f", t.joint().score())).append("</b> (joint)");
            if (t.single() != null) {
                sb.append(String.format(Locale.ROOT, ", %.4f (single task)", t.single().score()));
            }
            sb.append("</p><ul>");
            for (Map.Entry<String, Object> d : t.joint().details().entrySet()) {
                sb.append("<li>").append(esc(d.getKey())).append(": ").append(esc(detail(d.getValue()))).append("</li>");
            }
            sb.append("</ul>\n");
            for (Path img : images(t, false)) {
                sb.append("<img alt=\"").append(esc(t.task().name())).append("\" src=\"").append(inline(img)).append("\">\n");
            }
            sb.append("</section>\n");
        }
        return sb.append("</body></html>\n").toString();
    }
}
