package dev.tessera.timeseries.task;

import dev.tessera.core.task.CustomLossTask;

/**
 * A series task that reads series as patches: its modalities include the continuous
 * {@link SeriesPatchModality}, which registers the shared {@code series_patch} adapter and both forecasting
 * outputs in the backbone ({@link CustomLossTask#addParameters}'s default); a mixture of several such tasks
 * registers them once and trains the adapter together.
 */
abstract class PatchTask implements CustomLossTask {
}
