package dev.tessera.samples.arithmetic;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.ProgressBar;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.train.TrainingResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a small model from scratch on {@link AdditionProblems} (loss on the answer only) and
 * measures exact match on held-out problems with greedy decoding.
 */
public final class ArithmeticPipeline {
    private ArithmeticPipeline() { }

    /**
     * Settings of a run.
     *
     * @param problems the task
     * @param backbone the model's shape; its vocabulary size and context length are replaced by the task's
     * @param batch problems per step
     * @param steps the most training steps
     * @param learningRate peak learning rate
     * @param seed the seed
     * @param evalProblems held-out problems to score
     * @param evalEvery validate every this many steps (stop early at {@code stopAt})
     * @param stopAt validation exact match at which training stops early (&gt; 1 never stops)
     * @param budgetSeconds wall-clock budget for training; it stops at the first validation after it
     */
    public record Options(AdditionProblems problems, ModelConfig backbone, int batch, int steps, double learningRate, long seed, int evalProblems, int evalEvery, double stopAt,
            double budgetSeconds) {

        /** Validates the fields. */
        public Options {
            if (batch < 1 || steps < 1 || evalProblems < 1 || evalEvery < 1) {
                throw new IllegalArgumentException("batch, steps, evalProblems and evalEvery must be >= 1");
            }
        }

        /**
         * The demo's settings: 3-digit addition, 2 layers, d_model 64, lr 3e-3 (the calibration of
         * the issue), a 3,000-step schedule that validation usually ends well before.
         *
         * @param budgetSeconds wall-clock budget for training
         * @param seed the seed
         * @return the options
         */
        public static Options demo(double budgetSeconds, long seed) {
            return new Options(new AdditionProblems(3, 10), ModelConfig.gpt2(2, 2, 2, 4, 64), 256, 3000, 3e-3, seed,
                    1000, 50, 0.997, budgetSeconds);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param exactMatch fraction of held-out problems answered exactly
     * @param evaluated how many held-out problems were scored
     * @param steps training steps run
     * @param trainLoss final training loss
     * @param trainSeconds training time
     * @param parameters model size
     * @param examples a few prompts with the model's answers
     */
    public record Result(double exactMatch, int evaluated, long steps, double trainLoss, double trainSeconds,
            long parameters, List<String> examples) { }

    /**
     * Runs training and evaluation.
     *
     * @param o the settings
     * @param log where progress goes
     * @return the result
     * @throws Exception if training fails
     */
    public static Result run(Options o, PrintStream log) throws Exception {
        AdditionProblems task = o.problems();
        int vocab = AdditionProblems.ALPHABET.length();
        VocabularyLayout layout = VocabularyLayout.plain("arith", vocab);
        int ctx = task.exampleLength();
        ModelConfig mc = o.backbone().withVocabSize(vocab).withContextLength(ctx);
        TrainingConfig tc = new TrainingConfig(o.steps(), o.learningRate(), o.learningRate() / 10,
                Math.max(1, o.steps() / 20), 0.1, 0.9, 0.99, 1e-8, 1.0, 1, o.evalEvery(), 0, o.seed());
        try (DecoderModel model = DecoderModel.create(mc, o.seed(), Device.cpu());
                TokenLoss loss = new TokenLoss(layout, model.manager());
                NDManager scratch = model.manager().newSubManager();
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            Generator gen = new Generator(new DjlDecodeEngine(model), layout);
            int answerFrom = task.promptLength() - 1; // target index of the first answer character
            double[] validAcc = {0};
            long[] stoppedAt = {o.steps()};
            long start = System.nanoTime();
            loop.tokensPerStep((long) o.batch() * (ctx - 1))
                    .listener(new ProgressBar(log, "arithmetic"))
                    .evaluator(step -> {
                        double acc = exactMatch(gen, task, AdditionProblems.Split.VALID, 400, o.seed() + 7 + step, null);
                        validAcc[0] = acc;
                        if (acc >= o.stopAt() || (System.nanoTime() - start) / 1e9 > o.budgetSeconds()) {
                            stoppedAt[0] = step + 1;
                            throw new EarlyStop();
                        }
                        return Map.of("valid_exact_match", acc);
                    });
            TrainingResult tr;
            long t0 = System.nanoTime();
            double trainLoss;
            try {
                tr = loop.run((step, micro) -> {
                    SplittableRandom rng = new SplittableRandom(o.seed() * 1_000_003L + step);
                    int[][] seqs = new int[o.batch()][];
                    int[] from = new int[o.batch()];
                    for (int i = 0; i < o.batch(); i++) {
                        int[] ab = task.draw(rng, AdditionProblems.Split.TRAIN);
                        seqs[i] = AdditionProblems.encode(task.prompt(ab[0], ab[1]) + task.answer(ab[0], ab[1]));
                        from[i] = answerFrom;
                    }
                    return loss.loss(model, TokenBatch.shifted(seqs, from), scratch);
                });
                trainLoss = tr.finalLoss();
            } catch (EarlyStop stop) {
                log.printf("%narithmetic: validation exact match %.3f at step %d (%s), stopping%n", validAcc[0],
                        stoppedAt[0], validAcc[0] >= o.stopAt() ? "target reached" : "time budget spent");
                trainLoss = Double.NaN;
            }
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            List<String> examples = new ArrayList<>();
            double acc = exactMatch(gen, task, AdditionProblems.Split.TEST, o.evalProblems(), o.seed() + 13, examples);
            return new Result(acc, o.evalProblems(), stoppedAt[0], trainLoss, trainSeconds, model.parameterCount(),
                    examples);
        }
    }

    /** Thrown by the evaluator to end training once the validation target is reached. */
    private static final class EarlyStop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EarlyStop() {
            super(null, null, false, false);
        }
    }

    /**
     * Scores exact match with greedy decoding, in batches.
     *
     * @param gen the generator
     * @param task the task
     * @param split which problems
     * @param n how many
     * @param seed which problems (seeded draw)
     * @param examples receives a few "prompt -> answer" lines, or null
     * @return the fraction answered exactly
     */
    public static double exactMatch(Generator gen, AdditionProblems task, AdditionProblems.Split split, int n, long seed,
            List<String> examples) {
        SplittableRandom rng = new SplittableRandom(seed);
        int answerLen = task.answerDigits() + 1;
        int correct = 0;
        int chunk = 250;
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            List<int[]> prompts = new ArrayList<>();
            List<int[]> pairs = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                int[] ab = task.draw(rng, split);
                pairs.add(ab);
                prompts.add(AdditionProblems.encode(task.prompt(ab[0], ab[1])));
            }
            List<GenerationResult> res = gen.generateBatch(prompts, SamplingConfig.greedy(answerLen), List.of(), null);
            for (int i = 0; i < m; i++) {
                int[] ab = pairs.get(i);
                String got = AdditionProblems.decode(res.get(i).tokens());
                String want = task.answer(ab[0], ab[1]);
                if (got.equals(want)) {
                    correct++;
                }
                if (examples != null && examples.size() < 8) {
                    String sum = new StringBuilder(got.replace("$", "")).reverse().toString();
                    examples.add(task.prompt(ab[0], ab[1]) + got + "   (reads " + ab[0] + " + " + ab[1] + " = "
                            + sum.replaceFirst("^0+(?=\\d)", "") + (got.equals(want) ? ", correct)" : ", WRONG)"));
                }
            }
        }
        return correct / (double) n;
    }
}
