package dev.tessera.samples.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.bundle.Provenance;
import dev.tessera.core.model.Architecture;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.MetricsLog;
import dev.tessera.core.train.ProgressBar;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.train.TrainingResult;
import dev.tessera.text.modality.ByteText;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** Trains a byte-level language model on a text file and saves it as a bundle. */
public final class ByteLmTrainer {
    private ByteLmTrainer() { }

    /**
     * Settings.
     *
     * @param data the text file
     * @param model the model's shape (vocabulary 256; its context is the training window)
     * @param batch windows per step
     * @param steps optimizer steps
     * @param learningRate peak learning rate
     * @param seed the seed
     * @param out where to save the bundle (null: do not save)
     * @param metricsLog JSON-lines log (null: none)
     * @param checkpoints where and how often to checkpoint, and whether to resume ({@link Checkpoints#NONE}: never)
     */
    public record Options(Path data, ModelConfig model, int batch, int steps, double learningRate, long seed, Path out,
            Path metricsLog, Checkpoints checkpoints) {
        /** Validates the fields. */
        public Options {
            if (model.vocabSize() != 256) {
                throw new IllegalArgumentException("a byte model has 256 ids, the config has " + model.vocabSize());
            }
            if (batch < 1 || steps < 1) {
                throw new IllegalArgumentException("batch (" + batch + ") and steps (" + steps + ") must be >= 1");
            }
            java.util.Objects.requireNonNull(checkpoints, "checkpoints");
        }

        /**
         * Settings without checkpoints.
         *
         * @param data the text file
         * @param model the model's shape
         * @param batch windows per step
         * @param steps optimizer steps
         * @param learningRate peak learning rate
         * @param seed the seed
         * @param out where to save the bundle (null: do not save)
         * @param metricsLog JSON-lines log (null: none)
         */
        public Options(Path data, ModelConfig model, int batch, int steps, double learningRate, long seed, Path out,
                Path metricsLog) {
            this(data, model, batch, steps, learningRate, seed, out, metricsLog, Checkpoints.NONE);
        }

        /**
         * The byte model's config of a block style and shape.
         *
         * @param architecture block style
         * @param context context length
         * @param layers blocks
         * @param heads heads
         * @param dModel width
         * @return the config (vocabulary 256)
         */
        public static ModelConfig byteModel(Architecture architecture, int context, int layers, int heads, int dModel) {
            return architecture == Architecture.GPT2 ? ModelConfig.gpt2(256, context, layers, heads, dModel)
                    : ModelConfig.modern(256, context, layers, heads, dModel);
        }
    }

    /**
     * What a run measured.
     *
     * @param valLossNats mean validation cross-entropy (nats per byte)
     * @param valBpc validation bits per byte
     * @param trainLoss mean training loss of the last 20 steps
     * @param trainTokensPerSecond training throughput
     * @param trainSeconds training time
     * @param parameters model size
     * @param fileBytes size of the text
     */
    public record Result(double valLossNats, double valBpc, double trainLoss, double trainTokensPerSecond,
            double trainSeconds, long parameters, long fileBytes) { }

    /**
     * Trains, evaluates and (optionally) saves.
     *
     * <p>With checkpoints, the run writes one atomically every {@code checkpoints.every()} steps and at the
     * end; a resumed run first checks that the checkpoint belongs to the same run (model, schedule, seed, batch
     * and the data file's SHA-256) and then continues where it stopped, ending with the weights an
     * uninterrupted run ends with, bit for bit (each step's batch depends only on the seed and the step).
     *
     * @param o the settings
     * @param log progress stream
     * @param listeners further listeners of the training loop (progress, tests)
     * @return the result
     * @throws Exception on failure
     */
    public static Result run(Options o, PrintStream log, TrainingListener... listeners) throws Exception {
        int context = o.model().contextLength();
        ByteCorpus corpus = ByteCorpus.read(o.data(), context);
        VocabularyLayout layout = VocabularyLayout.plain("text", 256);
        Checkpoints cp = o.checkpoints();
        TrainingConfig tc = TrainingConfig.reference(o.steps(), o.learningRate(), o.seed());
        try (DecoderModel model = DecoderModel.create(o.model(), o.seed(), Device.cpu());
                TokenLoss loss = new TokenLoss(layout, model.manager());
                NDManager scratch = model.manager().newSubManager();
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            loop.tokensPerStep((long) o.batch() * context)
                    .identity("data_sha256", Provenance.sha256(o.data()))
                    .identity("batch", Integer.toString(o.batch()));
            if (loop.checkpoints(cp)) {
                log.printf("train-text: resumed from %s at step %d of %d%n", cp.resumeFrom(), loop.startStep(), o.steps());
            }
            loop.listener(new ProgressBar(log, "train-text"));
            if (o.metricsLog() != null) {
                loop.listener(new MetricsLog(o.metricsLog(), 10));
            }
            for (TrainingListener l : listeners) {
                loop.listener(l);
            }
            TrainingResult tr = loop.run((step, micro) -> {
                SplittableRandom rng = new SplittableRandom(o.seed() * 1_000_003L + step);
                return loss.loss(model, TokenBatch.shifted(corpus.sample(rng, o.batch(), context), null), scratch);
            });
            double val = validationLoss(model, loss, corpus, context, o.batch(), scratch);
            if (o.out() != null) {
                Provenance p = Provenance.begin("tessera train-text").withSeed(o.seed()).withSteps(o.steps())
                        .withData(o.data().getFileName().toString(), Provenance.sha256(o.data()))
                        .withMetric("val_bpc", val / Math.log(2));
                ModelBundle.of(model, layout, List.of(ByteText.modality()), p.toMetadata()).save(o.out());
            }
            long bytes = corpus.train().length + corpus.valid().length;
            return new Result(val, val / Math.log(2), tr.finalLoss(), tr.tokensPerSecond(), tr.seconds(),
                    model.parameterCount(), bytes);
        }
    }

        /**
     * Mean cross-entropy over the validation windows.
     *
     * @param model the model
     * @param loss the token loss
     * @param corpus the corpus
     * @param context window length
     * @param batch windows per forward pass
     * @param scratch manager for temporaries
     * @return nats per byte
     */
    public static double validationLoss(DecoderModel model, TokenLoss loss, ByteCorpus corpus, int context, int batch,
            NDManager scratch) {
        int[][] windows = corpus.validationWindows(context);
        double total = 0;
        long count = 0;
        for (int s = 0; s < windows.length; s += batch) {
            int m = Math.min(batch, windows.length - s);
            int[][] chunk = java.util.Arrays.copyOfRange(windows, s, s + m);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                double mean = loss.loss(model, TokenBatch.shifted(chunk, null), scratch).getFloat();
                total += mean * m * context;
                count += (long) m * context;
            }
        }
        return total / count;
    }
}
