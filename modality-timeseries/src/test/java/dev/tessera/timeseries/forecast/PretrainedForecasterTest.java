package dev.tessera.timeseries.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.eval.FineTuning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model shipped in the jar: loads with one call and forecasts any series the contract allows. */
class PretrainedForecasterTest {
    /** Fewer sample paths than the default keep the autoregressive cases quick. */
    private static final ForecastConfig FEW_PATHS = new ForecastConfig(ForecastConfig.defaults().levels(), 20, 1,
            false, 0);
    private static PretrainedForecaster forecaster;

    @BeforeAll
    static void load() {
        forecaster = Forecaster.pretrained();
    }

    @AfterAll
    static void close() {
        forecaster.close();
    }

    private static double[] seasonal(int n, int m, double trend) {
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = 100 + trend * t + 20 * Math.sin(2 * Math.PI * t / m);
        }
        return x;
    }

    private static void assertWellFormed(Forecast f, int horizon, int paths) {
        assertEquals(horizon, f.horizon());
        assertEquals(paths, f.samples().length);
        double[][] q = f.quantiles();
        for (int t = 0; t < horizon; t++) {
            for (int i = 1; i < q.length; i++) {
                assertTrue(q[i][t] >= q[i - 1][t], "quantiles ordered at step " + t);
            }
        }
        for (double v : f.median()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void provenanceSaysItWasTrainedOnGeneratedDataOnly() {
        var p = forecaster.provenance();
        assertEquals(PatchForecastModel.FORMAT, p.get("format"));
        assertTrue(p.get("data").startsWith("generated only"), p.get("data"));
        for (String key : List.of("recipe", "seed", "steps", "sdk_version", "commit", "created", "jvm")) {
            assertTrue(p.containsKey(key), "provenance has " + key + ": " + p.keySet());
        }
        assertTrue(p.get("recipe").contains("\"realFraction\":0.0"), p.get("recipe"));
        // the shipped bundle predates PatchModelConfig holding a ModelConfig: its old patch_config still reads
        assertTrue(p.get("patch_config").contains("\"contextPatches\":16"), p.get("patch_config"));
        assertEquals(PatchModelConfig.defaults(), forecaster.model().config());
    }

    @Test
    void forecastsEveryFrequencyAndLongHorizonsAutoregressively() {
        int out = forecaster.model().config().outputLength();
        Object[][] cases = {
            {Frequency.MONTHLY, 12, 144}, {Frequency.QUARTERLY, 4, 40}, {Frequency.YEARLY, 1, 30},
            {Frequency.WEEKLY, 1, 104}, {Frequency.DAILY, 7, 400}, {Frequency.OTHER, 24, 500}};
        for (Object[] c : cases) {
            TimeSeries s = TimeSeries.of("s", seasonal((int) c[2], (int) c[1], 0.5), (Frequency) c[0]);
            for (int h : new int[] {1, 24, 3 * out}) {
                assertWellFormed(forecaster.forecast(s, h, FEW_PATHS), h, 20);
            }
        }
        // a rising seasonal series: the median keeps rising on average over three output lengths
        Forecast f = forecaster.forecast(TimeSeries.of("up", seasonal(144, 12, 1.0), Frequency.MONTHLY), 3 * out,
                FEW_PATHS);
        double[] med = f.median();
        double first = Arrays.stream(med, 0, 12).average().orElseThrow();
        double last = Arrays.stream(med, med.length - 12, med.length).average().orElseThrow();
        assertTrue(last > first, "rising trend continued: first year mean " + first + ", last " + last);
    }

    @Test
    void shortConstantAndGappySeries() {
        double[] eight = {3, 5, 4, 6, 5, 7, 6, 8};
        assertWellFormed(forecaster.forecast(TimeSeries.of("eight", eight, Frequency.YEARLY), 6), 6, 100);
        double[] flat = new double[50];
        Arrays.fill(flat, 42);
        Forecast c = forecaster.forecast(TimeSeries.of("flat", flat, Frequency.MONTHLY), 24);
        assertWellFormed(c, 24, 100);
        for (double v : c.median()) {
            assertEquals(42, v, 1.0, "a constant series stays near its value");
        }
        double[] gaps = seasonal(120, 12, 0.2);
        for (int t = 30; t < 40; t++) {
            gaps[t] = Double.NaN;
        }
        gaps[119] = Double.NaN;
        assertWellFormed(forecaster.forecast(TimeSeries.of("gaps", gaps, Frequency.MONTHLY), 18, FEW_PATHS), 18, 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> forecaster.forecast(TimeSeries.of("tiny", new double[] {1, Double.NaN}), 4));
        assertTrue(e.getMessage().contains("tiny") && e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void aBatchGivesWhatEachSeriesGetsAlone() {
        List<TimeSeries> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(TimeSeries.of("b" + i, seasonal(60 + 40 * i, 12, i), Frequency.MONTHLY));
        }
        List<Forecast> together = forecaster.forecast(batch, 40, FEW_PATHS);
        for (int i = 0; i < batch.size(); i++) {
            Forecast alone = forecaster.forecast(batch.get(i), 40, FEW_PATHS);
            double[] a = alone.median();
            double[] b = together.get(i).median();
            for (int t = 0; t < a.length; t++) {
                // the same model on a batch of other size: equal up to float rounding
                assertEquals(a[t], b[t], 1e-4 * Math.max(1, Math.abs(a[t])), "series " + i + " step " + t);
            }
        }
    }

    @Test
    void fineTuningReportsItsBacktestAndLeavesThePretrainedModelAlone() {
        List<TimeSeries> mine = List.of(TimeSeries.of("mine", seasonal(120, 12, 0.3), Frequency.MONTHLY),
                TimeSeries.of("other", seasonal(90, 12, -0.2), Frequency.MONTHLY));
        Forecast before = forecaster.forecast(mine.get(0), 12);
        FineTuning ft = FineTuning.run(forecaster, mine, 12, 5);
        try (PretrainedForecaster tuned = ft.forecaster()) {
            assertEquals(5, ft.steps());
            assertTrue(ft.zeroShotMase() > 0 && Double.isFinite(ft.tunedMase()) && Double.isFinite(ft.tunedWql()));
            assertEquals(ft.tunedWql() / ft.zeroShotWql() - 1, ft.wqlChange(), 1e-12);
            assertWellFormed(tuned.forecast(mine.get(0), 12), 12, 100);
            assertEquals(ft.tunedWql() < ft.zeroShotWql() && ft.tunedMase() < ft.zeroShotMase(), ft.adopted(),
                    "adopted exactly when the held-out copy was better on both metrics");
            if (ft.adopted()) {
                assertNotEquals(before, tuned.forecast(mine.get(0), 12), "an adopted forecaster was adapted");
            } else {
                assertEquals(before, tuned.forecast(mine.get(0), 12), "a kept forecaster is the pretrained one");
            }
        }
        assertEquals(before, forecaster.forecast(mine.get(0), 12), "the pretrained weights did not change");
        assertThrows(IllegalArgumentException.class, () -> FineTuning.run(forecaster, mine, 200, 5));
    }
}
