package dev.tessera.samples.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.tessera.core.io.ModelBundle;
import dev.tessera.core.model.Architecture;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.MetricsLog;
import dev.tessera.core.train.ProgressBar;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.train.TrainingResult;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TextModality;
import dev.tessera.text.chars.ByteTokenizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Trains a byte-level language model on a text file and saves it as a bundle. */
public final class ByteLmTrainer {
    private ByteLmTrainer() { }

    /**
     * Settings.
     *
     * @param data the text file
     * @param architecture block style
     * @param layers blocks
     * @param heads heads
     * @param dModel width
     * @param context context length
     * @param batch windows per step
     * @param steps optimizer steps
     * @param learningRate peak learning rate
     * @param seed the seed
     * @param out where to save the bundle (null: do not save)
     * @param metricsLog JSON-lines log (null: none)
     */
    public record Options(Path data, Architecture architecture, int layers, int heads, int dModel, int context,
            int batch, int steps, double learningRate, long seed, Path out, Path metricsLog) { }

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
     * @param o the settings
     * @param log progress stream
     * @return the result
     * @throws Exception on failure
     */
    public static Result run(Options o, PrintStream log) throws Exception {
        ByteCorpus corpus = ByteCorpus.read(o.data(), o.context());
        ModelConfig mc = o.architecture() == Architecture.GPT2
                ? ModelConfig.gpt2(256, o.context(), o.layers(), o.heads(), o.dModel())
                : ModelConfig.modern(256, o.context(), o.layers(), o.heads(), o.dModel());
        VocabularyLayout layout = VocabularyLayout.plain("text", 256);
        TrainingConfig tc = TrainingConfig.reference(o.steps(), o.learningRate(), o.seed());
        try (DecoderModel model = DecoderModel.create(mc, o.seed(), Device.cpu());
                TokenLoss loss = new TokenLoss(layout, model.manager());
                NDManager scratch = model.manager().newSubManager();
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            loop.tokensPerStep((long) o.batch() * o.context()).listener(new ProgressBar(log, "train-text"));
            if (o.metricsLog() != null) {
                loop.listener(new MetricsLog(o.metricsLog(), 10));
            }
            TrainingResult tr = loop.run((step, micro) -> {
                SplittableRandom rng = new SplittableRandom(o.seed() * 1_000_003L + step);
                return loss.loss(model, TokenBatch.shifted(corpus.sample(rng, o.batch(), o.context()), null), scratch);
            });
            double val = validationLoss(model, loss, corpus, o.context(), o.batch(), scratch);
            if (o.out() != null) {
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("trained_on", o.data().getFileName().toString());
                meta.put("steps", Integer.toString(o.steps()));
                meta.put("val_bpc", Double.toString(val / Math.log(2)));
                meta.put("seed", Long.toString(o.seed()));
                TextModality text = TextModality.of("text", new ByteTokenizer(SurrogatePolicy.REJECT));
                ModelBundle.of(model, layout, List.of(text), meta).save(o.out());
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
