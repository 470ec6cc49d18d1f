package dev.tessera.samples.demo;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera demo}: runs every demo part and writes the report and the metrics. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job: trains small models on every modality's embedded task and writes "
                + "out/demo/report.md and out/demo/metrics.json.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "A smaller budget (about 2 minutes).")
    boolean quick;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "demo");

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--only", split = ",", description = "Run only these parts (by name).")
    List<String> only;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        List<DemoPart> parts = new ArrayList<>();
        ServiceLoader.load(DemoPart.class).forEach(parts::add);
        parts.sort(Comparator.comparingInt(DemoPart::order).thenComparing(DemoPart::name));
        if (only != null) {
            parts.removeIf(p -> !only.contains(p.name()));
        }
        if (parts.isEmpty()) {
            throw new IllegalStateException("no demo parts to run" + (only != null ? " named " + only : ""));
        }
        DemoContext ctx = new DemoContext(out.toAbsolutePath(), quick, seed, System.err);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("mode", quick ? "quick" : "full");
        StringBuilder report = new StringBuilder("# Tessera demo\n\nMode: **" + (quick ? "quick" : "full")
                + "**, seed " + seed + ".\n\n");
        for (DemoPart part : parts) {
            System.err.println("== demo: " + part.name());
            long p0 = System.nanoTime();
            DemoResult r = part.run(ctx);
            Map<String, Object> m = new LinkedHashMap<>(r.metrics());
            m.put("seconds", (System.nanoTime() - p0) / 1e9);
            metrics.put(part.name(), m);
            report.append(r.markdown()).append("\n\n");
            writeOutputs(metrics, report, t0);
        }
        double seconds = writeOutputs(metrics, report, t0);
        System.out.println("demo finished in " + String.format("%.1f", seconds) + " s; report: "
                + out.resolve("report.md") + ", metrics: " + out.resolve("metrics.json"));
        return 0;
    }

    private double writeOutputs(Map<String, Object> metrics, StringBuilder report, long t0) throws Exception {
        double seconds = (System.nanoTime() - t0) / 1e9;
        metrics.put("seconds", seconds);
        AtomicFiles.writeString(out.resolve("metrics.json"), Json.GSON.toJson(metrics) + "\n");
        AtomicFiles.writeString(out.resolve("report.md"), report + String.format("_Total time: %.1f s._%n", seconds));
        return seconds;
    }
}
