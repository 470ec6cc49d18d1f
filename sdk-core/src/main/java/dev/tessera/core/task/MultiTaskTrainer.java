package dev.tessera.core.task;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Json;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.ProgressBar;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.train.TrainingResult;
import dev.tessera.core.util.NativeArrays;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains one {@link DecoderModel} on a weighted mixture of {@link Task}s: the layout is the union of the
 * tasks' modalities; each step draws one task (by {@link WeightedTask#sampleWeight}) and a batch of its
 * examples holding about {@code tokensPerStep} ids (short tasks get more examples, so no step is mostly
 * padding; the size comes from the task's longest held-back example, see {@link Options#batchFor}), pads
 * them to one length with zero-weight EOS, scales their loss weights by
 * {@link WeightedTask#lossWeight} and takes an AdamW step of the core {@link TrainingLoop}. A
 * {@link CustomLossTask} (continuous inputs or outputs) gets its parameters registered in the new backbone
 * and computes the loss of its own steps. Every {@code evalEvery} steps it records each task's loss on a
 * fixed held-back batch: the per-task training curves.
 *
 * <p>Training a mixture of one task gives the single-task baseline of the same size: call
 * {@link #train} with the same options and {@link #singleTaskSteps} steps (as many examples of the task
 * as the mixture run gave it).
 */
public final class MultiTaskTrainer {

    /**
     * Settings of a run.
     *
     * @param model the backbone shape; its vocabulary size and context length are replaced by the
     *     mixture's layout size and longest example
     * @param training optimiser, schedule and step count ({@code evalEvery} sets the curve resolution)
     * @param tokensPerStep ids per step; a task's batch is {@link #batchFor} its longest held-back example
     * @param curveExamples examples per task in the fixed batch behind each curve point
     * @param device where the model lives
     * @param timeBudgetSeconds a wall-clock budget ({@link TrainingLoop#timeBudget}: the run ends when it is
     *     spent, the schedule follows the time), or 0 to run exactly {@code training.steps()} steps
     * @param balanceGradients whether each task's gradient is divided by the running mean of its norms before
     *     clipping ({@link TaskGradientBalance}), so tasks whose gradients differ in scale share AdamW's moments
     *     on the terms their {@link WeightedTask#lossWeight}s set (the heaviest task's gradient is brought to the
     *     clipping norm, a task of half its weight to half that); needs {@code accumulationSteps == 1} (one task
     *     per step)
     */
    public record Options(ModelConfig model, TrainingConfig training, int tokensPerStep, int curveExamples,
            Device device, double timeBudgetSeconds, boolean balanceGradients) {
        /** Validates the fields. */
        public Options {
            if (tokensPerStep < 1 || curveExamples < 1) {
                throw new IllegalArgumentException("tokensPerStep (" + tokensPerStep + ") and curveExamples ("
                        + curveExamples + ") must be >= 1");
            }
            if (!(timeBudgetSeconds >= 0) || Double.isInfinite(timeBudgetSeconds)) {
                throw new IllegalArgumentException("timeBudgetSeconds (" + timeBudgetSeconds + ") must be finite and >= 0");
            }
            if (balanceGradients && training.accumulationSteps() != 1) {
                throw new IllegalArgumentException("balanceGradients needs one task per step, so accumulationSteps 1 (got "
                        + training.accumulationSteps() + ")");
            }
        }

        /**
         * Options without gradient balancing.
         *
         * @param model the backbone shape
         * @param training optimiser, schedule and step count
         * @param tokensPerStep ids per step
         * @param curveExamples examples per task behind each curve point
         * @param device where the model lives
         * @param timeBudgetSeconds a wall-clock budget, or 0 to run exactly {@code training.steps()} steps
         */
        public Options(ModelConfig model, TrainingConfig training, int tokensPerStep, int curveExamples, Device device,
                double timeBudgetSeconds) {
            this(model, training, tokensPerStep, curveExamples, device, timeBudgetSeconds, false);
        }

        /**
         * Options that run exactly {@code training.steps()} steps.
         *
         * @param model the backbone shape
         * @param training optimiser, schedule and step count
         * @param tokensPerStep ids per step
         * @param curveExamples examples per task behind each curve point
         * @param device where the model lives
         */
        public Options(ModelConfig model, TrainingConfig training, int tokensPerStep, int curveExamples, Device device) {
            this(model, training, tokensPerStep, curveExamples, device, 0, false);
        }

        /**
         * The same options with gradient balancing switched on or off.
         *
         * @param on whether each task's gradient is brought to one scale
         * @return the options
         */
        public Options withBalancedGradients(boolean on) {
            return new Options(model, training, tokensPerStep, curveExamples, device, timeBudgetSeconds, on);
        }

        /**
         * The examples in one step of a task: {@code max(1, tokensPerStep / length)}.
         *
         * @param typicalLength the length the batch is sized for; {@link #train} uses the longest of the task's
         *     held-back examples (a high percentile of its lengths), not {@link Task#maxLength()}, so a task whose
         *     longest example is three times its usual one does not fill a third of each step
         * @return the examples per step
         */
        public int batchFor(int typicalLength) {
            return Math.max(1, tokensPerStep / Math.max(1, typicalLength));
        }

        /**
         * The same options with another step count (the schedule's warm-up scales along).
         *
         * @param steps the new number of steps
         * @return the options
         */
        public Options withSteps(int steps) {
            TrainingConfig t = training;
            int warm = (int) Math.min(steps / 2, Math.round((double) t.warmupSteps() * steps / t.steps()));
            return new Options(model, new TrainingConfig(steps, t.learningRate(), t.minLearningRate(), warm,
                    t.weightDecay(), t.beta1(), t.beta2(), t.epsilon(), t.gradClip(), t.accumulationSteps(),
                    t.evalEvery(), t.checkpointEvery(), t.seed()), tokensPerStep, curveExamples, device, 0, balanceGradients);
        }
    }

    /**
     * A trained model with its layout and curves; closing it closes the model.
     *
     * @param model the trained model
     * @param layout the mixture's layout
     * @param training the loop's summary
     * @param curves per task, points {@code (step, loss)} of its held-back batch
     * @param examplesPerTask how many training examples each task contributed
     * @param stepsPerTask how many steps each task had
     * @param gradientNorms per task, the mean global norm of its steps' gradients before any rescaling or
     *     clipping (NaN for a task that had no step, and for every task when a step accumulates several
     *     micro-batches, which may be of different tasks)
     */
    public record Result(DecoderModel model, VocabularyLayout layout, TrainingResult training,
            Map<String, List<double[]>> curves, Map<String, Long> examplesPerTask, Map<String, Long> stepsPerTask,
            Map<String, Double> gradientNorms) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    private MultiTaskTrainer() { }

    /**
     * The framed layout holding every task's modalities (sorted by name, so it does not depend on the
     * order of the tasks).
     *
     * @param tasks the tasks
     * @return the layout
     * @throws IllegalArgumentException if two tasks give one modality different vocabulary sizes
     */
    public static VocabularyLayout layoutFor(Collection<Task> tasks) {
        Map<String, Integer> sizes = new TreeMap<>();
        Map<String, String> owner = new TreeMap<>();
        for (Task t : tasks) {
            for (Map.Entry<String, Integer> e : t.vocabularies().entrySet()) {
                Integer before = sizes.putIfAbsent(e.getKey(), e.getValue());
                if (before != null && !before.equals(e.getValue())) {
                    throw new IllegalArgumentException("modality '" + e.getKey() + "' has " + before + " tokens in task '"
                            + owner.get(e.getKey()) + "' but " + e.getValue() + " in task '" + t.name() + "'");
                }
                owner.putIfAbsent(e.getKey(), t.name());
            }
        }
        return VocabularyLayout.framed(new LinkedHashMap<>(sizes));
    }

    /**
     * The steps a single-task model needs to see as many examples of a task as a mixture run gave it (the
     * same budget, counted after the fact: with a time budget the mixture's step count is not known in
     * advance). With the same options the single-task run sizes its batches as the mixture did (from the
     * same held-back examples), so it needs the steps the task had in the mixture.
     *
     * @param mixture the mixture run
     * @param task the task
     * @return the steps (at least 1)
     * @throws IllegalArgumentException if the run has no count for the task
     */
    public static int singleTaskSteps(Result mixture, Task task) {
        Long n = mixture.stepsPerTask().get(task.name());
        if (n == null) {
            throw new IllegalArgumentException("task '" + task.name() + "' was not in the mixture run: "
                    + mixture.stepsPerTask().keySet());
        }
        return (int) Math.max(1, n);
    }

    /**
     * Trains a model on the mixture.
     *
     * @param tasks the mixture (already {@link Task#prepare prepared})
     * @param layout the layout (usually {@link #layoutFor} of the whole mixture, so single-task baselines
     *     share the joint model's shape)
     * @param o the settings
     * @param log progress
     * @param label name on the progress bar
     * @return the trained model with its curves
     * @throws IOException if a checkpoint cannot be written
     */
    public static Result train(List<WeightedTask> tasks, VocabularyLayout layout, Options o, PrintStream log,
            String label) throws IOException {
        return train(tasks, layout, o, log, label, Checkpoints.NONE);
    }

    /**
     * As {@link #train(List, VocabularyLayout, Options, PrintStream, String)}, surviving a kill: the run writes a
     * checkpoint atomically every {@code checkpoints.every()} steps and at the end (weights, optimizer, step, the
     * gradient balance's statistics, the per-task step counts and the curves), and a run given
     * {@code checkpoints.resumeFrom()} continues from one. Every step's examples depend only on the seed and the
     * step, so a resumed run gives the weights of an uninterrupted one. Needs a step budget (no time budget).
     *
     * @param tasks the mixture
     * @param layout the shared layout
     * @param o the settings
     * @param log where progress goes
     * @param label the progress bar's label
     * @param checkpoints where and how often to checkpoint, and what to resume from
     * @param listeners more listeners of the training loop (besides the progress bar)
     * @return the trained model and its curves
     * @throws IOException if a checkpoint cannot be written or read
     * @throws IllegalArgumentException if the checkpoint belongs to another run (mixture, model, schedule)
     */
    public static Result train(List<WeightedTask> tasks, VocabularyLayout layout, Options o, PrintStream log,
            String label, Checkpoints checkpoints, TrainingListener... listeners) throws IOException {
        if (checkpoints.active() && o.timeBudgetSeconds() > 0) {
            throw new IllegalArgumentException("checkpoints need a step budget: a time-budgeted run cannot be resumed "
                    + "to the same result");
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("the mixture has no task");
        }
        int ctx = 2;
        for (WeightedTask w : tasks) {
            for (String m : w.task().vocabularies().keySet()) {
                if (!layout.has(m)) {
                    throw new IllegalArgumentException("task '" + w.task().name() + "' needs modality '" + m
                            + "', the layout has " + layout.modalities());
                }
            }
            // a token task feeds maxLength - 1 ids (the last is only a target); a custom task may feed all
            ctx = Math.max(ctx, w.task().maxLength() + (w.task() instanceof CustomLossTask ? 1 : 0));
        }
        ModelConfig mc = o.model().withVocabSize(layout.size()).withContextLength(ctx - 1);
        double[] cumulative = new double[tasks.size()];
        double sum = 0;
        for (int i = 0; i < tasks.size(); i++) {
            sum += tasks.get(i).sampleWeight();
            cumulative[i] = sum;
        }
        long seed = o.training().seed();
        Map<String, TokenBatch> heldBack = new LinkedHashMap<>();
        Map<String, Task> byName = new LinkedHashMap<>();
        int[] batch = new int[tasks.size()];
        for (int k = 0; k < tasks.size(); k++) {
            WeightedTask w = tasks.get(k);
            SplittableRandom r = heldBackRandom(seed, w.task());
            List<TaskExample> ex = new ArrayList<>();
            int longest = 0;
            for (int i = 0; i < o.curveExamples(); i++) {
                TaskExample e = checked(w.task(), w.task().sample(layout, r), ctx);
                ex.add(e);
                longest = Math.max(longest, e.length());
            }
            heldBack.put(w.task().name(), TaskExample.batch(ex, 1, layout.eos()));
            byName.put(w.task().name(), w.task());
            batch[k] = o.batchFor(longest);
        }
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        long[] stepCounts = new long[tasks.size()];
        tasks.forEach(w -> curves.put(w.task().name(), new ArrayList<>()));
        final double total = sum;
        final int context = ctx;
        DecoderModel model = DecoderModel.create(mc, seed, o.device());
        for (WeightedTask w : tasks) {
            if (w.task() instanceof CustomLossTask c) {
                c.addParameters(model, seed ^ w.task().name().hashCode());
            }
        }
        try (TokenLoss loss = new TokenLoss(layout, model.manager());
                NDManager scratch = model.manager().newSubManager();
                TrainingLoop loop = new TrainingLoop(model, o.training())) {
            TaskGradientBalance balance = new TaskGradientBalance(o.balanceGradients(),
                    TaskGradientBalance.targets(tasks, o.training().gradClip() > 0 ? o.training().gradClip() : 1.0));
            if (o.training().accumulationSteps() == 1) {
                loop.gradientScale(balance);
            }
            loop.listener(new ProgressBar(log, label)).tokensPerStep(o.tokensPerStep()).timeBudget(o.timeBudgetSeconds())
                    .evaluator(step -> {
                Map<String, Double> m = new LinkedHashMap<>();
                for (Task task : byName.values()) {
                    String name = task.name();
                    try (NDManager s = model.manager().newSubManager()) {
                        NDArray l = task instanceof CustomLossTask c
                                ? customLoss(c, model, layout, o.curveExamples(), heldBackRandom(seed, c), s)
                                : loss.loss(model, heldBack.get(name), s);
                        double v = l.getFloat();
                        curves.get(name).add(new double[] {step + 1, v});
                        m.put("loss_" + name, v);
                    }
                }
                return m;
            });
            loop.identity("mixture", String.join(",", tasks.stream().map(w -> w.task().name() + ":"
                    + w.sampleWeight() + ":" + w.lossWeight()).toList()))
                    .identity("tokens_per_step", Integer.toString(o.tokensPerStep()))
                    .identity("balanced_gradients", Boolean.toString(o.balanceGradients()))
                    .runState(new TrainingLoop.RunState() {
                        @Override
                        public Map<String, String> save() {
                            Map<String, String> m = new LinkedHashMap<>(balance.state());
                            m.put("step_counts", Json.COMPACT.toJson(stepCounts));
                            m.put("curves", Json.COMPACT.toJson(curves));
                            return m;
                        }

                        @Override
                        public void restore(Map<String, String> saved, String source) throws CorruptFileException {
                            long[] counts;
                            Map<String, List<double[]>> c;
                            try {
                                counts = Json.GSON.fromJson(saved.get("step_counts"), long[].class);
                                c = Json.GSON.fromJson(saved.get("curves"),
                                        new com.google.gson.reflect.TypeToken<Map<String, List<double[]>>>() { }.getType());
                            } catch (RuntimeException e) {
                                counts = null;
                                c = null;
                            }
                            if (counts == null || counts.length != stepCounts.length || c == null
                                    || !c.keySet().equals(curves.keySet())) {
                                throw new CorruptFileException(source, "state 'step_counts' or 'curves' is missing or "
                                        + "does not fit this mixture");
                            }
                            balance.restore(saved, source);
                            System.arraycopy(counts, 0, stepCounts, 0, counts.length);
                            final Map<String, List<double[]>> restored = c;
                            curves.forEach((k, v) -> {
                                v.clear();
                                v.addAll(restored.get(k));
                            });
                        }
                    });
            for (TrainingListener l : listeners) {
                loop.listener(l);
            }
            if (loop.checkpoints(checkpoints)) {
                log.printf("%s: resumed from %s at step %d of %d%n", label, checkpoints.resumeFrom(), loop.startStep(),
                        o.training().steps());
            }
            TrainingResult tr = loop.run((step, micro) -> {
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + step * 31L + micro);
                double u = r.nextDouble() * total;
                int k = 0;
                while (k < cumulative.length - 1 && u >= cumulative[k]) {
                    k++;
                }
                WeightedTask w = tasks.get(k);
                int n = batch[k];
                stepCounts[k]++;
                balance.stepOf(k);
                if (w.task() instanceof CustomLossTask c) {
                    NDArray l = customLoss(c, model, layout, n, r, scratch);
                    return l.mul(NativeArrays.scalar(l.getManager(), (float) w.lossWeight()));
                }
                List<TaskExample> ex = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ex.add(checked(w.task(), w.task().sample(layout, r), context));
                }
                return loss.loss(model, TaskExample.batch(ex, w.lossWeight(), layout.eos()), scratch);
            });
            Map<String, Long> steps = new LinkedHashMap<>();
            Map<String, Long> examples = new LinkedHashMap<>();
            Map<String, Double> norms = new LinkedHashMap<>();
            for (int k = 0; k < tasks.size(); k++) {
                steps.merge(tasks.get(k).task().name(), stepCounts[k], Long::sum);
                examples.merge(tasks.get(k).task().name(), stepCounts[k] * batch[k], Long::sum);
                norms.putIfAbsent(tasks.get(k).task().name(), balance.meanNorm(k));
            }
            return new Result(model, layout, tr, curves, examples, steps, norms);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The random source of a task's held-back examples (the same for every curve point). */
    private static SplittableRandom heldBackRandom(long seed, Task task) {
        return new SplittableRandom(seed ^ 0x5DEECE66DL ^ task.name().hashCode());
    }

    /** A custom task's loss, checked to be one finite number. */
    private static NDArray customLoss(CustomLossTask task, DecoderModel model, VocabularyLayout layout, int n,
            SplittableRandom r, NDManager manager) {
        NDArray l = task.loss(model, layout, n, r, manager);
        if (l.getShape().size() != 1) {
            throw new IllegalStateException("task '" + task.name() + "' returned a loss of shape " + l.getShape()
                    + "; it must be a scalar");
        }
        return l.reshape();
    }

    private static TaskExample checked(Task task, TaskExample e, int ctx) {
        if (e.length() > ctx) {
            throw new IllegalStateException("task '" + task.name() + "' returned an example of " + e.length()
                    + " ids; its maxLength() is " + task.maxLength());
        }
        return e;
    }
}
