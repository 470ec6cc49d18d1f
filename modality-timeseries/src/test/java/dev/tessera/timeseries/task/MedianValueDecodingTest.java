package dev.tessera.timeseries.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianValueDecodingTest {

    /** Runs one generation step whose logits are replaced by {@code given}, and returns the id chosen. */
    private static int chosen(VocabularyLayout layout, float[] given, LogitsProcessor median) {
        try (DecoderModel model = TaskFixtures.tinyModel(layout)) {
            Generator g = new Generator(new DjlDecodeEngine(model), layout);
            LogitsProcessor replace = (ctx, logits) -> System.arraycopy(given, 0, logits, 0, logits.length);
            int[] prompt = {layout.bos(), layout.begin(SeriesTokens.SERIES)};
            GenerationResult r = g.generate(prompt, SamplingConfig.greedy(1), List.of(replace, median), null);
            return r.tokens()[0];
        }
    }

    @Test
    void keepsTheMedianBin_notTheMostLikelyOne() {
        VocabularyLayout layout = TaskFixtures.layout();
        int bins = SeriesTokens.BINS.bins();
        int first = layout.toGlobal(SeriesTokens.SERIES, 0);
        float[] logits = new float[layout.size()];
        Arrays.fill(logits, Float.NEGATIVE_INFINITY);
        // probabilities 0.4 at bin 10, 0.35 at bin 500, 0.25 at bin 900: the mode is bin 10, the median bin 500
        logits[first + 10] = (float) Math.log(0.40);
        logits[first + 500] = (float) Math.log(0.35);
        logits[first + 900] = (float) Math.log(0.25);
        assertEquals(first + 500, chosen(layout, logits, new MedianValueDecoding(layout, SeriesTokens.SERIES, bins)));
        // without it, greedy takes the mode
        assertEquals(first + 10, chosen(layout, logits, (ctx, l) -> { }));
    }

    @Test
    void leavesAForcedEndAlone_andRefusesBadBinCounts() {
        VocabularyLayout layout = TaskFixtures.layout();
        float[] logits = new float[layout.size()];
        Arrays.fill(logits, Float.NEGATIVE_INFINITY);
        logits[layout.end(SeriesTokens.SERIES)] = 0f;
        int got = chosen(layout, logits, new MedianValueDecoding(layout, SeriesTokens.SERIES, SeriesTokens.BINS.bins()));
        assertEquals(layout.end(SeriesTokens.SERIES), got);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MedianValueDecoding(layout, SeriesTokens.SERIES, 1_000_000));
        assertTrue(e.getMessage().contains("bins"), e.getMessage());
    }
}
