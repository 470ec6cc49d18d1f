package dev.tessera.samples.arithmetic;

import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.LogitsProcessors;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TextModality;
import dev.tessera.text.chars.ByteTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Addition as a task of the joint model: one {@code "text"} segment of UTF-8 bytes,
 * {@code BOS BEGIN:text $123+456= 9750$ END:text EOS} (the sum reversed, as in "Teaching Arithmetic to
 * Small Transformers"), loss on the answer, END and EOS; scored by greedy exact match on held-out
 * problems (a hash split: no test problem is ever trained on).
 */
public final class ArithmeticTask implements Task {
    private final AdditionProblems problems;
    private final int evalProblems;

    /**
     * @param problems the problem family
     * @param evalProblems held-out problems scored by {@link #evaluate}
     */
    public ArithmeticTask(AdditionProblems problems, int evalProblems) {
        if (evalProblems < 1) {
            throw new IllegalArgumentException("evalProblems (" + evalProblems + ") must be >= 1");
        }
        this.problems = problems;
        this.evalProblems = evalProblems;
    }

    @Override
    public String name() {
        return "arithmetic";
    }

    /** @return the byte-level text modality the problems are written in */
    @Override
    public List<Modality<?>> modalities() {
        return List.of(TextModality.of("text", new ByteTokenizer(SurrogatePolicy.REJECT)));
    }

    @Override
    public Map<String, Integer> vocabularies() {
        return Map.of("text", 256);
    }

    @Override
    public int maxLength() {
        return problems.exampleLength() + 4; // BOS, BEGIN, END, EOS
    }

    private static int[] bytes(VocabularyLayout layout, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            ids[i] = layout.toGlobal("text", b[i] & 0xFF);
        }
        return ids;
    }

    /** BOS, BEGIN:text and the prompt's bytes. */
    private static int[] prompt(VocabularyLayout layout, String prompt) {
        int[] p = bytes(layout, prompt);
        int[] ids = new int[p.length + 2];
        ids[0] = layout.bos();
        ids[1] = layout.begin("text");
        System.arraycopy(p, 0, ids, 2, p.length);
        return ids;
    }

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        int[] ab = problems.draw(rng, AdditionProblems.Split.TRAIN);
        int[] p = prompt(layout, problems.prompt(ab[0], ab[1]));
        int[] a = bytes(layout, problems.answer(ab[0], ab[1]));
        int[] ids = new int[p.length + a.length + 2];
        System.arraycopy(p, 0, ids, 0, p.length);
        System.arraycopy(a, 0, ids, p.length, a.length);
        ids[ids.length - 2] = layout.end("text");
        ids[ids.length - 1] = layout.eos();
        return TaskExample.lossFrom(ids, p.length - 1);
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) {
        Generator gen = new Generator(new DjlDecodeEngine(model), layout);
        SplittableRandom rng = new SplittableRandom(context.seed() + 13);
        int n = context.quick() ? Math.min(evalProblems, 300) : evalProblems;
        int answerLen = problems.answerDigits() + 1;
        boolean[] correct = new boolean[n];
        List<String> examples = new ArrayList<>();
        for (int start = 0; start < n; start += 250) {
            int m = Math.min(250, n - start);
            List<int[]> prompts = new ArrayList<>();
            List<int[]> pairs = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                int[] ab = problems.draw(rng, AdditionProblems.Split.TEST);
                pairs.add(ab);
                prompts.add(prompt(layout, problems.prompt(ab[0], ab[1])));
            }
            List<GenerationResult> res = gen.generateBatch(prompts, SamplingConfig.greedy(answerLen),
                    List.of(LogitsProcessors.headConstraint(layout)), null);
            for (int i = 0; i < m; i++) {
                StringBuilder got = new StringBuilder();
                for (int id : res.get(i).tokens()) {
                    got.append(layout.modalityOf(id) != null ? (char) layout.toLocal("text", id) : '?');
                }
                int[] ab = pairs.get(i);
                boolean ok = got.toString().equals(problems.answer(ab[0], ab[1]));
                correct[start + i] = ok;
                if (examples.size() < 6) {
                    examples.add(problems.prompt(ab[0], ab[1]) + got + (ok ? "" : "  (wrong)"));
                }
            }
        }
        return TaskScore.of("exact_match", true, ItemScores.passes(correct),
                Map.of("problems", n, "examples", examples), List.of());
    }
}
