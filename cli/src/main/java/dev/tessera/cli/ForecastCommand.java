package dev.tessera.cli;

import dev.tessera.core.io.Limits;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.data.TimeSeriesCsv;
import dev.tessera.timeseries.eval.ForecastCsv;
import dev.tessera.timeseries.eval.ForecastEvaluation;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.plot.ForecastPlot;
import dev.tessera.timeseries.task.JointModelForecaster;
import dev.tessera.timeseries.task.SeriesForecastTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera forecast}: forecasts one CSV series with a saved patch forecaster. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Forecasts a CSV series (Tablesaw; date column detected) with a trained model; writes the "
                + "forecast as CSV and a plot.")
public final class ForecastCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A model saved by forecast-eval --save-model, or one "
            + "trained with the series forecast task (the demo's out/demo/joint.tessera).")
    Path model;

    @Option(names = "--csv", required = true, description = "The series (CSV with a value column).")
    Path csv;

    @Option(names = "--column", description = "The value column (default: the first numeric column).")
    String column;

    @Option(names = "--horizon", required = true, description = "Steps to forecast.")
    int horizon;

    @Option(names = "--quantiles", split = ",", description = "Quantile levels (default: 0.1,...,0.9).")
    double[] quantiles = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    @Option(names = "--samples", description = "Sample paths (default: ${DEFAULT-VALUE}).")
    int samples = 100;

    @Option(names = "--seed", description = "Seed of the sample paths (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--period", description = "Seasonal period (default: from the inferred frequency).")
    int period;

    @Option(names = "--mode", description = "raw, decomposed or ensemble (default: ${DEFAULT-VALUE}).")
    String mode = "decomposed";

    @Option(names = "--out", description = "Forecast CSV (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("forecast.csv");

    @Option(names = "--plot", description = "Forecast plot PNG (optional).")
    Path plot;

    /** Longest horizon (and seasonal period) a forecast may ask for. */
    static final int MAX_HORIZON = 100_000;
    /** Most sample paths a forecast may draw. */
    static final int MAX_SAMPLES = 100_000;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Limits.argument(horizon, 1, MAX_HORIZON, "--horizon");
        Limits.argument(samples, 1, MAX_SAMPLES, "--samples");
        Limits.argument((long) samples * horizon, 1, Limits.MAX_ELEMENTS, "--samples x --horizon");
        Limits.argument(period, 0, MAX_HORIZON, "--period");
        for (double q : quantiles) {
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException("--quantiles has " + q + "; quantile levels must be in (0, 1)");
            }
        }
        ForecastEvaluation.Mode m = Flags.oneOf(ForecastEvaluation.Mode.class, mode, "--mode");
        TimeSeries s = TimeSeriesCsv.read(csv,
                new TimeSeriesCsv.Options(null, column == null ? null : List.of(column), null));
        if (s.channelCount() > 1) {
            s = new TimeSeries(s.name(), s.timestamps(), new double[][] {s.values(0)}, List.of(s.channelNames().get(0)),
                    s.frequency());
        }
        ForecastConfig config = new ForecastConfig(quantiles, samples, seed, false, period);
        Forecast f;
        try (ModelBundle b = ModelBundle.load(model)) {
            if (b.layout().has(SeriesForecastTask.MODALITY)) {
                f = new JointModelForecaster(b.model(), b.layout()).forecast(s, horizon, config);
            } else {
                f = null;
            }
        }
        if (f == null) {
            try (PatchForecastModel pm = PatchForecastModel.load(model)) {
                f = ForecastEvaluation.forecaster(pm, m).forecast(s, horizon, config);
            }
        }
        ForecastCsv.write(out, List.of(f));
        if (plot != null) {
            ForecastPlot.writePng(plot, s.values(0), f, null, s.name() + ": " + horizon + "-step forecast");
        }
        System.out.println("wrote " + out + (plot != null ? " and " + plot : "") + " (" + s.length()
                + " history points, " + s.frequency().name().toLowerCase(Locale.ROOT) + ")");
        return 0;
    }
}
