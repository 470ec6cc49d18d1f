package dev.tessera.timeseries.forecast;

import dev.tessera.timeseries.data.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Combines forecasters by averaging their quantiles level by level (Vincentisation) and their
 * means, and pooling an equal share of each member's sample paths.
 */
public final class EnsembleForecaster implements Forecaster {
    private final List<Forecaster> members;

    /**
     * Creates an ensemble.
     *
     * @param members at least one forecaster
     */
    public EnsembleForecaster(List<Forecaster> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        this.members = List.copyOf(members);
    }

    @Override
    public Forecast forecast(TimeSeries history, int horizon, ForecastConfig config) {
        int k = members.size();
        double[] levels = config.levels();
        double[][] q = new double[levels.length][horizon];
        double[] mean = new double[horizon];
        List<double[]> paths = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Forecast f = members.get(j).forecast(history, horizon, config);
            double[][] fq = f.quantiles();
            double[] fm = f.mean();
            for (int t = 0; t < horizon; t++) {
                mean[t] += fm[t] / k;
                for (int i = 0; i < levels.length; i++) {
                    q[i][t] += fq[i][t] / k;
                }
            }
            double[][] s = f.samples();
            int share = config.samples() / k + (j < config.samples() % k ? 1 : 0);
            for (int p = 0; p < Math.min(share, s.length); p++) {
                paths.add(s[p]);
            }
        }
        return new Forecast(history.name(), levels, q, mean, paths.toArray(new double[0][]));
    }
}
