package dev.tessera.timeseries.tokenize;

/**
 * Settings of the patch tokenizer.
 *
 * @param patchLength values per patch P (each patch becomes one token with 2P features: the
 *     normalised values, then a 0/1 observed mask)
 */
public record PatchConfig(int patchLength) {
    /** Validates the field. */
    public PatchConfig {
        if (patchLength < 1 || patchLength > 512) {
            throw new IllegalArgumentException("patchLength (" + patchLength + ") must be in [1, 512]");
        }
    }

    /** @return the number of features per token (2P) */
    public int featureSize() {
        return 2 * patchLength;
    }
}
