package dev.tessera.pointcloud.task;

import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.text.modality.ByteText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * What the two shape tasks share: a (possibly shared) {@link ShapeCorpus} of captioned shapes, the text and
 * shape vocabularies, training draws from the corpus, and the pieces of their evaluations (the held-out
 * prompts, per-class rates).
 */
abstract class ShapeCorpusTask implements Task {
    private final String name;
    private final ShapeCorpus corpus;

    ShapeCorpusTask(String name, ShapeCorpus corpus) {
        this.name = name;
        this.corpus = corpus;
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

    /**
     * Returns the training example of a captioned shape.
     *
     * @param layout the layout
     * @param e the shape
     * @return the example
     */
    abstract TaskExample exampleOf(VocabularyLayout layout, ShapeCorpus.Entry e);

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        List<ShapeCorpus.Entry> pool = corpus.train();
        return exampleOf(layout, pool.get(rng.nextInt(pool.size())));
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

    /**
     * The pass rate of each shape class, by label (0 for a class with no held-out shape).
     *
     * @param hit passes per class ordinal
     * @param total held-out shapes per class ordinal
     * @return label to rate, in class order
     */
    static Map<String, Double> perClass(int[] hit, int[] total) {
        Map<String, Double> perClass = new LinkedHashMap<>();
        for (ShapeClass c : ShapeClass.values()) {
            int k = c.ordinal();
            perClass.put(c.label(), total[k] == 0 ? 0 : (double) hit[k] / total[k]);
        }
        return perClass;
    }
}
