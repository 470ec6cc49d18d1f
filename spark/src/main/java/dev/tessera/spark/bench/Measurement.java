package dev.tessera.spark.bench;

/**
 * One timed run.
 *
 * @param way what ran (e.g. {@code loop}, {@code batched}, {@code local[2]})
 * @param repeat which repetition (0-based; ways are interleaved within a repetition)
 * @param items series or tokens processed
 * @param seconds wall-clock time
 */
public record Measurement(String way, int repeat, long items, double seconds) {
    /** @return items per second */
    public double perSecond() {
        return items / seconds;
    }
}
