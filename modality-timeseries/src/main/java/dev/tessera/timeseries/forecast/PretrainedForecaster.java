package dev.tessera.timeseries.forecast;

import dev.tessera.timeseries.data.TimeSeries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A zero-shot forecaster: a {@link PatchForecastModel} trained on generated series only
 * ({@link PretrainRecipe}) behind a {@link ForecastMode} (the ensemble by default). {@link #load()} reads
 * the model shipped as a resource of this module's jar, so a forecast needs no training:
 *
 * <pre>{@code
 * // given: double[] values
 * try (PretrainedForecaster f = Forecaster.pretrained()) {
 *     Forecast fc = f.forecast(TimeSeries.of("sales", values, Frequency.MONTHLY), 24);
 *     double[] median = fc.median();          // the point forecast
 *     double[] p90 = fc.quantile(0.9);        // an upper bound
 *     double[][] paths = fc.samples();        // 100 sample paths
 * }
 * }</pre>
 *
 * <p>Any frequency (the seasonal period comes from {@link TimeSeries#frequency()} or
 * {@link ForecastConfig#period()}), any horizon (beyond the model's {@code outputLength} the forecast is
 * autoregressive over patches), missing values inside the history (imputed, and the model's patches carry
 * an observed mask), constant series (finite forecasts). A history needs at least
 * {@value PatchForecaster#MIN_OBSERVED} observed values; fewer is an {@link IllegalArgumentException} that
 * names the series.
 *
 * <p>Thread safety: not thread-safe (the model's forward pass allocates in one native memory scope); use
 * one instance per thread, or forecast many series at once with {@link #forecast(List, int, ForecastConfig)},
 * which batches them.
 */
public final class PretrainedForecaster implements Forecaster, AutoCloseable {
    /** The class-path resource holding the shipped model. */
    public static final String RESOURCE = "/dev/tessera/timeseries/forecast/pretrained.tessera";

    /**
     * The fine-tuning config (steps set per call): batches of 32, peak learning rate 5e-4, half of the windows
     * from the user's series, 10% TSMixup, 40% fresh StructuredSynth series, seed 17.
     */
    public static final PretrainConfig FINE_TUNING = new PretrainConfig(1, 32, 5e-4, 0, 320, 0.5, 0.1, 17, 0.4);

    private final PatchForecastModel model;
    private final ForecastMode mode;
    private final Forecaster forecaster;

    private PretrainedForecaster(PatchForecastModel model, ForecastMode mode) {
        this.model = model;
        this.mode = mode;
        this.forecaster = mode.over(model);
    }

    /**
     * Loads the shipped model in the ensemble mode.
     *
     * @return the forecaster (close it)
     * @throws UncheckedIOException if the resource is missing or corrupt
     */
    public static PretrainedForecaster load() {
        return load(ForecastMode.ENSEMBLE);
    }

    /**
     * Loads the shipped model.
     *
     * @param mode how the model's forecasts are combined with the seasonal decomposition
     * @return the forecaster (close it)
     * @throws UncheckedIOException if the resource is missing or corrupt
     */
    public static PretrainedForecaster load(ForecastMode mode) {
        try (InputStream in = PretrainedForecaster.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("the pretrained forecaster " + RESOURCE
                        + " is not on the class path (modality-timeseries' jar ships it; was it built without it?)"));
            }
            // a bundle is a zip read with random access: copy the resource to a temporary file first
            Path tmp = Files.createTempFile("tessera-pretrained", ".tessera");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return new PretrainedForecaster(PatchForecastModel.load(tmp), mode);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the pretrained forecaster " + RESOURCE + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Loads a model saved by {@code tessera forecast-pretrain} (or any patch forecaster bundle).
     *
     * @param file the bundle
     * @param mode the forecast mode
     * @return the forecaster (close it)
     * @throws IOException if the file is unreadable or not a patch forecaster
     */
    public static PretrainedForecaster load(Path file, ForecastMode mode) throws IOException {
        return new PretrainedForecaster(PatchForecastModel.load(file), mode);
    }

    /**
     * Wraps a model; the forecaster owns it from now on (closing the forecaster closes the model).
     *
     * @param model the model
     * @param mode the forecast mode
     * @return the forecaster
     */
    public static PretrainedForecaster of(PatchForecastModel model, ForecastMode mode) {
        return new PretrainedForecaster(model, mode);
    }

    /** @return the model behind this forecaster (owned by it) */
    public PatchForecastModel model() {
        return model;
    }

    /** @return the forecast mode */
    public ForecastMode mode() {
        return mode;
    }

    /** @return how the model was made, as saved in its bundle (recipe, seed, steps, data, SDK, date, JVM) */
    public Map<String, String> provenance() {
        return model.provenance();
    }

    @Override
    public Forecast forecast(TimeSeries history, int horizon, ForecastConfig config) {
        return forecaster.forecast(history, horizon, config);
    }

    @Override
    public List<Forecast> forecast(List<TimeSeries> histories, int horizon, ForecastConfig config) {
        return forecaster.forecast(histories, horizon, config);
    }

    /**
     * Adapts a copy of the model to a user's series: the copy trains for {@code steps} steps on windows of the
     * series (half of the windows; the other half are fresh generated series, so it keeps what it knew). This
     * forecaster is left as it was. {@code eval.FineTuning} decides on a backtest whether adapting helps.
     *
     * @param series the values to adapt to (one array a series)
     * @param steps the budget in optimizer steps (at least 1)
     * @return the adapted forecaster, in this forecaster's mode (close it)
     * @throws IllegalArgumentException if there is no series or {@code steps < 1}
     */
    public PretrainedForecaster adapted(List<double[]> series, int steps) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("fine-tuning needs at least one series");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps (" + steps + ") must be >= 1");
        }
        PatchForecastModel copy = copyOfModel();
        try {
            PatchForecasterTrainer.train(copy, FINE_TUNING.withSteps(steps), List.of(), series, null);
            return new PretrainedForecaster(copy, mode);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /**
     * Copies this forecaster: the same weights and mode in a model of its own, so closing either leaves the
     * other usable.
     *
     * @return the copy (close it)
     */
    public PretrainedForecaster copy() {
        return new PretrainedForecaster(copyOfModel(), mode);
    }

    private PatchForecastModel copyOfModel() {
        try {
            Path tmp = Files.createTempFile("tessera-finetune", ".tessera");
            try {
                model.save(tmp, model.provenance());
                return PatchForecastModel.load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the model for fine-tuning: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
