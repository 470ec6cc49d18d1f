package dev.tessera.timeseries.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.eval.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains one small model briefly on sines and lines, then checks what it forecasts. */
class PatchForecasterTest {
    private static final int PERIOD = 16;
    private static PatchForecastModel model;
    private static PatchForecaster forecaster;
    private static double finalLoss;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        SplittableRandom r = new SplittableRandom(11);
        List<double[]> pool = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double[] s = new double[160];
            double a = 0.5 + 5 * r.nextDouble();
            double phase = r.nextDouble() * 2 * Math.PI;
            double slope = (r.nextDouble() - 0.5) * 2;
            double c = (r.nextDouble() - 0.5) * 20;
            boolean sine = i % 2 == 0;
            for (int t = 0; t < s.length; t++) {
                s[t] = sine ? c + a * Math.sin(2 * Math.PI * t / PERIOD + phase) : c + slope * t;
            }
            pool.add(s);
        }
        model = PatchForecastModel.create(new PatchModelConfig(8, 16, PatchModelConfig.patchBackbone(8, 2, 4, 48),
                Metrics.WQL_LEVELS), 3);
        finalLoss = PatchForecasterTrainer.train(model, new PretrainConfig(300, 32, 3e-3, 0, 16, 0, 0, 5), pool,
                List.of(), null);
        forecaster = new PatchForecaster(model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static double[] sine(int n, double phase) {
        double[] s = new double[n];
        for (int t = 0; t < n; t++) {
            s[t] = 10 + 3 * Math.sin(2 * Math.PI * t / PERIOD + phase);
        }
        return s;
    }

    @Test
    void training_reducesThePinballLoss() {
        // an untrained head predicts ~0 for every normalised quantile: loss ~0.4 on these series
        assertTrue(finalLoss < 0.12, "final loss " + finalLoss);
    }

    @Test
    void sine_isForecastNearlyExactly() {
        double[] s = sine(100, 0.3);
        double[] hist = java.util.Arrays.copyOf(s, 80);
        Forecast f = forecaster.forecast(TimeSeries.of("sine", hist), 20, ForecastConfig.defaults());
        double mae = Metrics.mae(java.util.Arrays.copyOfRange(s, 80, 100), f.median());
        assertTrue(mae < 0.35, "MAE " + mae + " on a sine of amplitude 3 (20 steps, autoregressive after 16)");
    }

    @Test
    void linearTrend_isForecastNearlyExactly() {
        double[] s = new double[90];
        for (int t = 0; t < s.length; t++) {
            s[t] = 5 + 0.7 * t;
        }
        Forecast f = forecaster.forecast(TimeSeries.of("line", java.util.Arrays.copyOf(s, 74)), 16,
                ForecastConfig.defaults());
        double mae = Metrics.mae(java.util.Arrays.copyOfRange(s, 74, 90), f.median());
        assertTrue(mae < 1.5, "MAE " + mae + " on a line rising 0.7 per step (values ~60)");
    }

    @Test
    void quantilesAreMonotone_andSamplesMatchTheHorizon() {
        double[] levels = {0.05, 0.25, 0.5, 0.75, 0.95};
        Forecast f = forecaster.forecast(TimeSeries.of("s", sine(50, 1)), 40,
                ForecastConfig.defaults().withLevels(levels));
        double[][] q = f.quantiles();
        for (int t = 0; t < 40; t++) {
            for (int i = 1; i < levels.length; i++) {
                assertTrue(q[i][t] >= q[i - 1][t], "step " + t + " level " + levels[i]);
            }
        }
        assertEquals(100, f.samples().length);
        assertEquals(40, f.samples()[0].length);
    }

    @Test
    void nanLadenHistory_isImputed() {
        double[] s = sine(80, 0.5);
        for (int t = 3; t < 80; t += 7) {
            s[t] = Double.NaN;
        }
        s[0] = Double.NaN;
        Forecast f = forecaster.forecast(TimeSeries.of("gappy", s, Frequency.OTHER), 8, ForecastConfig.defaults());
        for (double v : f.median()) {
            assertTrue(Double.isFinite(v) && v > 4 && v < 16, "median " + v);
        }
    }

    @Test
    void allNaN_or_tooShort_giveClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> forecaster.forecast(
                TimeSeries.of("empty", new double[] {Double.NaN, Double.NaN, Double.NaN}), 4,
                ForecastConfig.defaults()));
        assertTrue(e.getMessage().contains("all 3 history values are missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> forecaster.forecast(
                TimeSeries.of("short", new double[] {1, Double.NaN, 2}), 4, ForecastConfig.defaults()));
        assertTrue(e.getMessage().contains("too short") && e.getMessage().contains("short"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> forecaster.forecast(
                TimeSeries.of("h0", sine(20, 0)), 0, ForecastConfig.defaults()));
        assertTrue(e.getMessage().contains("horizon"), e.getMessage());
    }

    @Test
    void decomposition_keepsAForecastOfTheSeason() {
        double[] s = new double[96];
        for (int t = 0; t < s.length; t++) {
            s[t] = 50 + 0.2 * t + 8 * Math.sin(2 * Math.PI * t / 12);
        }
        Forecast f = forecaster.forecast(TimeSeries.of("seasonal", java.util.Arrays.copyOf(s, 84)), 12,
                ForecastConfig.defaults().withDecomposition(true, 12));
        double mae = Metrics.mae(java.util.Arrays.copyOfRange(s, 84, 96), f.median());
        assertTrue(mae < 2.0, "MAE " + mae + " with seasonal amplitude 8");
    }

    @Test
    void saveAndLoad_giveTheSameForecast() throws Exception {
        Path file = dir.resolve("m.tessera");
        model.save(file);
        try (PatchForecastModel back = PatchForecastModel.load(file)) {
            assertEquals(model.config(), back.config());
            Forecast a = forecaster.forecast(TimeSeries.of("s", sine(60, 2)), 10, ForecastConfig.defaults());
            Forecast b = new PatchForecaster(back).forecast(TimeSeries.of("s", sine(60, 2)), 10,
                    ForecastConfig.defaults());
            assertArrayEquals(a.quantiles()[4], b.quantiles()[4], 1e-9);
        }
        java.nio.file.Files.write(dir.resolve("bad.tessera"), new byte[] {1, 2, 3});
        assertThrows(java.io.IOException.class, () -> PatchForecastModel.load(dir.resolve("bad.tessera")));
    }

    @Test
    void repeatedForecasts_doNotGrowNativeMemory() {
        int before = model.backbone().manager().getManagedArrays().size();
        for (int i = 0; i < 20; i++) {
            forecaster.forecast(TimeSeries.of("s", sine(40 + i, i)), 20, ForecastConfig.defaults());
        }
        assertEquals(before, model.backbone().manager().getManagedArrays().size());
    }

    @Test
    void forecastAll_equalsOneForecastPerSeries() {
        List<PatchForecaster.Request> requests = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // mixed lengths, horizons (one autoregressive: 20 > 16 output steps) and a decomposed one
            ForecastConfig c = i == 3 ? ForecastConfig.defaults().withDecomposition(true, PERIOD)
                    : new ForecastConfig(Metrics.WQL_LEVELS, 20, 5 + i, false, 0);
            requests.add(new PatchForecaster.Request(TimeSeries.of("s" + i, sine(30 + 9 * i, i)), i == 5 ? 20 : 8, c));
        }
        List<Forecast> all = forecaster.forecastAll(requests);
        for (int i = 0; i < requests.size(); i++) {
            PatchForecaster.Request r = requests.get(i);
            Forecast one = forecaster.forecast(r.history(), r.horizon(), r.config());
            // a batched float32 model call rounds differently from a batch of one: equal to ~1e-7 relative
            for (int q = 0; q < one.levels().length; q++) {
                assertClose(one.quantiles()[q], all.get(i).quantiles()[q], "series " + i + " level " + q);
            }
            assertClose(one.mean(), all.get(i).mean(), "series " + i + " mean");
        }
        List<PatchForecaster.Request> bad = List.of(requests.get(0),
                new PatchForecaster.Request(TimeSeries.of("short", new double[] {1, 2}), 4, ForecastConfig.defaults()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> forecaster.forecastAll(bad));
        assertTrue(e.getMessage().contains("'short'"), e.getMessage());
    }

    @Test
    void forecastAll_batchesRequestsWhoseConfigsAreEqualButBuiltApart() {
        List<TimeSeries> series = new ArrayList<>();
        List<PatchForecaster.Request> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            series.add(TimeSeries.of("s" + i, sine(40 + 7 * i, i)));
            // a new config object per request, as a table of rows builds them
            requests.add(new PatchForecaster.Request(series.get(i), 8,
                    new ForecastConfig(Metrics.WQL_LEVELS.clone(), 20, 9, false, 0)));
        }
        assertEquals(requests.get(0).config(), requests.get(1).config());
        assertEquals(requests.get(0).config().hashCode(), requests.get(1).config().hashCode());
        List<Forecast> all = forecaster.forecastAll(requests);
        List<Forecast> batch = forecaster.forecast(series, 8, requests.get(0).config());
        for (int i = 0; i < series.size(); i++) {
            for (int q = 0; q < batch.get(i).levels().length; q++) {
                assertArrayEquals(batch.get(i).quantiles()[q], all.get(i).quantiles()[q], 0.0,
                        "series " + i + " level " + q + ": forecast in the same batch");
            }
        }
        assertNotEquals(requests.get(0).config(), new ForecastConfig(Metrics.WQL_LEVELS, 20, 10, false, 0));
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int t = 0; t < expected.length; t++) {
            double tol = 1e-6 * Math.max(1, Math.abs(expected[t]));
            assertEquals(expected[t], actual[t], tol, what + " step " + t);
        }
    }
}
