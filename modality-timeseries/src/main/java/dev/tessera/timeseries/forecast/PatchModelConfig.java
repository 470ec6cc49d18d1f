package dev.tessera.timeseries.forecast;

import dev.tessera.core.model.ModelConfig;

/**
 * Shape of the patch forecaster.
 *
 * @param patchLength values per input patch P
 * @param contextPatches the most patches read (the context is {@code contextPatches * P} values)
 * @param outputLength values predicted per step O (a multiple of P, so autoregressive steps
 *     keep the patches aligned)
 * @param dModel backbone width
 * @param layers backbone blocks
 * @param heads attention heads
 * @param levels the quantile levels the head predicts (increasing, in (0, 1))
 */
public record PatchModelConfig(int patchLength, int contextPatches, int outputLength, int dModel, int layers,
        int heads, double[] levels) {

    /** Validates the fields. */
    public PatchModelConfig {
        if (patchLength < 1 || contextPatches < 1 || outputLength < 1) {
            throw new IllegalArgumentException("patchLength (" + patchLength + "), contextPatches (" + contextPatches
                    + ") and outputLength (" + outputLength + ") must be positive");
        }
        if (outputLength % patchLength != 0) {
            throw new IllegalArgumentException("outputLength (" + outputLength + ") must be a multiple of patchLength ("
                    + patchLength + ")");
        }
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("levels must not be empty");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] > 0 && levels[i] < 1) || (i > 0 && !(levels[i] > levels[i - 1]))) {
                throw new IllegalArgumentException("levels must increase within (0, 1), got "
                        + java.util.Arrays.toString(levels));
            }
        }
        levels = levels.clone();
        backbone(patchLength, contextPatches, dModel, layers, heads);
    }

    private static ModelConfig backbone(int p, int ctx, int d, int layers, int heads) {
        // two local ids: 0 = a patch with at least one observed value, 1 = an all-padding patch (tied head)
        return ModelConfig.modern(2, ctx, layers, heads, d).withTiedHead(true);
    }

    /**
     * The defaults used by {@code forecast-eval}: patches of 16, 16 patches (256 values of
     * context), 32 values per step, d_model 96, 3 layers, 4 heads, levels 0.1..0.9.
     *
     * @return the config
     */
    public static PatchModelConfig defaults() {
        return new PatchModelConfig(16, 16, 32, 96, 3, 4, ForecastConfig.DECILES);
    }

    /**
     * A small model for tests: patches of 8, 8 patches, 16 values per step, d_model 32, 1 layer.
     *
     * @return the config
     */
    public static PatchModelConfig small() {
        return new PatchModelConfig(8, 8, 16, 32, 1, 2, ForecastConfig.DECILES);
    }

    /** @return the backbone config */
    public ModelConfig backbone() {
        return backbone(patchLength, contextPatches, dModel, layers, heads);
    }

    /** @return the context length in values */
    public int contextLength() {
        return patchLength * contextPatches;
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatchModelConfig c && c.patchLength == patchLength && c.contextPatches == contextPatches
                && c.outputLength == outputLength && c.dModel == dModel && c.layers == layers && c.heads == heads
                && java.util.Arrays.equals(c.levels, levels);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(patchLength, contextPatches, outputLength, dModel, layers, heads,
                java.util.Arrays.hashCode(levels));
    }
}
