package dev.tessera.timeseries.forecast;

import java.util.ArrayList;
import java.util.List;

/** How a patch model's forecasts are combined with the seasonal decomposition. */
public enum ForecastMode {
    /** The model on the raw series. */
    RAW,
    /** The model on the seasonally adjusted series plus the seasonal continuation. */
    DECOMPOSED,
    /**
     * The weighted quantile average of RAW (weight 1) and DECOMPOSED (weight 2), each on the whole context
     * and on the last 64, 32, 24 and 16 values ({@link #ENSEMBLE_CONTEXTS}: ten members), with the intervals
     * narrowed by {@link #ENSEMBLE_SPREAD} around the median. Members, weights and spread were chosen by a
     * backtest that never saw the test parts of the 22-series benchmark: a model trained with the same
     * recipe on each series' training part minus its last h points forecast those h points. On that
     * backtest: equally weighted full/64/32 0.714 / 0.702 (relative MASE / WQL); weights 1:2 0.714 / 0.702
     * -> with spread 0.7 0.691 / 0.678; adding 24 0.660 / 0.654; adding 24 and 16 0.658 / 0.648 (chosen);
     * spreads 0.5..1.1, other weights and cuts 128 / 48 were worse.
     */
    ENSEMBLE;

    /** The interval narrowing of the ENSEMBLE mode. */
    public static final double ENSEMBLE_SPREAD = 0.7;
    /** The context cuts of the ENSEMBLE mode (0 = the whole history). */
    static final int[] ENSEMBLE_CONTEXTS = {0, 64, 32, 24, 16};

    /**
     * Builds the forecaster of this mode over a model (which it does not close).
     *
     * @param model the model
     * @return the forecaster; it batches the model's passes over many series
     */
    public Forecaster over(PatchForecastModel model) {
        switch (this) {
            case RAW:
                return new PatchForecaster(model, false, 0);
            case DECOMPOSED:
                return new PatchForecaster(model, true, 0);
            default:
                List<Forecaster> members = new ArrayList<>();
                double[] weights = new double[2 * ENSEMBLE_CONTEXTS.length];
                for (int i = 0; i < ENSEMBLE_CONTEXTS.length; i++) {
                    members.add(new PatchForecaster(model, false, ENSEMBLE_CONTEXTS[i]));
                    members.add(new PatchForecaster(model, true, ENSEMBLE_CONTEXTS[i]));
                    weights[2 * i] = 1;
                    weights[2 * i + 1] = 2;
                }
                return new QuantileSpread(new EnsembleForecaster(members, weights), ENSEMBLE_SPREAD);
        }
    }
}
