package dev.tessera.timeseries.task;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.timeseries.data.MissingValues;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.eval.Metrics;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.forecast.Forecaster;
import dev.tessera.timeseries.forecast.QuantileFunction;
import java.util.Arrays;
import java.util.List;

/**
 * Forecasts with a model trained with {@link SeriesForecastTask} (for example the joint demo's model, loaded
 * from its bundle): it reads the last {@value SeriesForecastTask#CONTEXT} values of a series as patches
 * through the model's {@code series_patch} adapter and predicts {@value SeriesForecastTask#HORIZON} steps at
 * the nine levels 0.1..0.9; any other level is read off a quantile function through those nine. Longer
 * horizons are autoregressive: the median forecast is appended to the history and the model is asked again,
 * so the quantiles after the first {@value SeriesForecastTask#HORIZON} steps ignore the uncertainty of the
 * earlier ones (too narrow). It returns no sample paths.
 *
 * <p>Not thread-safe: one forecaster (and its model) per thread.
 */
public final class JointModelForecaster implements Forecaster {
    private final DecoderModel model;
    private final VocabularyLayout layout;

    /**
     * Creates the forecaster.
     *
     * @param model a model trained with the series forecast task (it has the {@code series_patch} layers)
     * @param layout the model's layout (it holds the {@code series_patch} modality)
     * @throws IllegalArgumentException if the model was not trained to forecast series
     */
    public JointModelForecaster(DecoderModel model, VocabularyLayout layout) {
        if (!layout.has(PatchSequences.MODALITY)) {
            throw new IllegalArgumentException("the model's layout has no '" + PatchSequences.MODALITY
                    + "' modality (it has " + layout.modalities() + "): it was not trained to forecast series");
        }
        PatchSequences.requireLayers(model, "series_forecast", PatchSequences.CONTEXT_FORECAST);
        this.model = model;
        this.layout = layout;
    }

    @Override
    public Forecast forecast(TimeSeries history, int horizon, ForecastConfig config) {
        if (history.channelCount() != 1) {
            throw new IllegalArgumentException("series '" + history.name() + "' has " + history.channelCount()
                    + " channels; forecast one at a time");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon (" + horizon + ") must be >= 1");
        }
        double[] known = MissingValues.interpolate(history.values(0), "series '" + history.name() + "'");
        double[] levels = config.levels();
        double[][] quantiles = new double[levels.length][horizon];
        double[] median = new double[horizon];
        double[] context = known;
        for (int done = 0; done < horizon; done += SeriesForecastTask.HORIZON) {
            double[][] q = SeriesForecastTask.forecast(model, layout, List.of(context))[0];
            int n = Math.min(SeriesForecastTask.HORIZON, horizon - done);
            for (int t = 0; t < n; t++) {
                double[] atStep = new double[Metrics.WQL_LEVELS.length];
                for (int k = 0; k < atStep.length; k++) {
                    atStep[k] = q[k][t];
                }
                QuantileFunction f = new QuantileFunction(Metrics.WQL_LEVELS, atStep);
                for (int i = 0; i < levels.length; i++) {
                    quantiles[i][done + t] = f.at(levels[i]);
                }
                median[done + t] = f.at(0.5);
            }
            context = Arrays.copyOf(context, context.length + n);
            System.arraycopy(median, done, context, context.length - n, n);
        }
        return new Forecast(history.name(), levels, quantiles, median, new double[0][]);
    }
}
