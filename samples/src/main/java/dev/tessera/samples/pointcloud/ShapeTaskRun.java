package dev.tessera.samples.pointcloud;

import ai.djl.Device;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.pointcloud.task.ShapeTaskConfig;
import dev.tessera.pointcloud.task.ShapeTasks;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.ProgressBar;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.train.TrainingResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one GPT-2-block backbone on both shape tasks through their {@link Task} interface only
 * (examples drawn alternately, loss weights as the tasks give them) and evaluates each: the
 * single-modality counterpart of the joint mixture, and a check that the tasks reach their floors.
 */
public final class ShapeTaskRun {
    private ShapeTaskRun() { }

    /**
     * Settings of a run.
     *
     * @param tasks the task settings
     * @param layers transformer blocks
     * @param heads attention heads
     * @param dModel residual width
     * @param steps optimizer steps
     * @param batch examples per step (half of each task)
     * @param learningRate peak learning rate
     */
    public record Settings(ShapeTaskConfig tasks, int layers, int heads, int dModel, int steps, int batch,
            double learningRate) {
        /** Validates the fields. */
        public Settings {
            if (layers < 1 || heads < 1 || dModel < heads || steps < 1 || batch < 2) {
                throw new IllegalArgumentException("layers, heads, steps must be >= 1, dModel >= heads, batch >= 2; got "
                        + this);
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learningRate (" + learningRate + ") must be positive");
            }
        }

        /**
         * The default: 2 GPT-2 blocks of width 96, 400 steps of 64 examples, learning rate 3e-3.
         *
         * @return the settings
         */
        public static Settings defaults() {
            return new Settings(ShapeTaskConfig.defaults(), 2, 4, 96, 400, 64, 3e-3);
        }
    }

    /**
     * What a run measured.
     *
     * @param scores each task's score, by name
     * @param trainLoss final training loss
     * @param trainSeconds training time
     * @param parameters model parameters
     * @param seconds total time
     */
    public record Result(Map<String, TaskScore> scores, double trainLoss, double trainSeconds, long parameters,
            double seconds) { }

    /**
     * Prepares both tasks, trains, and evaluates.
     *
     * @param s the settings
     * @param context output folder, quick flag (evaluation size), seed and log
     * @return the scores
     * @throws Exception if preparation, training or evaluation fails
     */
    public static Result run(Settings s, TaskContext context) throws Exception {
        long t0 = System.nanoTime();
        List<Task> tasks = ShapeTasks.create(s.tasks());
        Map<String, Integer> vocab = new LinkedHashMap<>();
        int contextLength = 0;
        for (Task t : tasks) {
            t.prepare(context);
            vocab.putAll(t.vocabularies());
            contextLength = Math.max(contextLength, t.maxLength());
        }
        VocabularyLayout layout = VocabularyLayout.framed(vocab);
        ModelConfig mc = ModelConfig.gpt2(layout.size(), contextLength, s.layers(), s.heads(), s.dModel());
        try (DecoderModel model = DecoderModel.create(mc, context.seed(), Device.cpu())) {
            TrainingConfig tc = TrainingConfig.reference(s.steps(), s.learningRate(), context.seed());
            TrainingResult tr;
            try (TokenLoss loss = new TokenLoss(layout, model.manager());
                    TrainingLoop loop = new TrainingLoop(model, tc)) {
                loop.tokensPerStep(90L * s.batch());
                loop.listener(new ProgressBar(context.log(), "shape tasks"));
                tr = loop.run((step, micro) -> loss.loss(model, batch(tasks, layout, s.batch(), context.seed(), step),
                        model.manager()));
            }
            Map<String, TaskScore> scores = new LinkedHashMap<>();
            for (Task t : tasks) {
                scores.put(t.name(), t.evaluate(model, layout, context));
            }
            return new Result(scores, tr.finalLoss(), tr.seconds(), model.parameterCount(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static TokenBatch batch(List<Task> tasks, VocabularyLayout layout, int b, long seed, long step) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + step);
        TaskExample[] ex = new TaskExample[b];
        int max = 0;
        for (int i = 0; i < b; i++) {
            ex[i] = tasks.get(i % tasks.size()).sample(layout, r);
            max = Math.max(max, ex[i].length());
        }
        int t = max - 1;
        int[][] in = new int[b][t];
        int[][] tg = new int[b][t];
        float[][] w = new float[b][t];
        for (int i = 0; i < b; i++) {
            int[] ids = ex[i].ids();
            for (int j = 0; j < t; j++) {
                boolean real = j + 1 < ids.length;
                in[i][j] = j < ids.length ? ids[j] : layout.eos();
                tg[i][j] = real ? ids[j + 1] : layout.eos();
                w[i][j] = real ? ex[i].weights()[j] : 0f;
            }
        }
        return new TokenBatch(in, tg, w);
    }
}
