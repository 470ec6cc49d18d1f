/**
 * The {@code tessera-spark} command line: sample Spark jobs over Tessera's {@code spark.ml} stages
 * (forecast a folder of CSV series or a Parquet file, and the throughput benchmarks).
 *
 * @see dev.tessera.samples.spark.TesseraSparkCli
 * @see dev.tessera.samples.spark.SparkForecastCommand
 */
package dev.tessera.samples.spark;
