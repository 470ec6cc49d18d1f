package dev.tessera.timeseries.task;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.eval.Baselines;
import dev.tessera.timeseries.eval.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Forecasts the real series of a manifest folder (the held-out last h points of each) with a
 * model trained on the {@code series_forecast} task, zero-shot: the model never saw
 * these series. The context is the last {@link SeriesForecastTask#CONTEXT} values of the training
 * part (all of it when shorter); the median forecast of {@link SeriesForecastTask#HORIZON} values
 * is cut to the series' horizon (at most 24 in the shared benchmark, longer horizons are refused).
 * Scored as in the Chronos paper: per series the MASE divided by seasonal naive's, then the
 * geometric mean.
 */
final class RealSeriesCheck {
    private RealSeriesCheck() { }

    /**
     * The outcome.
     *
     * @param series how many series were forecast
     * @param relativeMase geometric mean of MASE / seasonal-naive MASE
     * @param plotted the name of the series drawn in the plot
     */
    record Result(int series, double relativeMase, String plotted) { }

    /**
     * Forecasts and scores every series of a folder, and draws the first one.
     *
     * @param model the model
     * @param layout its layout
     * @param dir the manifest folder
     * @param png where to draw the first series' forecast
     * @return the score
     * @throws IOException if the folder or a series cannot be read, or the plot written
     */
    static Result run(DecoderModel model, VocabularyLayout layout, Path dir, Path png) throws IOException {
        List<SeriesManifest.Split> splits = SeriesManifest.read(dir).splits();
        if (splits.isEmpty()) {
            throw new IOException(dir + ": the manifest lists no series");
        }
        List<double[]> contexts = new ArrayList<>();
        for (SeriesManifest.Split s : splits) {
            if (s.entry().horizon() > SeriesForecastTask.HORIZON) {
                throw new IllegalArgumentException(s.entry().name() + ": horizon " + s.entry().horizon()
                        + " is longer than the task's " + SeriesForecastTask.HORIZON);
            }
            contexts.add(context(s.train().values(0)));
        }
        List<double[]> out = SeriesForecastTask.medianForecasts(model, layout, contexts);
        double logSum = 0;
        double[] first = null;
        for (int i = 0; i < splits.size(); i++) {
            SeriesManifest.Split s = splits.get(i);
            int h = s.entry().horizon();
            double[] forecast = Arrays.copyOf(out.get(i), h);
            double[] history = s.train().values(0);
            int period = s.entry().period();
            double[] naive = Baselines.seasonalNaive(s.entry().name(), history, h, period, new double[] {0.5}).mean();
            double model0 = Metrics.mase(s.test(), forecast, history, period);
            double naive0 = Metrics.mase(s.test(), naive, history, period);
            double ratio = naive0 > 0 ? Math.max(model0 / naive0, 1e-6) : 1.0;
            logSum += Math.log(ratio);
            if (i == 0) {
                first = forecast;
            }
        }
        double score = Math.exp(logSum / splits.size());
        SeriesManifest.Split s0 = splits.get(0);
        double[] ctx0 = context(s0.train().values(0));
        TaskPlots.write(png, "Real series, zero-shot: " + s0.entry().name() + " (never trained on)",
                String.format(Locale.ROOT, "relative MASE over %d real series %.3f (seasonal naive 1.000)",
                        splits.size(), score), List.of(
                        new TaskPlots.Line("context", 0, ctx0),
                        new TaskPlots.Line("actual", ctx0.length, s0.test()),
                        new TaskPlots.Line("forecast (median)", ctx0.length, first)));
        return new Result(splits.size(), score, s0.entry().name());
    }

    private static double[] context(double[] train) {
        return Arrays.copyOfRange(train, Math.max(0, train.length - SeriesForecastTask.CONTEXT), train.length);
    }
}
