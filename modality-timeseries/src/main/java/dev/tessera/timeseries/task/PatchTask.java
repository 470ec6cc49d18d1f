package dev.tessera.timeseries.task;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.task.CustomLossTask;
import dev.tessera.text.modality.ByteText;
import java.util.List;
import java.util.Map;

/**
 * A series task that reads series as patches: its modalities include the continuous
 * {@link SeriesPatchModality}, which registers the shared {@code series_patch} adapter and both forecasting
 * outputs in the backbone ({@link CustomLossTask#addParameters}'s default); a mixture of several such tasks
 * registers them once and trains the adapter together. A task that also reads or writes text adds the shared
 * byte text. The evaluation size is the task's default unless a test sets another.
 */
abstract class PatchTask implements CustomLossTask {
    private final String name;
    private final int evalSeries;
    private final int quickSeries;
    private final int fullSeries;
    private final boolean withText;

    /**
     * @param name the task's key
     * @param evalSeries the number of held-out series, or 0 for the default
     * @param quickSeries the default in a quick evaluation
     * @param fullSeries the default otherwise
     * @param withText whether the task also reads or writes byte text
     * @throws IllegalArgumentException if {@code evalSeries < 0}
     */
    PatchTask(String name, int evalSeries, int quickSeries, int fullSeries, boolean withText) {
        if (evalSeries < 0) {
            throw new IllegalArgumentException("evalSeries (" + evalSeries + ") must be >= 0");
        }
        this.name = name;
        this.evalSeries = evalSeries;
        this.quickSeries = quickSeries;
        this.fullSeries = fullSeries;
        this.withText = withText;
    }

    @Override
    public final String name() {
        return name;
    }

    /** @return the number of held-out series an evaluation scores */
    final int evalCount(boolean quick) {
        return evalSeries > 0 ? evalSeries : quick ? quickSeries : fullSeries;
    }

    /** @return the continuous series-patch modality the task reads series in (and the byte text, if it has text) */
    @Override
    public List<Modality<?>> modalities() {
        return withText ? List.of(PatchSequences.MODALITY_OBJECT, ByteText.modality())
                : List.of(PatchSequences.MODALITY_OBJECT);
    }

    @Override
    public Map<String, Integer> vocabularies() {
        return withText ? Map.of(PatchSequences.MODALITY, 2, ByteText.NAME, ByteText.VOCABULARY)
                : Map.of(PatchSequences.MODALITY, 2);
    }
}
