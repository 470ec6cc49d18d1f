package dev.tessera.samples.joint;

import ai.djl.Device;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.bundle.Provenance;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.DataUnavailableException;
import dev.tessera.core.task.MultiTaskTrainer;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.task.WeightedTask;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.TrainingConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one backbone on every task at once, scores each task, trains a single-task model of the same size
 * on as many examples of each task as the joint model saw, for comparison, and returns the results for the report.
 */
public final class JointDemo {

    /**
     * Settings of a run.
     *
     * @param quick the small-budget run (smaller evaluations, no single-task baselines unless asked)
     * @param seed the seed
     * @param outDir the output folder
     * @param cacheDir where tokenizers and data sets are cached between runs
     * @param steps joint training steps (the default: two machines train the same model), or 0 when
     *     {@code trainSeconds} sets the budget
     * @param trainSeconds a wall-clock budget of the joint training instead of a step count (it trains until the
     *     budget is spent, the learning-rate schedule following the clock), or 0; each single-task model then
     *     trains on as many examples of its task as the joint model saw
     * @param baselines whether to train the single-task models
     * @param only task names to keep, or null for all
     * @param backbone the shared backbone's size and learning rate (every model of the run uses it)
     * @param home the project folder ({@code data/} below it holds the fetched data sets)
     * @param checkpoints the joint run's checkpoints: where and how often, and what to resume from
     *     ({@link MultiTaskTrainer#train(List, VocabularyLayout, MultiTaskTrainer.Options, PrintStream, String,
     *     Checkpoints, dev.tessera.core.train.TrainingListener...)}); a resumed demo gives the model and scores of
     *     an uninterrupted one
     */
    public record Settings(boolean quick, long seed, Path outDir, Path cacheDir, int steps, double trainSeconds,
            boolean baselines, List<String> only, Backbone backbone, Path home, Checkpoints checkpoints) {
        /** Validates the budget: exactly one of steps and seconds. */
        public Settings {
            if (steps < 0 || !(trainSeconds >= 0) || Double.isInfinite(trainSeconds) || (steps > 0) == (trainSeconds > 0)) {
                throw new IllegalArgumentException("give either steps (" + steps + ") or train seconds (" + trainSeconds
                        + "), one of them > 0 and the other 0");
            }
            java.util.Objects.requireNonNull(backbone, "backbone");
            java.util.Objects.requireNonNull(home, "home");
            java.util.Objects.requireNonNull(checkpoints, "checkpoints");
        }

        /**
         * Settings whose joint run writes no checkpoint.
         *
         * @param quick the quick demo
         * @param seed the seed
         * @param outDir where results go
         * @param cacheDir where prepared data is cached
         * @param steps joint steps (or 0 with a time budget)
         * @param trainSeconds the joint run's time budget (or 0 with steps)
         * @param baselines whether single-task baselines are trained
         * @param only the tasks to run (null: the mode's mixture)
         * @param backbone the backbone
         * @param home the project folder (data sets are found and fetched there)
         */
        public Settings(boolean quick, long seed, Path outDir, Path cacheDir, int steps, double trainSeconds,
                boolean baselines, List<String> only, Backbone backbone, Path home) {
            this(quick, seed, outDir, cacheDir, steps, trainSeconds, baselines, only, backbone, home, Checkpoints.NONE);
        }
    }

    /**
     * The backbone every model of the demo shares.
     *
     * @param model the backbone's architecture, depth, heads and width (its vocabulary and context are set from
     *     the mixture's layout when training starts)
     * @param learningRate peak learning rate (warm-up, then cosine to a tenth)
     */
    public record Backbone(ModelConfig model, double learningRate) {
        /** Validates the learning rate. */
        public Backbone {
            java.util.Objects.requireNonNull(model, "model");
            if (!(learningRate > 0 && Double.isFinite(learningRate))) {
                throw new IllegalArgumentException("learning rate " + learningRate + " must be a positive number");
            }
        }

        /**
         * The demo's default: GPT-2 blocks, 2 layers, 4 heads, width 64, peak learning rate 3e-3. Measured on the
         * full demo (2 cores): 2 layers of width 64 trained 2,172 steps in 111 s and scored better on 8 of 9 tasks
         * than 4 layers of width 128 trained 1,411 steps in 292 s (arithmetic was near 0 for both); at a
         * 15-minute budget, examples seen matter more than width.
         *
         * @return the backbone
         */
        public static Backbone standard() {
            return new Backbone(ModelConfig.gpt2(2, 2, 2, 4, 64), 3e-3);
        }
    }

