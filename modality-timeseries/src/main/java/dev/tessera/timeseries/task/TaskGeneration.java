package dev.tessera.timeseries.task;

import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.generate.LogitsProcessors;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Greedy batch generation of a series or text answer segment with the core {@link Generator}. */
final class TaskGeneration {
    /** Prompts per generation batch. */
    static final int BATCH = 50;

    private TaskGeneration() { }

    /**
     * Continues prompts that end with {@code BEGIN:series} with exactly {@code n} series ids (never
     * the missing id), each the median bin of its step's predicted distribution
     * ({@link MedianValueDecoding}).
     *
     * @return local ids, one row per prompt
     */
    static List<int[]> series(DecoderModel model, VocabularyLayout layout, List<int[]> prompts, int n) {
        int missing = layout.toGlobal(SeriesTokens.SERIES, SeriesTokens.BINS.missingId());
        LogitsProcessor noMissing = (ctx, logits) -> logits[missing] = Float.NEGATIVE_INFINITY;
        List<LogitsProcessor> constraints = List.of(LogitsProcessors.exactLength(layout, SeriesTokens.SERIES, n),
                noMissing, new MedianValueDecoding(layout, SeriesTokens.SERIES, SeriesTokens.BINS.bins()));
        SamplingConfig cfg = SamplingConfig.greedy(n + 1).withStopTokens(layout.end(SeriesTokens.SERIES));
        List<int[]> out = new ArrayList<>();
        for (int[] tokens : run(model, layout, prompts, cfg, constraints)) {
            if (tokens.length < n) {
                throw new IllegalStateException("generation stopped after " + tokens.length + " of " + n
                        + " series ids");
            }
            int[] local = new int[n];
            for (int i = 0; i < n; i++) {
                // the head constraint and the exact length make the first n ids series ids
                local[i] = layout.toLocal(SeriesTokens.SERIES, tokens[i]);
            }
            out.add(local);
        }
        return out;
    }

    /**
     * Continues prompts that end with {@code BEGIN:text} until {@code END:text} (at most
     * {@code maxBytes} bytes).
     *
     * @return the texts
     */
    static List<String> text(DecoderModel model, VocabularyLayout layout, List<int[]> prompts, int maxBytes) {
        int end = layout.end(SeriesTokens.TEXT);
        SamplingConfig cfg = SamplingConfig.greedy(maxBytes + 1).withStopTokens(end);
        List<String> out = new ArrayList<>();
        for (int[] tokens : run(model, layout, prompts, cfg, List.of())) {
            int k = 0;
            int[] local = new int[tokens.length];
            for (int id : tokens) {
                if (id == end || !SeriesTokens.TEXT.equals(layout.modalityOf(id))) {
                    break;
                }
                local[k++] = layout.toLocal(SeriesTokens.TEXT, id);
            }
            out.add(SeriesTokens.text(Arrays.copyOf(local, k)));
        }
        return out;
    }

    private static List<int[]> run(DecoderModel model, VocabularyLayout layout, List<int[]> prompts, SamplingConfig cfg,
            List<LogitsProcessor> constraints) {
        Generator g = new Generator(new DjlDecodeEngine(model), layout);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i += BATCH) {
            List<int[]> chunk = prompts.subList(i, Math.min(prompts.size(), i + BATCH));
            for (GenerationResult r : g.generateBatch(chunk, cfg, constraints, null)) {
                out.add(r.tokens());
            }
        }
        return out;
    }
}
