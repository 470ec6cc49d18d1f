package dev.tessera.samples.demo;

/**
 * One section of {@code tessera demo} (arithmetic, vision, time series, 3D...). Parts are found with
 * {@link java.util.ServiceLoader} through {@code META-INF/services/dev.tessera.samples.demo.DemoPart}
 * and run in ascending {@link #order()}.
 */
public interface DemoPart {

    /** @return the section's key in {@code metrics.json} (e.g. {@code "arithmetic"}) */
    String name();

    /** @return the position in the demo; lower runs first */
    default int order() {
        return 100;
    }

    /**
     * Runs the part.
     *
     * @param context output folder, quick flag, seed and log
     * @return metrics and a Markdown section for the report
     * @throws Exception if the part fails; the demo then fails with its message
     */
    DemoResult run(DemoContext context) throws Exception;
}
