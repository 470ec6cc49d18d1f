package dev.tessera.pointcloud.task;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * What the two shape tasks share: a (possibly shared) {@link ShapeCorpus} of captioned shapes, the text and
 * shape vocabularies, training examples (one side of a captioned shape is the prompt, the other the answer),
 * training draws from the corpus, and the held-out prompts of their evaluations (per-class rates and the grid
 * are {@link ClassTally}'s).
 */
abstract class ShapeCorpusTask implements Task {
    private final String name;
    private final ShapeCorpus corpus;
    private final boolean captionFirst;

    /**
     * @param name the task's key
     * @param corpus the (possibly shared) data
     * @param captionFirst whether the caption is the prompt and the shape the answer (else the reverse)
     */
    ShapeCorpusTask(String name, ShapeCorpus corpus, boolean captionFirst) {
        this.name = name;
        this.corpus = corpus;
        this.captionFirst = captionFirst;
    }

    @Override
    public final String name() {
        return name;
    }

    /** @return the data */
    public ShapeCorpus corpus() {
        return corpus;
    }

    @Override
    public Map<String, Integer> vocabularies() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(ByteText.NAME, ByteText.VOCABULARY);
        m.put(ShapeCorpus.SHAPE_MODALITY, 256);
        return m;
    }

    @Override
    public int maxLength() {
        return corpus.config().maxLength();
    }

    @Override
    public void prepare(TaskContext context) {
        corpus.prepare(context);
    }

    /** @return byte text and the octree shape modality, the prompt's first */
    @Override
    public List<Modality<?>> modalities() {
        return captionFirst ? List.of(ByteText.modality(), corpus.modality())
                : List.of(corpus.modality(), ByteText.modality());
    }

    /**
     * Returns the training example of a captioned shape: the prompt side, then the answer side with the loss on
     * it, its {@code END} and {@code EOS}.
     *
     * @param layout the layout
     * @param e the shape
     * @return the example
     */
    public TaskExample example(VocabularyLayout layout, ShapeCorpus.Entry e) {
        Segment caption = new Segment(ByteText.NAME, ByteText.encode(e.caption()));
        Segment shape = new Segment(ShapeCorpus.SHAPE_MODALITY, e.masks());
        return TaskExample.answer(layout, captionFirst ? TokenSequence.of(caption, shape)
                : TokenSequence.of(shape, caption));
    }

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        List<ShapeCorpus.Entry> pool = corpus.train();
        return example(layout, pool.get(rng.nextInt(pool.size())));
    }

    /**
     * The generation prompts of held-out shapes and the longest one's length.
     *
     * @param prompts one prompt per entry, in order
     * @param longest the length of the longest prompt
     */
    record Prompts(List<int[]> prompts, int longest) {
        static Prompts of(List<ShapeCorpus.Entry> held, Function<ShapeCorpus.Entry, int[]> prompt) {
            List<int[]> prompts = new ArrayList<>();
            int longest = 0;
            for (ShapeCorpus.Entry e : held) {
                int[] p = prompt.apply(e);
                prompts.add(p);
                longest = Math.max(longest, p.length);
            }
            return new Prompts(prompts, longest);
        }
    }
}
