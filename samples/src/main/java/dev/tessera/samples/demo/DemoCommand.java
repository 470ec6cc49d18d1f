package dev.tessera.samples.demo;

import dev.tessera.samples.cli.Architectures;
import dev.tessera.samples.joint.JointDemo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tessera demo}: the main job. One backbone is trained on a mixture of every modality's tasks,
 * each task is scored with its own metric (beside a single-task model of the same size and budget in the
 * full run), and {@code out/demo/metrics.json}, {@code report.md} and {@code report.html} are written.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job: one model trained on every modality's tasks at once, compared with "
                + "single-task models; writes out/demo/report.md, report.html and metrics.json.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "A small budget (under 3 minutes), no single-task baselines.")
    boolean quick;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "demo");

    @Option(names = "--cache", description = "Cache of tokenizers and data sets (default: ${DEFAULT-VALUE}).")
    Path cache = Path.of("out", "cache");

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--train-seconds", description = "Joint training budget in seconds (default: 90 quick, 360 full; each single-task baseline then trains on as many examples of its task, so the full demo takes about twice this plus evaluation).")
    Double trainSeconds;

    @Option(names = "--baselines", negatable = true,
            description = "Train the single-task models (default: on in the full run, off with --quick).")
    Boolean baselines;

    @Option(names = "--only", split = ",", description = "Run only these tasks (by name).")
    List<String> only;

    @Option(names = "--layers", description = "Backbone blocks (default: ${DEFAULT-VALUE}).")
    int layers = JointDemo.Backbone.standard().layers();

    @Option(names = "--heads", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads = JointDemo.Backbone.standard().heads();

    @Option(names = "--width", description = "Backbone width d_model (default: ${DEFAULT-VALUE}).")
    int width = JointDemo.Backbone.standard().dModel();

    @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr = JointDemo.Backbone.standard().learningRate();

    @Option(names = "--arch", description = "Backbone blocks: gpt2 or modern (default: gpt2).")
    String arch = "gpt2";

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path dir = out.toAbsolutePath();
        JointDemo.Settings s = new JointDemo.Settings(quick, seed, dir, cache.toAbsolutePath(),
                trainSeconds != null ? trainSeconds : quick ? 90 : 360, baselines != null ? baselines : !quick, only,
                new JointDemo.Backbone(layers, heads, width, lr, Architectures.parse(arch)));
        java.nio.file.Files.createDirectories(dir);
        JointDemo.Outcome o = JointDemo.run(s, System.err);
        double seconds = (System.nanoTime() - t0) / 1e9;
        dev.tessera.samples.joint.JointDemo.writeReport(o, seconds);
        System.out.printf("demo finished in %.1f s; report: %s (and report.html), metrics: %s%n", seconds,
                out.resolve("report.md"), out.resolve("metrics.json"));
        return 0;
    }
}
