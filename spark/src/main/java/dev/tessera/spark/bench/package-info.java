/**
 * Throughput harnesses for the Spark stages against the single-JVM APIs (run by the {@code tessera-spark}
 * sample commands; no speed targets live in tests).
 *
 * @see dev.tessera.spark.bench.ForecastThroughput
 */
package dev.tessera.spark.bench;
