package dev.tessera.samples.timeseries;

import dev.tessera.timeseries.forecast.PretrainConfig;

/** The training budget {@code forecast-eval} uses unless told otherwise. */
public final class PretrainDefaults {
    /**
     * Default training steps, chosen on the backtest ({@code forecast-eval --backtest}: the last h points of
     * each series' training part, never its test part), ensemble mode, seed 7: 1,500 steps 0.658 / 0.648,
     * 3,000 steps 0.637 / 0.610, 5,000 steps 0.662 / 0.639 (relative MASE / WQL).
     */
    public static final int STEPS = 3000;
    /** Default combination with the seasonal decomposition. */
    public static final String MODE = "ensemble";

    private PretrainDefaults() { }

    /**
     * The training config.
     *
     * @param steps the steps
     * @param seed the seed
     * @param zeroShot whether to train on synthetic data only
     * @return the config
     */
    public static PretrainConfig config(int steps, long seed, boolean zeroShot) {
        PretrainConfig c = new PretrainConfig(steps, 64, 2e-3, 1000, 320, 0.4, 0.2, seed);
        return zeroShot ? c.withFractions(0, 0.2) : c;
    }
}
