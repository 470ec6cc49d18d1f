package dev.tessera.timeseries.forecast;

import dev.tessera.timeseries.data.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Combines forecasters by a weighted average of their quantiles level by level (Vincentisation)
 * and of their means, and by pooling each member's sample paths in proportion to its weight.
 */
public final class EnsembleForecaster implements Forecaster {
    private final List<Forecaster> members;
    private final double[] weights;

    /**
     * Creates an equally weighted ensemble.
     *
     * @param members at least one forecaster
     */
    public EnsembleForecaster(List<Forecaster> members) {
        this(members, equal(members.size()));
    }

    /**
     * Creates a weighted ensemble.
     *
     * @param members at least one forecaster
     * @param weights one positive weight per member (normalised to sum 1)
     */
    public EnsembleForecaster(List<Forecaster> members, double[] weights) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        if (weights.length != members.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + members.size() + " members");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and > 0, got " + Arrays.toString(weights));
            }
            sum += w;
        }
        this.members = List.copyOf(members);
        this.weights = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = weights[i] / sum;
        }
    }

    private static double[] equal(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    @Override
    public Forecast forecast(TimeSeries history, int horizon, ForecastConfig config) {
        return forecast(List.of(history), horizon, config).get(0);
    }

    /** Runs each member on the whole batch (so model-backed members batch their passes), then combines. */
    @Override
    public List<Forecast> forecast(List<TimeSeries> histories, int horizon, ForecastConfig config) {
        List<List<Forecast>> byMember = new ArrayList<>(members.size());
        for (Forecaster m : members) {
            byMember.add(m.forecast(histories, horizon, config));
        }
        List<Forecast> out = new ArrayList<>(histories.size());
        for (int b = 0; b < histories.size(); b++) {
            List<Forecast> of = new ArrayList<>(members.size());
            for (List<Forecast> fs : byMember) {
                of.add(fs.get(b));
            }
            out.add(combine(histories.get(b).name(), of, horizon, config));
        }
        return out;
    }

    private Forecast combine(String name, List<Forecast> of, int horizon, ForecastConfig config) {
        int k = members.size();
        double[] levels = config.levels();
        double[][] q = new double[levels.length][horizon];
        double[] mean = new double[horizon];
        List<double[]> paths = new ArrayList<>();
        double cumulative = 0;
        int taken = 0;
        for (int j = 0; j < k; j++) {
            Forecast f = of.get(j);
            double w = weights[j];
            double[][] fq = f.quantiles();
            double[] fm = f.mean();
            for (int t = 0; t < horizon; t++) {
                mean[t] += w * fm[t];
                for (int i = 0; i < levels.length; i++) {
                    q[i][t] += w * fq[i][t];
                }
            }
            cumulative += w;
            int upTo = j == k - 1 ? config.samples() : (int) Math.round(cumulative * config.samples());
            double[][] s = f.samples();
            for (int p = 0; p < Math.min(upTo - taken, s.length); p++) {
                paths.add(s[p]);
            }
            taken = Math.max(taken, upTo);
        }
        return new Forecast(name, levels, q, mean, paths.toArray(new double[0][]));
    }
}
