package dev.tessera.timeseries.task;

import ai.djl.Device;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.token.VocabularyLayout;
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
        m.put(SeriesTokens.TEXT, SeriesTokens.TEXT_VOCABULARY);
        m.put("image", 17);
        m.put(SeriesTokens.SERIES, SeriesTokens.SERIES_VOCABULARY);
        m.put(SeriesForecastTask.MODALITY, 2);
        return VocabularyLayout.framed(m);
    }

    static DecoderModel tinyModel(VocabularyLayout layout) {
        return DecoderModel.create(ModelConfig.gpt2(layout.size(), 160, 1, 2, 32), 3, Device.cpu());
    }

    static TaskContext context(Path dir) {
        return new TaskContext(dir, dir.resolve("cache"), true, 11, new PrintStream(OutputStream.nullOutputStream()));
    }
}