    /**
     * One task's outcome.
     *
     * @param task the task
     * @param joint the joint model's score, or null if its evaluation failed
     * @param single the single-task model's score, or null if not run (or failed)
     * @param singleSteps steps the single-task model trained
     * @param jointDir the folder with the joint evaluation's files
     * @param singleDir the folder with the single-task evaluation's files
     * @param error why an evaluation failed, or null
     */
    public record TaskOutcome(Task task, TaskScore joint, TaskScore single, int singleSteps, Path jointDir,
            Path singleDir, String error) {

        /** @return the comparison of the joint score with the single-task one (intervals included) */
        public TaskComparison comparison() {
            return TaskComparison.of(joint, single, COMPARISON_SEED);
        }
    }

    /**
     * How a task took part in the joint run.
     *
     * @param sampleWeight its share of the steps (relative to the other tasks')
     * @param lossWeight its gradient's scale relative to the other tasks' (the gradients are balanced, see
     *     {@link MultiTaskTrainer.Options#balanceGradients})
     * @param gradientNorm the mean global norm of its steps' gradients before balancing and clipping
     */
    public record TaskMix(double sampleWeight, double lossWeight, double gradientNorm) { }

    /**
     * The whole run.
     *
     * @param settings the settings
     * @param model the backbone's config
     * @param steps joint training steps
     * @param trainSeconds joint training time
     * @param tokensPerSecond joint training throughput
     * @param curves the joint model's per-task curves
     * @param curvesPng the curves' plot
     * @param tasks per task outcome, in mixture order
     * @param mixing per task, its weights in the mixture and the mean norm of its gradients in the joint run
     * @param prepareSeconds time spent preparing data and tokenizers
     * @param baselineSeconds time spent on single-task models
     * @param bundle the saved joint model
     * @param skipped tasks left out, with the reason (a data set that is not on this machine)
     */
    public record Outcome(Settings settings, ModelConfig model, long steps, double trainSeconds, double tokensPerSecond,
            Map<String, List<double[]>> curves, Path curvesPng, List<TaskOutcome> tasks, Map<String, TaskMix> mixing,
            double prepareSeconds, double baselineSeconds, Path bundle, Map<String, String> skipped) {

        /** @return whether every task that ran was evaluated (no evaluation failed) */
        public boolean allEvaluated() {
            return tasks.stream().allMatch(t -> t.error() == null);
        }
    }

    private JointDemo() { }

    /**
     * Writes {@code metrics.json}, {@code report.md} and {@code report.html} into the output folder.
     *
     * @param o the outcome
     * @param seconds the demo's wall time
     * @throws Exception if a file cannot be written
     */
    public static void writeReport(Outcome o, double seconds) throws Exception {
        JointReport.write(o, seconds);
    }

    /**
     * The commands to try the trained model with, for the terminal.
     *
     * @param o the outcome
     * @return the text (empty when no task with a command ran)
     */
    public static String nextSteps(Outcome o) {
        return NextSteps.text(o);
    }

    /** Steps of warm-up of the joint run, whose length is set by time. */
    private static final int JOINT_WARMUP = 100;
    /** Steps between two points of the joint run's curves. */
    private static final int JOINT_CURVE_EVERY = 250;
    private static final int TOKENS_PER_STEP = 2048;
    /**
     * Whether every model of the demo balances its tasks' gradients ({@link MultiTaskTrainer.Options#balanceGradients}):
     * the forecasting tasks' gradients are ~20x smaller than the token tasks', and without balancing the joint
     * series forecast stayed 4-7% behind its single-task model over six full runs.
     */
    static final boolean BALANCED_GRADIENTS = true;
    private static final int CURVE_EXAMPLES = 24;
    /** Seed of the bootstrap resampling behind the report's intervals. */
    static final long COMPARISON_SEED = 20261201L;

    /** A run of exactly {@code steps} steps (the single-task baselines). */
    private static MultiTaskTrainer.Options options(Backbone b, long seed, int steps) {
        return new MultiTaskTrainer.Options(b.model(),
                schedule(b, seed, steps, Math.max(1, steps / 20), Math.max(1, steps / 25)), TOKENS_PER_STEP,
                CURVE_EXAMPLES, Device.cpu()).withBalancedGradients(BALANCED_GRADIENTS);
    }

