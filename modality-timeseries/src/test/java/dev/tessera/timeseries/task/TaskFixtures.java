package dev.tessera.timeseries.task;

import ai.djl.Device;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared test fixtures: the joint layout of the series tasks, a tiny untrained model, a context. */
final class TaskFixtures {
    private TaskFixtures() { }

    /** A layout with text first and series second, as a mixture trainer might build it. */
    static VocabularyLayout layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(ByteText.NAME, ByteText.VOCABULARY);
        m.put("image", 17);
        m.put(SeriesForecastTask.MODALITY, 2);
        return VocabularyLayout.framed(m);
    }

    static DecoderModel tinyModel(VocabularyLayout layout) {
        return DecoderModel.create(ModelConfig.gpt2(layout.size(), 160, 1, 2, 32), 3, Device.cpu());
    }

    /** A tiny model of a layout with the series patch adapter and head. */
    static DecoderModel tinyPatchModel(VocabularyLayout layout) {
        DecoderModel model = tinyModel(layout);
        PatchSequences.addTo(model, 7);
        return model;
    }

    /**
     * Lowers a custom task's loss on one fixed batch with AdamW steps (the trainer's optimizer, no decay), the
     * gradients cleared before each step.
     *
     * @return the first and last loss
     */
    static float[] descend(dev.tessera.core.task.CustomLossTask task, DecoderModel model, VocabularyLayout layout,
            int steps, float rate) {
        Map<String, ai.djl.ndarray.NDArray> params = model.parameters();
        params.values().forEach(p -> p.setRequiresGradient(true));
        dev.tessera.core.train.TrainingConfig config = new dev.tessera.core.train.TrainingConfig(steps, rate, rate, 0,
                0, 0.9, 0.99, 1e-8, 0, 1, 0, 0, 1);
        float first = 0;
        float last = 0;
        try (dev.tessera.core.train.AdamW adam = new dev.tessera.core.train.AdamW(params, config, model.manager())) {
            for (int step = 0; step < steps; step++) {
                try (ai.djl.ndarray.NDManager s = model.manager().newSubManager()) {
                    for (ai.djl.ndarray.NDArray p : params.values()) {
                        p.getGradient().set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
                    }
                    try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance()
                            .newGradientCollector()) {
                        ai.djl.ndarray.NDArray loss =
                                task.loss(model, layout, 16, new java.util.SplittableRandom(3), s);
                        if (loss.getShape().dimension() != 0) {
                            throw new AssertionError("loss of shape " + loss.getShape());
                        }
                        last = loss.getFloat();
                        first = step == 0 ? last : first;
                        gc.backward(loss);
                    }
                    adam.step(rate, 1.0);
                }
            }
        }
        return new float[] {first, last};
    }

    /**
     * The gradient of a custom task's loss on one batch, as the sum of absolute values per parameter.
     *
     * @return parameter name to the sum of |gradient|
     */
    static Map<String, Double> gradientMass(dev.tessera.core.task.CustomLossTask task, DecoderModel model,
            VocabularyLayout layout) {
        for (ai.djl.ndarray.NDArray p : model.parameters().values()) {
            p.setRequiresGradient(true);
            p.getGradient().set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        try (ai.djl.ndarray.NDManager s = model.manager().newSubManager()) {
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                gc.backward(task.loss(model, layout, 8, new java.util.SplittableRandom(4), s));
            }
            model.parameters().forEach((n, p) -> out.put(n, (double) p.getGradient().abs().sum().getFloat()));
        }
        return out;
    }

    static TaskContext context(Path dir) {
        return new TaskContext(dir, dir.resolve("cache"), true, 11, new PrintStream(OutputStream.nullOutputStream()));
    }
}
