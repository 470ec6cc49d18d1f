package dev.tessera.core.train;

import dev.tessera.core.model.Trainable;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Json;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Tensor;
import dev.tessera.core.util.NativeArrays;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model-agnostic training loop (minGPT's {@code Trainer} in spirit): for each step it sums the
 * gradients of {@code accumulationSteps} micro-batches, optionally rescales them ({@link GradientScale}), clips
 * their global norm, and applies
 * {@link AdamW} at the {@link LearningRateSchedule}'s rate. Every step's temporaries live in an
 * {@link NDScope} that is closed, so native memory stays flat.
 *
 * <p>Checkpoints hold the weights, the optimizer moments and the step, so
 * {@link #resume(Path)} continues the same schedule and, with a deterministic {@link StepLoss},
 * the same batches.
 *
 * <pre>{@code
 * // given: DecoderModel model, StepLoss loss
 * TrainingLoop loop = new TrainingLoop(model, TrainingConfig.reference(1000, 1e-3, 42))
 *         .tokensPerStep(32 * 128)
 *         .listener(new ProgressBar(System.err, "train"));
 * TrainingResult r = loop.run(loss);   // loss: the step's scalar loss with its graph
 * }</pre>
 */
public final class TrainingLoop implements AutoCloseable {
    /** Checkpoint format version written in the metadata. */
    public static final int CHECKPOINT_VERSION = 2;

    private final Trainable model;
    private final Map<String, String> identity = new LinkedHashMap<>();
    private final TrainingConfig config;
    private final AdamW optimizer;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Evaluator evaluator;
    private GradientScale gradientScale;
    private Path checkpointPath;
    private int checkpointEvery;
    private RunState runState;
    private long tokensPerStep;
    private double timeBudgetSeconds;
    private long startStep;
    private long skippedSteps;
    /** The losses of the last {@value #RECENT} steps (checkpointed, so a resumed run reports the same mean). */
    private final Deque<Double> recent = new ArrayDeque<>();
    private static final int RECENT = 20;
    private int skippedInARow;
    /** Consecutive non-finite gradients tolerated before the run is declared diverged. */
    static final int MAX_SKIPPED_IN_A_ROW = 3;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingLoop.class);

    /** Computes evaluation metrics of the current model. */
    @FunctionalInterface
    public interface Evaluator {
        /**
         * Evaluates the model.
         *
         * @param step the step after which it runs
         * @return named metrics
         */
        Map<String, Double> evaluate(long step);
    }

    /**
     * Rescales a step's summed gradient before it is clipped and applied: a multi-task trainer uses it to
     * bring tasks whose gradients differ in scale by an order of magnitude to one scale, so that they share
     * AdamW's moment estimates on equal terms.
     */
    @FunctionalInterface
    public interface GradientScale {
        /**
         * The factor for one step's gradient.
         *
         * @param step the step
         * @param norm the global norm of the step's gradient (finite), before any scaling or clipping
         * @return a finite factor {@code > 0}; the scaled gradient is then clipped to {@code gradClip}
         */
        double factor(long step, double norm);
    }

    /**
     * Creates a loop over every parameter of the model (turning their gradients on).
     *
     * @param model the parameters to train
     * @param config the hyper-parameters
     */
    public TrainingLoop(Trainable model, TrainingConfig config) {
        this.model = model;
        this.config = config;
        this.checkpointEvery = config.checkpointEvery();
        for (NDArray p : model.parameters().values()) {
            if (!p.hasGradient()) {
                p.setRequiresGradient(true);
            }
        }
        this.optimizer = new AdamW(model.parameters(), config, model.manager());
    }

    /**
     * Adds a listener.
     *
     * @param l the listener
     * @return this loop
     */
    public TrainingLoop listener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /**
     * Sets the evaluator run every {@code evalEvery} steps and at the end.
     *
     * @param e the evaluator
     * @return this loop
     */
    public TrainingLoop evaluator(Evaluator e) {
        this.evaluator = e;
        return this;
    }

    /**
     * Sets a rescaling of each step's gradient, applied before clipping (none by default).
     *
     * @param s the rescaling, or null for none
     * @return this loop
     */
    public TrainingLoop gradientScale(GradientScale s) {
        this.gradientScale = s;
        return this;
    }

    /**
     * State of a run beyond the weights and the optimizer that a checkpoint must carry so that a resumed run
     * continues the same run (a trainer's per-task statistics, say).
     */
    public interface RunState {
        /** @return the state as named strings (written into every checkpoint) */
        Map<String, String> save();

        /**
         * Restores the state saved by {@link #save}; called by {@link #resume} after every other check passed.
         * An implementation checks everything before it changes anything.
         *
         * @param saved what {@link #save} returned when the checkpoint was written
         * @param source the checkpoint's name, for messages
         * @throws CorruptFileException if an entry is missing or malformed (the message names it)
         */
        void restore(Map<String, String> saved, String source) throws CorruptFileException;
    }

    /**
     * Adds state of the run's own to every checkpoint (see {@link RunState}).
     *
     * @param state the state
     * @return this loop
     */
    public TrainingLoop runState(RunState state) {
        this.runState = state;
        return this;
    }

    /**
     * Sets where checkpoints go (every {@code checkpointEvery} steps and at the end).
     *
     * @param path the checkpoint file (replaced atomically each time)
     * @return this loop
     */
    public TrainingLoop checkpointTo(Path path) {
        this.checkpointPath = path;
        return this;
    }

    /**
     * Applies a run's checkpoint settings: records their {@link Checkpoints#identity} facts, sends checkpoints
     * to their file and, when they name one, resumes from it ({@link #resume}). Call it after every other
     * {@link #identity} and the {@link #runState} are set, since the resume checks them. A checkpoint is written
     * every {@code cp.every()} steps (instead of the {@link TrainingConfig}'s {@code checkpointEvery}) and at the
     * end.
     *
     * @param cp the settings
     * @return whether the run was resumed
     * @throws IOException if the checkpoint to resume from is unreadable or corrupt
     * @throws IllegalArgumentException if it belongs to another model, schedule or run
     */
    public boolean checkpoints(Checkpoints cp) throws IOException {
        cp.identity().forEach(this::identity);
        if (cp.file() != null) {
            checkpointTo(cp.file());
            checkpointEvery = cp.every();
        }
        if (cp.resumeFrom() == null) {
            return false;
        }
        resume(cp.resumeFrom());
        return true;
    }

    /**
     * Records a fact about the run that a checkpoint must share to be resumed (the data file's digest, the
     * batch size...): it is written into every checkpoint, and {@link #resume} refuses a checkpoint whose
     * value differs or is missing.
     *
     * @param key a name (letters, digits, {@code _} and {@code .})
     * @param value the value
     * @return this loop
     */
    public TrainingLoop identity(String key, String value) {
        if (!key.matches("[A-Za-z0-9_.]+")) {
            throw new IllegalArgumentException("identity key '" + key + "' must be letters, digits, '_' or '.'");
        }
        identity.put(key, java.util.Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Sets the number of tokens in one step (all micro-batches), for the tokens/s figure.
     *
     * @param n tokens per step
     * @return this loop
     */
    public TrainingLoop tokensPerStep(long n) {
        this.tokensPerStep = n;
        return this;
    }

    /**
     * Gives the run a wall-clock budget: it ends after the first step that finishes past the budget
     * (or at {@code config.steps()}, whichever comes first), with the learning-rate cosine following
     * the time spent ({@link LearningRateSchedule#at(long, double, TrainingConfig)}), the last
     * evaluation and checkpoint taken then. Reproducible step counts need a step budget; this is for
     * "train as much as this machine can in N seconds".
     *
     * @param seconds the budget, or 0 for none
     * @return this loop
     */
    public TrainingLoop timeBudget(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("time budget (" + seconds + " s) must be finite and >= 0");
        }
        this.timeBudgetSeconds = seconds;
        return this;
    }

    /** @return the step the next {@link #run} starts from */
    public long startStep() {
        return startStep;
    }

    /**
     * Runs the remaining steps. A step whose gradient is not finite (while its loss is) is skipped
     * with a warning and its gradients cleared, as mixed-precision loss scalers do; more than
     * {@value #MAX_SKIPPED_IN_A_ROW} such steps in a row end the run.
     *
     * @param loss computes the loss of a micro-batch
     * @return the run's summary
     * @throws TrainingDivergedException if the loss is not finite, or the gradient norm is not finite for
     *     more than {@value #MAX_SKIPPED_IN_A_ROW} steps in a row
     * @throws IOException if a checkpoint cannot be written
     */
    public TrainingResult run(StepLoss loss) throws IOException {
        long t0 = System.nanoTime();
        Deque<Double> recent = this.recent;
        Map<String, Double> lastEval = Map.of();
        int acc = config.accumulationSteps();
        long done = 0;
        long end = config.steps();
        try {
            for (long step = startStep; step < end; step++) {
                double spent = (System.nanoTime() - t0) / 1e9;
                double lr = timeBudgetSeconds > 0 ? LearningRateSchedule.at(step, spent / timeBudgetSeconds, config)
                        : LearningRateSchedule.at(step, config);
                double lossSum = 0;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    for (int micro = 0; micro < acc; micro++) {
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            NDArray l = loss.loss(step, micro);
                            float lv = l.getFloat();
                            if (!Float.isFinite(lv)) {
                                throw new TrainingDivergedException(step, "loss is " + lv);
                            }
                            gc.backward(acc > 1 ? l.div(NativeArrays.scalar(l.getManager(), acc)) : l);
                            lossSum += lv;
                        }
                    }
                }
                double norm = gradientNorm();
                if (!Double.isFinite(norm)) {
                    String where = "gradient norm is " + norm + " (first non-finite: " + firstNonFiniteGradient() + ")";
                    skippedSteps++;
                    if (++skippedInARow > MAX_SKIPPED_IN_A_ROW) {
                        throw new TrainingDivergedException(step, where + ", " + skippedInARow + " steps in a row");
                    }
                    LOG.warn("step {}: {}; the update is skipped ({} skipped so far)", step, where, skippedSteps);
                    clearGradients();
                    continue;
                }
                skippedInARow = 0;
                double scale = 1.0;
                if (gradientScale != null) {
                    scale = gradientScale.factor(step, norm);
                    if (!(scale > 0) || Double.isInfinite(scale)) {
                        throw new IllegalStateException("step " + step + ": the gradient scale is " + scale
                                + " for a gradient of norm " + norm + "; it must be finite and > 0");
                    }
                }
                double scaled = norm * scale;
                if (config.gradClip() > 0 && scaled > config.gradClip()) {
                    scale *= config.gradClip() / (scaled + 1e-6);
                }
                optimizer.step(lr, scale);
                model.weightsChanged();
                done++;
                double stepLoss = lossSum / acc;
                recent.addLast(stepLoss);
                if (recent.size() > RECENT) {
                    recent.removeFirst();
                }
                double elapsed = (System.nanoTime() - t0) / 1e9;
                boolean outOfTime = timeBudgetSeconds > 0 && elapsed >= timeBudgetSeconds;
                if (outOfTime) {
                    end = step + 1;
                }
                long expected = timeBudgetSeconds > 0 && !outOfTime
                        ? Math.min(end, step + 1 + Math.round(done * (timeBudgetSeconds - elapsed) / elapsed)) : end;
                StepMetrics m = new StepMetrics(step, expected, stepLoss, lr, norm,
                        tokensPerStep * done / Math.max(elapsed, 1e-9), elapsed);
                for (TrainingListener li : listeners) {
                    li.onStep(m);
                }
                boolean last = step + 1 == end;
                if (evaluator != null && (last || (config.evalEvery() > 0 && (step + 1) % config.evalEvery() == 0))) {
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        lastEval = evaluator.evaluate(step);
                    }
                    for (TrainingListener li : listeners) {
                        li.onEval(step, lastEval);
                    }
                }
                if (checkpointPath != null && (last || (checkpointEvery > 0
                        && (step + 1) % checkpointEvery == 0))) {
                    saveCheckpoint(checkpointPath, step + 1);
                    for (TrainingListener li : listeners) {
                        li.onCheckpoint(step + 1, checkpointPath);
                    }
                }
            }
        } finally {
            for (TrainingListener li : listeners) {
                li.onEnd();
            }
        }
        startStep = end;
        double seconds = (System.nanoTime() - t0) / 1e9;
        double finalLoss = recent.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new TrainingResult(done, finalLoss, seconds, tokensPerStep * done / Math.max(seconds, 1e-9), lastEval);
    }

    /** @return updates skipped so far because a gradient was not finite (see {@link #run}) */
    public long skippedSteps() {
        return skippedSteps;
    }

    private void clearGradients() {
        for (NDArray p : model.parameters().values()) {
            p.getGradient().set(new NDIndex("..."), 0f); // g * 0 would keep inf as NaN
        }
    }

    private double gradientNorm() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList squares = new NDList();
            for (NDArray p : model.parameters().values()) {
                NDArray g = p.getGradient();
                squares.add(g.square().sum());
            }
            return Math.sqrt(NDArrays.stack(squares).sum().getFloat());
        }
    }

    private String firstNonFiniteGradient() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                float v = e.getValue().getGradient().square().sum().getFloat();
                if (!Float.isFinite(v)) {
                    return e.getKey();
                }
            }
            return "none";
        }
    }

    /**
     * Writes a checkpoint atomically: weights, optimizer state, the next step, the losses behind
     * {@link TrainingResult#finalLoss}, the skip counters, the configs and the {@link #identity} facts.
     *
     * @param path the file
     * @param nextStep the step a resumed run starts from
     * @throws IOException on failure
     */
    public void saveCheckpoint(Path path, long nextStep) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.parameters().forEach((k, a) -> tensors.put("model." + k, Tensor.of(a)));
        optimizer.state().forEach((k, t) -> tensors.put("optim." + k, t));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "tessera-checkpoint");
        meta.put("format_version", Integer.toString(CHECKPOINT_VERSION));
        meta.put("step", Long.toString(nextStep));
        meta.put("training_config", Json.COMPACT.toJson(config));
        meta.put("model", model.describe());
        meta.put("recent_losses", Json.COMPACT.toJson(recent));
        meta.put("skipped_steps", Long.toString(skippedSteps));
        meta.put("skipped_in_a_row", Integer.toString(skippedInARow));
        identity.forEach((k, v) -> meta.put("run." + k, v));
        if (runState != null) {
            runState.save().forEach((k, v) -> meta.put("state." + k, v));
        }
        Safetensors.write(path, tensors, meta);
    }

    /**
     * Restores weights, optimizer state, step and loss history from a checkpoint of the same model, schedule
     * and {@link #identity}. Everything is checked first (format, version, configs, identity, step range,
     * every tensor's presence, dtype, shape and finiteness, no unknown tensors); nothing is changed unless all
     * of it passes.
     *
     * @param path the checkpoint
     * @throws IOException if the file is unreadable or corrupt ({@link CorruptFileException} naming the entry)
     * @throws IllegalArgumentException if it belongs to another model, schedule or run
     */
    public void resume(Path path) throws IOException {
        String src = path.toString();
        Safetensors.Content c = Safetensors.readFully(path);
        Map<String, String> meta = c.metadata();
        Checkpoints.checkMetadata(src, meta, identity);
        if (!model.describe().equals(meta.getOrDefault("model", ""))) {
            throw new IllegalArgumentException(src + ": checkpoint is for model " + meta.get("model")
                    + ", this model is " + model.describe());
        }
        TrainingConfig tc = parse(src, meta, "training_config", TrainingConfig.class);
        // the evaluation and checkpoint intervals may change between the two parts of a run; nothing else may
        if (!tc.withEvalEvery(0).withCheckpointEvery(0).equals(config.withEvalEvery(0).withCheckpointEvery(0))) {
            throw new IllegalArgumentException(src + ": checkpoint training config " + tc + " differs from this run's "
                    + config + "; a resumed run must continue the same run");
        }
        long step = parseLong(src, meta, "step");
        if (step < 1 || step > config.steps()) {
            throw new CorruptFileException(src, "step " + step + " is outside 1.." + config.steps());
        }
        long skipped = parseLong(src, meta, "skipped_steps");
        long inARow = parseLong(src, meta, "skipped_in_a_row");
        double[] losses = parse(src, meta, "recent_losses", double[].class);
        if (skipped < 0 || inARow < 0 || inARow > MAX_SKIPPED_IN_A_ROW || losses.length > RECENT) {
            throw new CorruptFileException(src, "skip counters (" + skipped + ", " + inARow + ") or loss history ("
                    + losses.length + " values) out of range");
        }
        int optimizerTensors = 1 + 2 * model.parameters().size();
        long optimizerSeen = 0;
        for (String k : c.tensors().keySet()) {
            if (k.startsWith("optim.")) {
                optimizerSeen++;
            } else if (!k.startsWith("model.") || !model.parameters().containsKey(k.substring(6))) {
                throw new CorruptFileException(src, "unexpected tensor '" + k + "': the model has no such parameter");
            }
        }
        StateCheck.requireLike(src, model.parameters(), c.tensors(), "model.");
        optimizer.check(c.tensors(), "optim.", src);
        if (optimizerSeen != optimizerTensors) {
            throw new CorruptFileException(src, optimizerSeen + " optimizer tensors, expected " + optimizerTensors
                    + " (m and v of each parameter, and t)");
        }
        if (runState != null) {
            Map<String, String> saved = new LinkedHashMap<>();
            meta.forEach((k, v) -> {
                if (k.startsWith("state.")) {
                    saved.put(k.substring("state.".length()), v);
                }
            });
            runState.restore(saved, src);
        }
        // every check passed: now overwrite
        model.parameters().forEach((k, a) -> NativeArrays.copyInto(a, c.tensors().get("model." + k).floats()));
        model.weightsChanged();
        optimizer.load(c.tensors(), "optim.", src);
        recent.clear();
        for (double l : losses) {
            recent.addLast(l);
        }
        skippedSteps = skipped;
        skippedInARow = (int) inARow;
        startStep = step;
    }

    private static <T> T parse(String src, Map<String, String> meta, String key, Class<T> type)
            throws CorruptFileException {
        String v = meta.get(key);
        try {
            T t = v == null ? null : Json.GSON.fromJson(v, type);
            if (t == null) {
                throw new CorruptFileException(src, "metadata lacks '" + key + "'");
            }
            return t;
        } catch (RuntimeException e) {
            throw new CorruptFileException(src, "metadata '" + key + "' is not a valid " + type.getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    private static long parseLong(String src, Map<String, String> meta, String key) throws CorruptFileException {
        String v = meta.get(key);
        try {
            return Long.parseLong(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new CorruptFileException(src, "metadata '" + key + "' is " + (v == null ? "missing" : "'" + v + "'")
                    + ", expected an integer");
        }
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
