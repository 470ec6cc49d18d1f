package dev.tessera.samples.timeseries;

import dev.tessera.samples.demo.DemoContext;
import dev.tessera.samples.demo.DemoPart;
import dev.tessera.samples.demo.DemoResult;
import dev.tessera.timeseries.pipeline.ForecastDemo;
import java.nio.file.Path;

/**
 * The time-series part of {@code tessera demo}: pre-trains on KernelSynth, forecasts held-out
 * synthetic series and the real benchmark series zero-shot, and writes a forecast plot.
 */
public final class TimeSeriesDemoPart implements DemoPart {

    @Override
    public String name() {
        return "timeseries";
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public DemoResult run(DemoContext context) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path shared = Path.of(System.getProperty("tessera.shared.dir", "../shared"), "data", "timeseries");
        ForecastDemo.Result r = ForecastDemo.run(ForecastDemo.Settings.of(context.quick(), context.seed()),
                context.outDir(), shared, line -> context.log().println("  timeseries: " + line));
        return new DemoResult(r.metrics(), r.markdown());
    }
}
