package dev.tessera.vision.task;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.text.modality.ByteText;
import dev.tessera.vision.modality.ImageModality;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the two synthetic-shapes tasks share: the modalities ({@code "text"} bytes and
 * {@code "image"} codes), the longest sequence, and the prepared {@link ShapeTaskData}.
 */
abstract class ShapeTask implements Task {
    private final ShapeTaskData.Settings settings;
    private ShapeTaskData data;

    ShapeTask(ShapeTaskData.Settings settings) {
        this.settings = settings;
    }

    @Override
    public Map<String, Integer> vocabularies() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(ByteText.NAME, ByteText.VOCABULARY);
        m.put(VisionSequences.IMAGE, settings.codebookSize());
        return m;
    }

    @Override
    public int maxLength() {
        // BOS, BEGIN/END of two segments, EOS
        return ShapeTaskData.maxCaptionBytes() + tokensPerImage() + 6;
    }

    /** @return codes per image (a 7x7 grid) */
    static int tokensPerImage() {
        return 49;
    }

    @Override
    public void prepare(TaskContext context) throws Exception {
        if (data == null) {
            data = ShapeTaskData.prepare(settings, context);
            context.log().printf(java.util.Locale.ROOT, "%s: %d training images, checker pass rate on tokenized images %.3f%n",
                    name(), data.size(), data.reconstructionPassRate());
        }
    }

    /** @return the prepared data */
    /** @return the k-means image modality the task's images are coded in (ready after {@link #prepare}) */
    @Override
    public List<Modality<?>> modalities() {
        return List.of(new ImageModality(VisionSequences.IMAGE, data().codec()), ByteText.modality());
    }

    ShapeTaskData data() {
        if (data == null) {
            throw new IllegalStateException("task '" + name() + "' is not prepared: call prepare(context) first");
        }
        return data;
    }
}
