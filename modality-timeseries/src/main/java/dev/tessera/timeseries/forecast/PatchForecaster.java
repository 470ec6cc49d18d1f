package dev.tessera.timeseries.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.tessera.timeseries.data.MissingValues;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.decompose.Decomposition;
import dev.tessera.timeseries.decompose.StlDecomposer;
import dev.tessera.timeseries.tokenize.RevIn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Forecasts with a {@link PatchForecastModel}.
 *
 * <p>Missing values in the history are imputed by linear interpolation (ends take the nearest
 * observed value) before the model sees them. With decomposition on, the model forecasts the
 * seasonally adjusted series and the seasonal part's continuation is put back: multiplicatively
 * (STL of the logarithms, seasonal factors divided out and multiplied back) when every value is
 * positive, additively otherwise.
 *
 * <p>The first O steps come from one pass: their quantiles are the head's (interpolated to the
 * requested levels by {@link QuantileFunction}), their mean is that function's mean. Sample paths
 * draw a level per step from a Gaussian AR(1) process in normal-score space (correlation
 * {@value #PATH_CORRELATION} between steps, so paths are smooth but the marginals are the
 * predicted ones). Beyond O steps the forecast is autoregressive: each path is appended to the
 * history and the model is run again on all paths as one batch; those steps' quantiles and mean
 * are taken from the paths.
 */
public final class PatchForecaster implements Forecaster {
    /** Correlation of the normal scores of consecutive steps of a sample path. */
    public static final double PATH_CORRELATION = 0.8;
    /** The fewest observed values a history must have. */
    public static final int MIN_OBSERVED = 3;

    private final PatchForecastModel model;

    /**
     * Wraps a model (not closed by this forecaster).
     *
     * @param model the model
     */
    public PatchForecaster(PatchForecastModel model) {
        this.model = model;
    }

    /** The most contexts {@link #forecastAll} runs through the model in one call. */
    public static final int MAX_BATCH = 256;

    /**
     * One series to forecast.
     *
     * @param history the past values (NaN = missing)
     * @param horizon the number of steps, at least 1
     * @param config levels, sample paths, seed and preprocessing
     */
    public record Request(TimeSeries history, int horizon, ForecastConfig config) { }

    /** A validated, imputed (and possibly deseasonalised) request, ready for the model. */
    private record Prepared(String name, double[] base, double[] seasonal, double[] factor, int horizon,
            ForecastConfig config) { }

    @Override
    public Forecast forecast(TimeSeries history, int horizon, ForecastConfig config) {
        return forecastAll(List.of(new Request(history, horizon, config))).get(0);
    }

    /**
     * Forecasts many series, running the model's first pass over up to {@value #MAX_BATCH} of them
     * at once. Each forecast is the one {@link #forecast} gives for the same request (same seed, same
     * sample paths); only the batching of the model call differs.
     *
     * @param requests the series, horizons and configs
     * @return one forecast per request, in order
     * @throws IllegalArgumentException if any request is invalid (as {@link #forecast} would throw)
     */
    public List<Forecast> forecastAll(List<Request> requests) {
        List<Prepared> prepared = new ArrayList<>(requests.size());
        for (Request r : requests) {
            prepared.add(prepare(r.history(), r.horizon(), r.config()));
        }
        double[] headLevels = model.config().levels();
        List<QuantileFunction[]> first = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i += MAX_BATCH) {
            List<double[]> bases = new ArrayList<>();
            for (Prepared p : prepared.subList(i, Math.min(prepared.size(), i + MAX_BATCH))) {
                bases.add(p.base());
            }
            first.addAll(predict(bases, headLevels));
        }
        List<Forecast> out = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            Forecast f = sample(p.name(), p.base(), p.seasonal(), p.horizon(), p.config(), first.get(i));
            out.add(p.factor() == null ? f : scale(f, p.factor()));
        }
        return out;
    }

    private static Prepared prepare(TimeSeries history, int horizon, ForecastConfig config) {
        if (history.channelCount() != 1) {
            throw new IllegalArgumentException("series '" + history.name() + "' has " + history.channelCount()
                    + " channels; forecast each channel on its own (channel independence)");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon (" + horizon + ") must be >= 1");
        }
        double[] v = history.values();
        int observed = MissingValues.observed(v);
        if (observed == 0) {
            throw new IllegalArgumentException("series '" + history.name() + "': all " + v.length
                    + " history values are missing (NaN); nothing to forecast from");
        }
        if (observed < MIN_OBSERVED) {
            throw new IllegalArgumentException("series '" + history.name() + "': history too short, " + observed
                    + " observed values (need at least " + MIN_OBSERVED + ")");
        }
        double[] filled = MissingValues.interpolate(v, "series '" + history.name() + "'");
        int m = config.period() > 0 ? config.period() : history.frequency().defaultPeriod();
        double[] base = filled;
        double[] seasonal = new double[horizon];
        double[] factor = null;
        if (config.decompose() && m > 1 && filled.length >= Math.max(4, 2 * m)) {
            if (Arrays.stream(filled).allMatch(x -> x > 0)) {
                // multiplicative: decompose the logs, divide the seasonal factors out, multiply them back
                double[] logs = Arrays.stream(filled).map(Math::log).toArray();
                Decomposition d = StlDecomposer.defaults().decompose(logs, m);
                double[] s = d.seasonal();
                base = new double[filled.length];
                for (int i = 0; i < base.length; i++) {
                    base[i] = filled[i] / Math.exp(s[i]);
                }
                factor = Arrays.stream(d.seasonalForecast(horizon)).map(Math::exp).toArray();
            } else {
                Decomposition d = StlDecomposer.defaults().decompose(filled, m);
                base = d.seasonallyAdjusted();
                seasonal = d.seasonalForecast(horizon);
            }
        }
        return new Prepared(history.name(), base, seasonal, factor, horizon, config);
    }

    /** Multiplies every step of a forecast by a positive factor (quantiles keep their order). */
    private static Forecast scale(Forecast f, double[] factor) {
        double[][] q = f.quantiles();
        double[] mean = f.mean();
        double[][] s = f.samples();
        for (int t = 0; t < factor.length; t++) {
            for (double[] row : q) {
                row[t] *= factor[t];
            }
            mean[t] *= factor[t];
            for (double[] path : s) {
                path[t] *= factor[t];
            }
        }
        return new Forecast(f.series(), f.levels(), q, mean, s);
    }

    private Forecast sample(String name, double[] base, double[] seasonal, int horizon, ForecastConfig config,
            QuantileFunction[] first) {
        PatchModelConfig mc = model.config();
        double[] headLevels = mc.levels();
        int o = mc.outputLength();
        int paths = config.samples();
        SplittableRandom rng = new SplittableRandom(config.seed());
        double[][] samples = new double[paths][horizon];
        double[] z = new double[paths];
        for (int p = 0; p < paths; p++) {
            z[p] = rng.nextGaussian();
        }
        double c = PATH_CORRELATION;
        double innov = Math.sqrt(1 - c * c);
        // first pass (given): one context shared by all paths
        int n1 = Math.min(o, horizon);
        for (int t = 0; t < n1; t++) {
            for (int p = 0; p < paths; p++) {
                if (t > 0) {
                    z[p] = c * z[p] + innov * rng.nextGaussian();
                }
                samples[p][t] = first[t].atScore(z[p]);
            }
        }
        int done = n1;
        while (done < horizon) {
            List<double[]> ctx = new ArrayList<>(paths);
            for (int p = 0; p < paths; p++) {
                double[] x = Arrays.copyOf(base, base.length + done);
                System.arraycopy(samples[p], 0, x, base.length, done);
                ctx.add(x);
            }
            List<QuantileFunction[]> next = predict(ctx, headLevels);
            int k = Math.min(o, horizon - done);
            for (int t = 0; t < k; t++) {
                for (int p = 0; p < paths; p++) {
                    z[p] = c * z[p] + innov * rng.nextGaussian();
                    samples[p][done + t] = next.get(p)[t].atScore(z[p]);
                }
            }
            done += k;
        }
        double[] levels = config.levels();
        Forecast empirical = Forecast.fromSamples(name, samples, levels);
        double[][] q = empirical.quantiles();
        double[] mean = empirical.mean();
        for (int t = 0; t < n1; t++) {
            for (int i = 0; i < levels.length; i++) {
                q[i][t] = first[t].at(levels[i]);
            }
            mean[t] = first[t].mean();
        }
        for (int t = 0; t < horizon; t++) {
            for (int i = 0; i < levels.length; i++) {
                q[i][t] += seasonal[t];
                if (i > 0) {
                    q[i][t] = Math.max(q[i][t], q[i - 1][t]);
                }
            }
            mean[t] += seasonal[t];
            for (int p = 0; p < paths; p++) {
                samples[p][t] += seasonal[t];
            }
        }
        return new Forecast(name, levels, q, mean, samples);
    }

    /**
     * Runs the model on contexts and returns, per context, one quantile function per output step
     * in the series' units.
     */
    private List<QuantileFunction[]> predict(List<double[]> contexts, double[] headLevels) {
        PatchModelConfig mc = model.config();
        int o = mc.outputLength();
        int nq = headLevels.length;
        PatchForecastModel.Encoded enc = model.encode(contexts);
        float[] out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray pred = model.predict(enc, model.backbone().manager());
            out = pred.toFloatArray();
        }
        List<QuantileFunction[]> res = new ArrayList<>(contexts.size());
        for (int b = 0; b < contexts.size(); b++) {
            RevIn norm = enc.norms()[b];
            QuantileFunction[] steps = new QuantileFunction[o];
            for (int t = 0; t < o; t++) {
                double[] vals = new double[nq];
                for (int i = 0; i < nq; i++) {
                    vals[i] = norm.denormalize(out[(b * o + t) * nq + i]);
                }
                steps[t] = new QuantileFunction(headLevels, vals);
            }
            res.add(steps);
        }
        return res;
    }
}
