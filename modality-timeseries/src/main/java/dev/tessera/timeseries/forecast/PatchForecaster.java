package dev.tessera.timeseries.forecast;

import dev.tessera.timeseries.data.MissingValues;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.decompose.Decomposition;
import dev.tessera.timeseries.decompose.StlDecomposer;
import dev.tessera.timeseries.tokenize.RevIn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Contexts per forward pass of the model. */
    public static final int MAX_BATCH = 256;

    private final PatchForecastModel model;
    private final boolean decompose;
    private final int lastValues;

    /**
     * Wraps a model (not closed by this forecaster); decomposition as the config says, the whole history.
     *
     * @param model the model
     */
    public PatchForecaster(PatchForecastModel model) {
        this(model, false, 0);
    }

    /**
     * Wraps a model (not closed by this forecaster) with fixed preprocessing.
     *
     * @param model the model
     * @param decompose whether to always decompose (otherwise {@link ForecastConfig#decompose()} decides)
     * @param lastValues read only the last this many values of each history (after imputation), 0 = all
     */
    public PatchForecaster(PatchForecastModel model, boolean decompose, int lastValues) {
        if (lastValues < 0) {
            throw new IllegalArgumentException("lastValues (" + lastValues + ") must be >= 0");
        }
        this.model = model;
        this.decompose = decompose;
        this.lastValues = lastValues;
    }

    @Override
    public Forecast forecast(TimeSeries history, int horizon, ForecastConfig config) {
        return forecast(List.of(history), horizon, config).get(0);
    }

    /**
     * Forecasts many series at once: the model runs on batches of {@value #MAX_BATCH} contexts. Each series gets
     * the forecast {@link #forecast(TimeSeries, int, ForecastConfig)} would give it alone (its sample paths
     * are seeded by {@code config.seed()} as there).
     */
    @Override
    public List<Forecast> forecast(List<TimeSeries> histories, int horizon, ForecastConfig config) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon (" + horizon + ") must be >= 1");
        }
        List<Prepared> prepared = new ArrayList<>(histories.size());
        for (TimeSeries h : histories) {
            prepared.add(prepare(h, horizon, config)); // every series checked before any is forecast
        }
        // MAX_BATCH series at a time: their sample paths are the bulk of the memory, and a bounded batch keeps
        // them short-lived (10,000 series x 100 paths x 24 steps at once were 190 MB live, copied again into
        // the forecasts, and the collector's work took the second core from a second forecasting thread)
        List<Forecast> out = new ArrayList<>(prepared.size());
        for (int from = 0; from < prepared.size(); from += MAX_BATCH) {
            out.addAll(sample(prepared.subList(from, Math.min(prepared.size(), from + MAX_BATCH)), horizon, config));
        }
        return out;
    }

    /**
     * One series to forecast.
     *
     * @param history the past values (NaN = missing)
     * @param horizon the number of steps, at least 1
     * @param config levels, sample paths, seed and preprocessing
     */
    public record Request(TimeSeries history, int horizon, ForecastConfig config) { }

    /**
     * Forecasts many series with their own horizons and configs: requests that share a horizon and an equal
     * config (by value, however they were built) are forecast as one batch ({@link #forecast(List, int, ForecastConfig)}). Each forecast is the
     * one {@link #forecast} gives for the same request.
     *
     * @param requests the series, horizons and configs
     * @return one forecast per request, in order
     * @throws IllegalArgumentException if any request is invalid (as {@link #forecast} would throw)
     */
    public List<Forecast> forecastAll(List<Request> requests) {
        record Key(int horizon, ForecastConfig config) { }
        Map<Key, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            groups.computeIfAbsent(new Key(r.horizon(), r.config()), k -> new ArrayList<>()).add(i);
        }
        Forecast[] out = new Forecast[requests.size()];
        for (Map.Entry<Key, List<Integer>> g : groups.entrySet()) {
            List<TimeSeries> series = new ArrayList<>(g.getValue().size());
            for (int i : g.getValue()) {
                series.add(requests.get(i).history());
            }
            List<Forecast> fs = forecast(series, g.getKey().horizon(), g.getKey().config());
            for (int k = 0; k < fs.size(); k++) {
                out[g.getValue().get(k)] = fs.get(k);
            }
        }
        return List.of(out);
    }

    /** A history ready for the model: the series it reads, the seasonal part to add back or multiply in. */
    private record Prepared(String name, double[] base, double[] seasonal, double[] factor) { }

    private Prepared prepare(TimeSeries history, int horizon, ForecastConfig config) {
        if (history.channelCount() != 1) {
            throw new IllegalArgumentException("series '" + history.name() + "' has " + history.channelCount()
                    + " channels; forecast each channel on its own (channel independence)");
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
        if (lastValues > 0 && filled.length > lastValues) {
            filled = Arrays.copyOfRange(filled, filled.length - lastValues, filled.length);
        }
        int m = config.period() > 0 ? config.period() : history.frequency().defaultPeriod();
        double[] base = filled;
        double[] seasonal = new double[horizon];
        double[] factor = null;
        if ((decompose || config.decompose()) && m > 1 && filled.length >= Math.max(4, 2 * m)) {
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
        return new Prepared(history.name(), base, seasonal, factor);
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

    private List<Forecast> sample(List<Prepared> series, int horizon, ForecastConfig config) {
        PatchModelConfig mc = model.config();
        double[] headScores = QuantileFunction.scores(mc.levels());
        int o = mc.outputLength();
        int paths = config.samples();
        int n = series.size();
        double c = PATH_CORRELATION;
        double innov = Math.sqrt(1 - c * c);
        SplittableRandom[] rng = new SplittableRandom[n];
        double[][][] samples = new double[n][paths][horizon];
        double[][] z = new double[n][paths];
        List<double[]> bases = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            rng[b] = new SplittableRandom(config.seed());
            for (int p = 0; p < paths; p++) {
                z[b][p] = rng[b].nextGaussian();
            }
            bases.add(series.get(b).base());
        }
        // first pass: one context per series, shared by its paths
        List<QuantileFunction[]> first = predict(bases, headScores);
        int n1 = Math.min(o, horizon);
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < n1; t++) {
                for (int p = 0; p < paths; p++) {
                    if (t > 0) {
                        z[b][p] = c * z[b][p] + innov * rng[b].nextGaussian();
                    }
                    samples[b][p][t] = first.get(b)[t].atScore(z[b][p]);
                }
            }
        }
        int done = n1;
        while (done < horizon) {
            // autoregressive: every path of every series is appended to its history, all run as one batch
            List<double[]> ctx = new ArrayList<>(n * paths);
            for (int b = 0; b < n; b++) {
                double[] base = series.get(b).base();
                for (int p = 0; p < paths; p++) {
                    double[] x = Arrays.copyOf(base, base.length + done);
                    System.arraycopy(samples[b][p], 0, x, base.length, done);
                    ctx.add(x);
                }
            }
            List<QuantileFunction[]> next = predict(ctx, headScores);
            int k = Math.min(o, horizon - done);
            for (int b = 0; b < n; b++) {
                for (int t = 0; t < k; t++) {
                    for (int p = 0; p < paths; p++) {
                        z[b][p] = c * z[b][p] + innov * rng[b].nextGaussian();
                        samples[b][p][done + t] = next.get(b * paths + p)[t].atScore(z[b][p]);
                    }
                }
            }
            done += k;
        }
        double[] levels = config.levels();
        double[] levelScores = QuantileFunction.scores(levels);
        List<Forecast> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            Prepared pr = series.get(b);
            double[][] s = samples[b];
            // steps of the first pass take the head's quantiles and mean; only the autoregressive ones the paths'
            double[][] q = new double[levels.length][horizon];
            double[] mean = new double[horizon];
            double[] col = new double[paths];
            for (int t = n1; t < horizon; t++) {
                Forecast.empiricalStep(s, t, levels, q, mean, col);
            }
            for (int t = 0; t < n1; t++) {
                for (int i = 0; i < levels.length; i++) {
                    q[i][t] = first.get(b)[t].atScore(levelScores[i]);
                }
                mean[t] = first.get(b)[t].mean();
            }
            double[] seasonal = pr.seasonal();
            for (int t = 0; t < horizon; t++) {
                for (int i = 0; i < levels.length; i++) {
                    q[i][t] += seasonal[t];
                    if (i > 0) {
                        q[i][t] = Math.max(q[i][t], q[i - 1][t]);
                    }
                }
                mean[t] += seasonal[t];
                for (int p = 0; p < paths; p++) {
                    s[p][t] += seasonal[t];
                }
            }
            Forecast f = new Forecast(pr.name(), levels, q, mean, s);
            out.add(pr.factor() == null ? f : scale(f, pr.factor()));
        }
        return out;
    }

    /**
     * Runs the model on contexts, {@value #MAX_BATCH} at a time, and returns, per context, one quantile function
     * per output step in the series' units.
     */
    private List<QuantileFunction[]> predict(List<double[]> contexts, double[] headScores) {
        List<QuantileFunction[]> res = new ArrayList<>(contexts.size());
        for (int from = 0; from < contexts.size(); from += MAX_BATCH) {
            res.addAll(predictBatch(contexts.subList(from, Math.min(contexts.size(), from + MAX_BATCH)), headScores));
        }
        return res;
    }

    private List<QuantileFunction[]> predictBatch(List<double[]> contexts, double[] headScores) {
        PatchModelConfig mc = model.config();
        int o = mc.outputLength();
        int nq = headScores.length;
        PatchForecastModel.Encoded enc = model.encode(contexts);
        float[] out = model.predictQuantiles(enc);
        List<QuantileFunction[]> res = new ArrayList<>(contexts.size());
        for (int b = 0; b < contexts.size(); b++) {
            RevIn norm = enc.norms()[b];
            QuantileFunction[] steps = new QuantileFunction[o];
            for (int t = 0; t < o; t++) {
                double[] vals = new double[nq];
                for (int i = 0; i < nq; i++) {
                    vals[i] = norm.denormalize(out[(b * o + t) * nq + i]);
                }
                steps[t] = QuantileFunction.ofScores(headScores, vals);
            }
            res.add(steps);
        }
        return res;
    }
}
