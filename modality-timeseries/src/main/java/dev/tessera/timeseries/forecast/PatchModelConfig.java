package dev.tessera.timeseries.forecast;

import dev.tessera.core.model.ModelConfig;
import java.util.Arrays;
import java.util.Objects;

/**
 * Shape of the patch forecaster: the patching and the quantile levels, over a core backbone.
 *
 * @param patchLength values per input patch P
 * @param outputLength values predicted per step O (a multiple of P, so autoregressive steps
 *     keep the patches aligned)
 * @param backbone the decoder: its context length is the most patches read (the context is
 *     {@code contextLength * P} values) and its vocabulary the two local ids of a patch position
 *     (0 = a patch with at least one observed value, 1 = an all-padding patch)
 * @param levels the quantile levels the head predicts (increasing, in (0, 1))
 */
public record PatchModelConfig(int patchLength, int outputLength, ModelConfig backbone, double[] levels) {
    /** The local ids of a patch position: a patch, or an all-padding patch. */
    public static final int PATCH_IDS = 2;

    /** Validates the fields. */
    public PatchModelConfig {
        Objects.requireNonNull(backbone, "backbone");
        if (patchLength < 1 || outputLength < 1) {
            throw new IllegalArgumentException("patchLength (" + patchLength + ") and outputLength (" + outputLength
                    + ") must be positive");
        }
        if (outputLength % patchLength != 0) {
            throw new IllegalArgumentException("outputLength (" + outputLength + ") must be a multiple of patchLength ("
                    + patchLength + ")");
        }
        if (backbone.vocabSize() != PATCH_IDS) {
            throw new IllegalArgumentException("the backbone's vocabSize (" + backbone.vocabSize() + ") must be "
                    + PATCH_IDS + ": a patch position is a patch or an all-padding patch");
        }
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("levels must not be empty");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] > 0 && levels[i] < 1) || (i > 0 && !(levels[i] > levels[i - 1]))) {
                throw new IllegalArgumentException("levels must increase within (0, 1), got " + Arrays.toString(levels));
            }
        }
        levels = levels.clone();
    }

    /**
     * The backbone every shipped patch model uses: modern blocks over the two patch ids, tied head.
     *
     * @param contextPatches the most patches read
     * @param layers blocks
     * @param heads attention heads
     * @param dModel width
     * @return the backbone config
     * @throws IllegalArgumentException if {@link ModelConfig} rejects the shape (the message says what to change)
     */
    public static ModelConfig patchBackbone(int contextPatches, int layers, int heads, int dModel) {
        return ModelConfig.modern(PATCH_IDS, contextPatches, layers, heads, dModel).withTiedHead(true);
    }

    /**
     * The defaults used by {@code forecast-eval}: patches of 16, 16 patches (256 values of
     * context), 32 values per step, d_model 96, 3 layers, 4 heads, levels 0.1..0.9.
     *
     * @return the config
     */
    public static PatchModelConfig defaults() {
        return new PatchModelConfig(16, 32, patchBackbone(16, 3, 4, 96), ForecastConfig.DECILES);
    }

    /**
     * A small model for tests: patches of 8, 8 patches, 16 values per step, d_model 32, 1 layer.
     *
     * @return the config
     */
    public static PatchModelConfig small() {
        return new PatchModelConfig(8, 16, patchBackbone(8, 1, 2, 32), ForecastConfig.DECILES);
    }

    /** @return the most patches read (the backbone's context length) */
    public int contextPatches() {
        return backbone.contextLength();
    }

    /** @return the context length in values */
    public int contextLength() {
        return patchLength * contextPatches();
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatchModelConfig c && c.patchLength == patchLength && c.outputLength == outputLength
                && c.backbone.equals(backbone) && Arrays.equals(c.levels, levels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(patchLength, outputLength, backbone, Arrays.hashCode(levels));
    }

    @Override
    public String toString() {
        return "PatchModelConfig[patchLength=" + patchLength + ", outputLength=" + outputLength + ", backbone="
                + backbone + ", levels=" + Arrays.toString(levels) + "]";
    }
}