    /**
     * The joint run: {@code s.steps()} steps, or as many as fit in {@code s.trainSeconds()} (the schedule then
     * follows the clock).
     */
    private static MultiTaskTrainer.Options jointOptions(Settings s) {
        int steps = s.steps() > 0 ? s.steps() : Integer.MAX_VALUE;
        int warmup = s.steps() > 0 ? Math.min(JOINT_WARMUP, Math.max(1, s.steps() / 20)) : JOINT_WARMUP;
        return new MultiTaskTrainer.Options(s.backbone().model(),
                schedule(s.backbone(), s.seed(), steps, warmup, JOINT_CURVE_EVERY), TOKENS_PER_STEP, CURVE_EXAMPLES,
                Device.cpu(), s.trainSeconds()).withBalancedGradients(BALANCED_GRADIENTS);
    }

    /** AdamW (weight decay 0.1, betas 0.9 / 0.99), clip 1.0, cosine from the backbone's rate to a tenth of it. */
    private static TrainingConfig schedule(Backbone b, long seed, int steps, int warmup, int evalEvery) {
        return new TrainingConfig(steps, b.learningRate(), b.learningRate() / 10, warmup, 0.1, 0.9, 0.99, 1e-8, 1.0, 1,
                evalEvery, 0, seed);
    }

    /**
     * Runs the demo. A task whose data set is not on this machine ({@link DataUnavailableException} from its
     * preparation) is left out and named in {@link Outcome#skipped}; a task whose evaluation fails is reported
     * with its error and the others go on, so no training is thrown away.
     *
     * @param s the settings
     * @param log progress
     * @return the outcome
     * @throws Exception if training fails, or no task can run
     */
    public static Outcome run(Settings s, PrintStream log) throws Exception {
        List<WeightedTask> mixture = new ArrayList<>(JointTasks.mixture(s.quick(), s.only(), s.home()));
        Map<String, String> skipped = new LinkedHashMap<>();
        long p0 = System.nanoTime();
        for (java.util.Iterator<WeightedTask> it = mixture.iterator(); it.hasNext();) {
            WeightedTask w = it.next();
            long t0 = System.nanoTime();
            Path dir = s.outDir().resolve("tasks").resolve(w.task().name());
            Files.createDirectories(dir);
            try {
                w.task().prepare(context(s, dir, log));
                log.printf("prepared %s in %.1f s%n", w.task().name(), (System.nanoTime() - t0) / 1e9);
            } catch (DataUnavailableException e) {
                skipped.put(w.task().name(), e.getMessage());
                log.printf("skipping %s: %s%n", w.task().name(), e.getMessage());
                it.remove();
            }
        }
        if (mixture.isEmpty()) {
            throw new IllegalStateException("no task can run: " + skipped);
        }
        double prepareSeconds = (System.nanoTime() - p0) / 1e9;
        VocabularyLayout layout = MultiTaskTrainer.layoutFor(mixture.stream().map(WeightedTask::task).toList());
        log.printf("joint model: %d tasks, layout %s, training for %s%n", mixture.size(), layout.modalities(),
                s.steps() > 0 ? s.steps() + " steps" : String.format(java.util.Locale.ROOT, "%.0f s", s.trainSeconds()));
        List<TaskOutcome> outcomes = new ArrayList<>();
        Outcome partial;
        Map<String, Integer> singleSteps = new LinkedHashMap<>();
        Path bundle = s.outDir().resolve("joint.tessera");
        try (MultiTaskTrainer.Result joint = MultiTaskTrainer.train(mixture, layout, jointOptions(s), log, "joint",
                s.checkpoints())) {
            mixture.forEach(w -> singleSteps.put(w.task().name(), MultiTaskTrainer.singleTaskSteps(joint, w.task())));
            Path png = s.outDir().resolve("curves-joint.png");
            CurvePlot.write(joint.curves(), "Joint model: held-back loss per task", png);
            ModelBundle.of(joint.model(), layout, modalities(mixture, layout), provenance(s, mixture, joint))
                    .save(bundle);
            NextSteps.writeExamples(s.outDir(), s.seed());
            for (WeightedTask w : mixture) {
                Path dir = s.outDir().resolve("tasks").resolve(w.task().name());
                Evaluation e = evaluate(w.task(), joint.model(), layout, context(s, dir, log), "joint");
                outcomes.add(new TaskOutcome(w.task(), e.score(), null, 0, dir, null, e.error()));
            }
            Map<String, TaskMix> mixing = new LinkedHashMap<>();
            mixture.forEach(w -> mixing.put(w.task().name(), new TaskMix(w.sampleWeight(), w.lossWeight(),
                    joint.gradientNorms().get(w.task().name()))));
            partial = new Outcome(s, joint.model().config(), joint.training().steps(), joint.training().seconds(),
                    joint.training().tokensPerSecond(), joint.curves(), png, outcomes, mixing, prepareSeconds, 0,
                    bundle, skipped);
        }
        if (!s.baselines()) {
            return partial;
        }
        long b0 = System.nanoTime();
        List<TaskOutcome> withBaselines = new ArrayList<>();
        for (int i = 0; i < mixture.size(); i++) {
            WeightedTask w = mixture.get(i);
            int single = singleSteps.get(w.task().name());
            Path dir = s.outDir().resolve("single").resolve(w.task().name());
            Files.createDirectories(dir);
            try (MultiTaskTrainer.Result r = MultiTaskTrainer.train(List.of(WeightedTask.of(w.task())), layout,
                    options(s.backbone(), s.seed(), single), log, "single " + w.task().name())) {
                Evaluation e = evaluate(w.task(), r.model(), layout, context(s, dir, log), "single");
                TaskOutcome o = outcomes.get(i);
                String error = o.error() != null ? o.error() : e.error() != null ? "single-task model: " + e.error() : null;
                withBaselines.add(new TaskOutcome(o.task(), o.joint(), e.score(), single, o.jointDir(), dir, error));
            }
        }
        return new Outcome(s, partial.model(), partial.steps(), partial.trainSeconds(), partial.tokensPerSecond(),
                partial.curves(), partial.curvesPng(), withBaselines, partial.mixing(), prepareSeconds,
                (System.nanoTime() - b0) / 1e9, bundle, skipped);
    }

