package dev.tessera.timeseries.task;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.CustomLossTask;

/**
 * A series task that reads series as patches: it registers the shared {@code series_patch} adapter and
 * quantile head ({@link PatchSequences#LAYERS}) in the backbone; a mixture of several such tasks
 * registers them once and trains them together.
 */
abstract class PatchTask implements CustomLossTask {
    @Override
    public final void addParameters(DecoderModel model, long seed) {
        PatchSequences.LAYERS.addTo(model, seed);
    }
}
