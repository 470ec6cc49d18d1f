package dev.tessera.spark;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

/**
 * Run in a fresh JVM by {@link PersistenceTest}: loads a saved pipeline, transforms a Parquet file and
 * writes the result as Parquet. Arguments: pipeline folder, input, output.
 */
public final class PipelineRoundTrip {
    private PipelineRoundTrip() { }

    public static void main(String[] args) {
        SparkSession spark = LocalSpark.start("PipelineRoundTrip");
        try {
            PipelineModel model = PipelineModel.load(args[0]);
            model.transform(spark.read().parquet(args[1])).write().parquet(args[2]);
        } finally {
            spark.stop();
        }
    }
}
