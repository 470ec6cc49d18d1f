package dev.tessera.timeseries.task;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.CustomLossTask;

/**
 * A series task that reads series as patches: it registers the shared {@code series_patch} adapter and
 * both forecasting outputs ({@link PatchSequences#addTo}) in the backbone; a mixture of several such tasks
 * registers them once and trains the adapter together.
 */
abstract class PatchTask implements CustomLossTask {
    @Override
    public final void addParameters(DecoderModel model, long seed) {
        PatchSequences.addTo(model, seed);
    }
}
