package dev.tessera.molecule;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.bundle.Provenance;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.ProgressBar;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.train.TrainingResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trains a small GPT-2 style {@link DecoderModel} on the {@link MoleculeTask} alone (core
 * {@link TrainingLoop} + {@link TokenLoss}) and scores it with the task's own {@code evaluate}.
 */
public final class MoleculeTraining {
    private MoleculeTraining() { }

    /**
     * Settings of a run.
     *
     * @param task the task settings
     * @param model the backbone's architecture, depth, heads and width (its vocabulary and context are set from
     *     the task's layout)
     * @param batch examples per step
     * @param steps optimizer steps
     * @param learningRate peak learning rate (warm-up, cosine to a tenth)
     * @param seed the seed of initialisation, data order and sampling
     * @param quick whether the evaluation is the quick one
     * @param outDir where generated XYZ files go
     * @param extraTemperatures further sampling temperatures to evaluate the same model at (may be empty)
     * @param checkpoints where and how often the training checkpoints, and what it resumes from
     *     ({@link Checkpoints#NONE}: never); a resumed run ends with the weights of an uninterrupted one
     */
    public record Options(MoleculeTask.Options task, ModelConfig model, int batch, int steps,
            double learningRate, long seed, boolean quick, Path outDir, java.util.List<Double> extraTemperatures,
            Checkpoints checkpoints) {

        /**
         * Settings without checkpoints.
         *
         * @param task the task settings
         * @param model the backbone's shape
         * @param batch examples per step
         * @param steps optimizer steps
         * @param learningRate peak learning rate
         * @param seed the seed
         * @param quick whether the evaluation is the quick one
         * @param outDir where generated XYZ files go
         * @param extraTemperatures further sampling temperatures (may be empty)
         */
        public Options(MoleculeTask.Options task, ModelConfig model, int batch, int steps, double learningRate,
                long seed, boolean quick, Path outDir, java.util.List<Double> extraTemperatures) {
            this(task, model, batch, steps, learningRate, seed, quick, outDir, extraTemperatures, Checkpoints.NONE);
        }

        /** Validates the fields. */
        public Options {
            java.util.Objects.requireNonNull(model, "model");
            if (batch < 1 || steps < 1) {
                throw new IllegalArgumentException("batch (" + batch + ") and steps (" + steps + ") must be >= 1");
            }
            extraTemperatures = java.util.List.copyOf(extraTemperatures);
            java.util.Objects.requireNonNull(checkpoints, "checkpoints");
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learningRate (" + learningRate + ") must be > 0");
            }
        }
    }

    /**
     * The outcome of a run.
     *
     * @param score the task's evaluation
     * @param steps training steps run
     * @param trainLoss mean loss of the last steps
     * @param trainSeconds training time
     * @param parameters model size
     * @param molecules training molecules
     * @param classes classes
     * @param skipped molecules left out (too long for the context)
     * @param heavyAtomsMedian median heavy-atom count of all files
     * @param heavyAtomsP95 95th percentile
     * @param heavyAtomsMax largest
     * @param skippedFiles file to the reason it was left out
     * @param byTemperature the scores at the extra temperatures
     */
    public record Result(TaskScore score, long steps, double trainLoss, double trainSeconds, long parameters,
            int molecules, int classes, int skipped, int heavyAtomsMedian, int heavyAtomsP95, int heavyAtomsMax,
            java.util.Map<String, String> skippedFiles, java.util.Map<Double, TaskScore> byTemperature) { }

    /**
     * Prepares the task, trains and evaluates.
     *
     * @param o the settings
     * @param log where progress goes
     * @param listeners more listeners of the training loop
     * @return the result
     * @throws Exception if data, training or evaluation fails (IllegalArgumentException if the checkpoint to
     *     resume from belongs to another run)
     */
    public static Result run(Options o, PrintStream log, TrainingListener... listeners) throws Exception {
        MoleculeTask task = new MoleculeTask(o.task());
        TaskContext ctx = new TaskContext(o.outDir(), o.outDir().resolve("cache"), o.quick(), o.seed(), log);
        task.prepare(ctx);
        VocabularyLayout layout = VocabularyLayout.framed(task.vocabularies());
        ModelConfig mc = o.model().withVocabSize(layout.size()).withContextLength(task.maxLength());
        TrainingConfig tc = TrainingConfig.reference(o.steps(), o.learningRate(), o.seed());
        try (DecoderModel model = DecoderModel.create(mc, o.seed(), Device.cpu());
                TokenLoss loss = new TokenLoss(layout, model.manager());
                NDManager scratch = model.manager().newSubManager();
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            double meanLength = task.dataset().entries().stream()
                    .mapToInt(e -> MoleculeTask.example(layout, e).length() - 1).average().orElse(1);
            int[][] examples = task.dataset().entries().stream().map(e -> MoleculeTask.example(layout, e).ids())
                    .toArray(int[][]::new);
            loop.tokensPerStep(Math.round(o.batch() * meanLength))
                    .identity("batch", Integer.toString(o.batch()))
                    .identity("examples_sha256", Provenance.sha256(examples));
            for (TrainingListener l : listeners) {
                loop.listener(l);
            }
            if (loop.checkpoints(o.checkpoints())) {
                log.printf("molecule: resumed from %s at step %d of %d%n", o.checkpoints().resumeFrom(),
                        loop.startStep(), o.steps());
            }
            loop.listener(new ProgressBar(log, "molecule"));
            TrainingResult tr = loop.run((step, micro) -> {
                SplittableRandom rng = new SplittableRandom(o.seed() * 1_000_003L + step);
                return loss.loss(model, batch(task, layout, rng, o.batch()), scratch);
            });
            TaskScore score = task.evaluate(model, layout, ctx);
            java.util.Map<Double, TaskScore> more = new java.util.LinkedHashMap<>();
            for (double t : o.extraTemperatures()) {
                MoleculeTask other = new MoleculeTask(new MoleculeTask.Options(o.task().dataRoot(), o.task().tokenizer(),
                        o.task().samplesPerClassQuick(), o.task().samplesPerClassFull(), t, o.task().topP(), 0));
                other.prepare(new TaskContext(null, null, o.quick(), o.seed(), null));
                more.put(t, other.evaluate(model, layout, new TaskContext(null, null, o.quick(), o.seed(), null)));
            }
            MoleculeDataset ds = task.dataset();
            return new Result(score, tr.steps(), tr.finalLoss(), tr.seconds(), model.parameterCount(),
                    ds.entries().size(), task.classes().size(), task.skipped().size(), ds.heavyAtomPercentile(0.5),
                    ds.heavyAtomPercentile(0.95), ds.heavyAtomPercentile(1.0), task.skipped(), more);
        }
    }

    /**
     * Draws a batch of examples, right-padded with EOS at weight 0 to the longest one.
     *
     * @param task a prepared task
     * @param layout the layout
     * @param rng the random source
     * @param size examples in the batch
     * @return the batch
     */
    public static TokenBatch batch(MoleculeTask task, VocabularyLayout layout, SplittableRandom rng, int size) {
        TaskExample[] ex = new TaskExample[size];
        int len = 0;
        for (int i = 0; i < size; i++) {
            ex[i] = task.sample(layout, rng);
            len = Math.max(len, ex[i].length() - 1);
        }
        int[][] in = new int[size][len];
        int[][] tg = new int[size][len];
        float[][] w = new float[size][len];
        for (int i = 0; i < size; i++) {
            int[] ids = ex[i].ids();
            int n = ids.length - 1;
            Arrays.fill(in[i], layout.eos());
            Arrays.fill(tg[i], layout.eos());
            System.arraycopy(ids, 0, in[i], 0, n);
            System.arraycopy(ids, 1, tg[i], 0, n);
            System.arraycopy(ex[i].weights(), 0, w[i], 0, n);
        }
        return new TokenBatch(in, tg, w);
    }
}
