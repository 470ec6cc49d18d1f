package dev.tessera.samples.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link DemoPart} returns.
 *
 * @param metrics values for {@code metrics.json} under the part's name (numbers, strings, nested maps)
 * @param markdown the part's section of {@code report.md} (may link images in the output folder)
 */
public record DemoResult(Map<String, Object> metrics, String markdown) {
    /** Copies the metrics. */
    public DemoResult {
        metrics = new LinkedHashMap<>(metrics);
    }
}
