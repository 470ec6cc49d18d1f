package dev.tessera.cli;

import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.samples.demo.DemoData;
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
                + "single-task models; writes out/demo/report.md, report.html and metrics.json. The joint run's "
                + "checkpoint is <out>/joint.ckpt.")
public final class DemoCommand implements Callable<Integer> {

    /** Joint steps of the quick demo: about 70 s of training on 2 cores (2,048 tokens a step). */
    static final int QUICK_STEPS = 1800;
    /** Joint steps of the full demo (its single-task baselines train as many again). */
    static final int FULL_STEPS = 6000;

    @Option(names = "--quick", description = "The short demo (under 2 minutes on 2 cores): fewer tasks and steps, "
            + "no single-task baselines.")
    boolean quick;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "demo");

    @Option(names = "--cache", description = "Cache of tokenizers and data sets (default: ${DEFAULT-VALUE}).")
    Path cache = Path.of("out", "cache");

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--steps", description = "Joint training steps (default: " + QUICK_STEPS + " quick, " + FULL_STEPS + " full; each single-task "
            + "baseline then trains on as many examples of its task as the joint model saw).")
    Integer steps;

    @Option(names = "--train-seconds", description = "A wall-clock budget for the joint training instead of a step "
            + "count (the learning-rate schedule follows the clock; two machines then train different models).")
    Double trainSeconds;

    @Option(names = "--baselines", negatable = true,
            description = "Train the single-task models (default: on in the full run, off with --quick).")
    Boolean baselines;

    @Option(names = "--only", split = ",", description = "Run only these tasks (by name).")
    List<String> only;

    @Option(names = "--layers", description = "Backbone blocks (default: ${DEFAULT-VALUE}).")
    int layers = JointDemo.Backbone.standard().model().layers();

    @Option(names = "--heads", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads = JointDemo.Backbone.standard().model().heads();

    @Option(names = "--width", description = "Backbone width d_model (default: ${DEFAULT-VALUE}).")
    int width = JointDemo.Backbone.standard().model().dModel();

    @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr = JointDemo.Backbone.standard().learningRate();

    @Option(names = "--arch", description = "Backbone blocks: gpt2 or modern (default: gpt2).")
    String arch = "gpt2";

    @picocli.CommandLine.Mixin
    CheckpointOptions checkpointing;

    /** The joint run's checkpoints: {@code <out>/joint.ckpt} unless {@code --checkpoint} names another file. */
    private Checkpoints checkpoints(Path dir) throws java.io.IOException {
        if (checkpointing.requested() && trainSeconds != null) {
            throw new IllegalArgumentException("--checkpoint-every, --checkpoint and --resume need a step budget, not "
                    + "--train-seconds");
        }
        return checkpointing.checkpoints(dir.resolve("joint.ckpt"));
    }

    /** The backbone of the flags (vocabulary and context come from the mixture's layout). */
    private ModelConfig backbone() {
        return BackboneOptions.shape(Architectures.parse(arch), layers, heads, width, "--width");
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path dir = out.toAbsolutePath();
        Path home = Path.of(System.getProperty("tessera.home", "")).toAbsolutePath().normalize();
        if (!quick && (only == null || only.contains("molecule"))) { // the quick demo has no molecule task
            DemoData.ensure(home, List.of(DemoData.MOLECULES), System.err);
        }
        JointDemo.Settings s = new JointDemo.Settings(quick, seed, dir, cache.toAbsolutePath(),
                trainSeconds != null ? 0 : steps != null ? steps : quick ? QUICK_STEPS : FULL_STEPS,
                trainSeconds != null ? trainSeconds : 0, baselines != null ? baselines : !quick, only,
                new JointDemo.Backbone(backbone(), lr), home, checkpoints(dir));
        java.nio.file.Files.createDirectories(dir);
        JointDemo.Outcome o = JointDemo.run(s, System.err);
        double seconds = (System.nanoTime() - t0) / 1e9;
        JointDemo.writeReport(o, seconds);
        System.out.printf("demo finished in %.1f s; report: %s (and report.html), metrics: %s%n", seconds,
                out.resolve("report.md"), out.resolve("metrics.json"));
        o.skipped().forEach((task, why) -> System.out.println("skipped " + task + ": " + why));
        o.tasks().stream().filter(t -> t.error() != null)
                .forEach(t -> System.out.println("FAILED " + t.task().name() + ": " + t.error()));
        System.out.print(JointDemo.nextSteps(o));
        return o.allEvaluated() ? 0 : 1;
    }
}
