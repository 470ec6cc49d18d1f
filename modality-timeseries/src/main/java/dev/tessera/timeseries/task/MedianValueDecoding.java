package dev.tessera.timeseries.task;

import dev.tessera.core.generate.GenerationContext;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.token.VocabularyLayout;

/**
 * Point forecasts from binned series tokens: inside a series segment, keeps only the bin at the
 * median of the next value's predicted distribution (the bins are ordered by value), so greedy
 * decoding writes the median rather than the most likely bin. The median is the forecast that
 * minimises absolute error, the error MASE measures; the most likely bin of a spread-out
 * distribution jumps between the distribution's bumps. Where no value bin is allowed (an earlier
 * constraint forces {@code END}) it does nothing.
 */
final class MedianValueDecoding implements LogitsProcessor {
    private final String modality;
    private final int firstBin;
    private final int bins;

    /**
     * @param layout the layout
     * @param modality the series modality
     * @param bins the value bins, local ids {@code 0 .. bins - 1} in increasing value
     */
    MedianValueDecoding(VocabularyLayout layout, String modality, int bins) {
        if (bins < 1 || bins > layout.vocabularySize(modality)) {
            throw new IllegalArgumentException("bins (" + bins + ") must be in 1.." + layout.vocabularySize(modality));
        }
        this.modality = modality;
        this.firstBin = layout.toGlobal(modality, 0);
        this.bins = bins;
    }

    @Override
    public void process(GenerationContext ctx, float[] logits) {
        if (!modality.equals(ctx.openModality())) {
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < bins; b++) {
            max = Math.max(max, logits[firstBin + b]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return;
        }
        double total = 0;
        for (int b = 0; b < bins; b++) {
            total += Math.exp(logits[firstBin + b] - max);
        }
        double cumulative = 0;
        int median = bins - 1;
        for (int b = 0; b < bins; b++) {
            cumulative += Math.exp(logits[firstBin + b] - max);
            if (cumulative >= total / 2) {
                median = b;
                break;
            }
        }
        float keep = logits[firstBin + median];
        java.util.Arrays.fill(logits, Float.NEGATIVE_INFINITY);
        logits[firstBin + median] = keep;
    }
}
