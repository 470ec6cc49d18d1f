/**
 * Tessera on Apache Spark: {@code spark.ml} stages that load a Tessera model once per executor JVM
 * (lazily, shared by the JVM's task threads) and run it over the rows of a partition in batches.
 *
 * <p>Stages: {@link dev.tessera.spark.SeriesForecaster} (series to quantile forecasts),
 * {@link dev.tessera.spark.TextTokenizer} (text to ids, with {@link dev.tessera.spark.TokenShards}
 * writing the ids as id files), {@link dev.tessera.spark.Generator} and {@link dev.tessera.spark.Scorer}
 * (prompts to seeded generations and log-likelihoods), and {@link dev.tessera.spark.ForecastMetrics}
 * (forecast-eval's metrics as Spark aggregations). Every stage saves and loads with
 * {@code MLWritable}/{@code MLReadable}, so a {@code PipelineModel} holding one does too.
 *
 * <p>Bad rows: with {@code onError = "column"} (the default) a row that cannot be processed gets null
 * outputs and a message in the {@code error} column that names the row and the reason; with
 * {@code "fail"} the first such row fails the job with that message. A model file that is missing,
 * corrupt or of the wrong kind always fails the job.
 *
 * @see dev.tessera.spark.SeriesForecaster
 * @see dev.tessera.spark.ExecutorModels
 */
package dev.tessera.spark;
