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
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
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
        return List.of(ByteText.modality());
    }

    @Override
    public Map<String, Integer> vocabularies() {
        return Map.of(ByteText.NAME, ByteText.VOCABULARY);
    }

    @Override
    public int maxLength() {
        return problems.exampleLength() + 4; // BOS, BEGIN, END, EOS
    }

    /** BOS, BEGIN:text and the prompt's bytes, left open for the answer. */
    private static int[] prompt(VocabularyLayout layout, String prompt) {
        return text(prompt).continuation(layout);
    }

    private static TokenSequence text(String s) {
        return TokenSequence.of(new Segment(ByteText.NAME, ByteText.encode(s)));
    }

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        int[] ab = problems.draw(rng, AdditionProblems.Split.TRAIN);
        String prompt = problems.prompt(ab[0], ab[1]);
        int[] ids = text(prompt + problems.answer(ab[0], ab[1])).toGlobalIds(layout, true);
        // BOS, BEGIN:text and the prompt's bytes come before the answer
        int promptLength = 2 + ByteText.encode(prompt).length;
        return TaskExample.lossFrom(ids, promptLength - 1);
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
                    got.append(ByteText.NAME.equals(layout.modalityOf(id)) ? (char) layout.toLocal(ByteText.NAME, id) : '?');
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
