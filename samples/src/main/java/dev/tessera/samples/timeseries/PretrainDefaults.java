package dev.tessera.samples.timeseries;

import dev.tessera.timeseries.forecast.PretrainConfig;

/** The training budget {@code forecast-eval} uses unless told otherwise. */
final class PretrainDefaults {
    /** Default training steps. */
    static final int STEPS = 1500;
    /** Default combination with the seasonal decomposition. */
    static final String MODE = "ensemble";

    private PretrainDefaults() { }

    /**
     * The training config.
     *
     * @param steps the steps
     * @param seed the seed
     * @param zeroShot whether to train on synthetic data only
     * @return the config
     */
    static PretrainConfig config(int steps, long seed, boolean zeroShot) {
        PretrainConfig c = new PretrainConfig(steps, 64, 2e-3, 1000, 320, 0.4, 0.2, seed);
        return zeroShot ? c.withFractions(0, 0.2) : c;
    }
}