    private static TaskContext context(Settings s, Path dir, PrintStream log) {
        return new TaskContext(dir, s.cacheDir(), s.quick(), s.seed(), log);
    }

    /** A score, or why there is none. */
    private record Evaluation(TaskScore score, String error) { }

    /** Scores a task; a failure is logged and kept as the outcome's error instead of ending the demo. */
    private static Evaluation evaluate(Task task, DecoderModel model, VocabularyLayout layout, TaskContext c,
            String which) {
        long t0 = System.nanoTime();
        try {
            TaskScore score = task.evaluate(model, layout, c);
            c.log().printf("%s %s: %s = %.4f (%.1f s)%n", which, task.name(), score.metric(), score.score(),
                    (System.nanoTime() - t0) / 1e9);
            return new Evaluation(score, null);
        } catch (Exception | StackOverflowError e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            c.log().printf("%s %s: evaluation FAILED (%s); the other tasks go on%n", which, task.name(), why);
            return new Evaluation(null, why);
        }
    }

    /**
     * Every modality the tasks are written in, one per name (the first task's), so the saved model can be
     * used afterwards: its prompts framed and its outputs decoded.
     */
    static List<Modality<?>> modalities(List<WeightedTask> mixture, VocabularyLayout layout) {
        Map<String, Modality<?>> byName = new LinkedHashMap<>();
        for (WeightedTask w : mixture) {
            for (Modality<?> m : w.task().modalities()) {
                Modality<?> before = byName.putIfAbsent(m.name(), m);
                if (before != null && (before.vocabularySize() != m.vocabularySize()
                        || !before.providerName().equals(m.providerName()))) {
                    throw new IllegalStateException("tasks disagree on modality '" + m.name() + "': "
                            + before.providerName() + " with " + before.vocabularySize() + " tokens vs "
                            + m.providerName() + " with " + m.vocabularySize() + " (task " + w.task().name() + ")");
                }
            }
        }
        byName.keySet().retainAll(layout.modalities());
        return List.copyOf(byName.values());
    }

    /** What the bundle records of how it was made. */
    private static Map<String, String> provenance(Settings s, List<WeightedTask> mixture, MultiTaskTrainer.Result r) {
        Provenance p = Provenance.begin("tessera demo" + (s.quick() ? " --quick" : "")).withSeed(s.seed())
                .withSteps(r.training().steps());
        Map<String, String> meta = new LinkedHashMap<>(p.toMetadata());
        meta.put("tasks", String.join(",", mixture.stream().map(w -> w.task().name() + ":" + w.sampleWeight()).toList()));
        return meta;
    }
}
